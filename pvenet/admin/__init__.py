"""The admin dashboard; each feature owns its own admin pages."""

from .views import bp

__all__ = ["bp"]
