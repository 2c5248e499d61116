"""The public face of the network: home page, language switcher, health checks."""

from .views import bp

__all__ = ["bp"]
