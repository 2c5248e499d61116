"""Member states: their codes, names and rotation positions."""

from .views import bp

__all__ = ["bp"]
