"""Chair rotation (issue 3): terms, elections, overrides, the scheduler's handovers.

Blueprints: ``bp`` (the timeline and election pages), ``admin_bp`` (policy, elections,
overrides), ``api_bp`` (``/api/v1/terms``, ``/api/v1/chair``) and ``calendar_bp``
(``/calendar/rotation.ics``). Importing the package registers the jobs, the CLI, the
notification kinds and the home page's troika.
"""

from . import cli, jobs, notices  # noqa: F401  (CLI on bp, scheduled jobs, notification kinds)
from .admin_views import bp as admin_bp
from .api import bp as api_bp
from .calendar import bp as calendar_bp
from .views import bp

__all__ = ["admin_bp", "api_bp", "bp", "calendar_bp"]
