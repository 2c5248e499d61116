"""The admin dashboard, and the admin pages of the packages below auth: the member states
(``states_bp``) and the audit log (``audit_bp``). Every other feature owns its own admin
pages."""

from .audit_views import bp as audit_bp
from .states_views import bp as states_bp
from .views import bp

__all__ = ["audit_bp", "bp", "states_bp"]
