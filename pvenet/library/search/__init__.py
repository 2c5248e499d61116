"""Full-text search across both languages, with stemming, on SQLite and PostgreSQL.

:func:`matches` gives ``(practice_id, rank)`` rows for a query on the current database;
:func:`~.text.snippet` cuts highlighted snippets from the real text on either backend.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select

from ...extensions import db
from . import ddl, postgres_fts, sqlite_fts  # noqa: F401  (DDL events and the index hook)
from .text import ParsedQuery, parse_query, snippet, stem

__all__ = [
    "ParsedQuery",
    "matches",
    "parse_query",
    "practice_ids",
    "recent_matches",
    "snippet",
    "stem",
]


def _backend():
    return postgres_fts if db.engine.dialect.name == "postgresql" else sqlite_fts


def matches(query: ParsedQuery) -> Select[Any]:
    """``(practice_id, rank)`` of the matching practices, best (lowest rank) first."""
    return _backend().matches(query)


def practice_ids(query: ParsedQuery) -> Select[Any]:
    """Ids of the matching practices, unranked (cheaper: for filters and counts)."""
    return _backend().practice_ids(query)


def recent_matches(query: ParsedQuery, limit: int) -> Select[Any]:
    """``(practice_id, rank)`` of the ``limit`` most recently added matching texts.

    A bounded candidate set: the listing ranks and counts within it, so a search costs
    the same whether a word occurs in ten texts or in fifty thousand.
    """
    return _backend().recent_matches(query, limit)
