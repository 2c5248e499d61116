"""Thematic priorities and the chair's programme (issue 4): themes, meetings, term reports."""

from . import calendar, jobs, report_views, rules  # noqa: F401  (feed, job, routes, rules)
from .api import bp as api_bp
from .views import bp

__all__ = ["api_bp", "bp"]
