"""Thematic priorities and the chair's programme (issue 4): themes, meetings, term reports."""

from . import report_views, rules  # noqa: F401  (routes on bp, permission rules)
from .views import bp

__all__ = ["bp"]
