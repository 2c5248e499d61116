"""The audit log of every change of state."""

from .views import bp

__all__ = ["bp"]
