"""The admin dashboard, and the member states' admin page (``states_bp``, see
:mod:`.states_views`); every other feature owns its own admin pages."""

from .states_views import bp as states_bp
from .views import bp

__all__ = ["bp", "states_bp"]
