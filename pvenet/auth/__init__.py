"""Accounts, sessions, invitations, password resets, API tokens and permissions."""

from .admin_views import bp as admin_bp
from .views import bp

__all__ = ["admin_bp", "bp"]
