"""In-app notifications (with e-mail through the outbox)."""

from .views import bp

__all__ = ["bp"]
