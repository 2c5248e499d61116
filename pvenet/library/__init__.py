"""The library of good practices (issue 5): bilingual practices, review, search, feeds, API."""

from . import cli, edit_views, feeds, review_views, rules  # noqa: F401  (on bp)
from .api import bp as api_bp
from .views import bp

__all__ = ["api_bp", "bp"]
