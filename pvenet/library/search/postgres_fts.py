"""PostgreSQL: the generated ``tsvector`` of each text, searched in both configurations.

A Russian text is indexed with the ``russian`` configuration (which stems Latin words
with the English stemmer), an English one with ``english``. The query is parsed with
``websearch_to_tsquery`` in both configurations and the two are OR-ed, so a Russian
query meets Russian stems and an English query English ones; the GIN index serves it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select

from ..models import PracticeText
from .ddl import TSVECTOR_COLUMN
from .text import ParsedQuery


def _tsquery(raw: str) -> ColumnElement[Any]:
    folded = raw.replace("ё", "е").replace("Ё", "Е")
    ru = func.websearch_to_tsquery(literal_column("'russian'::regconfig"), folded)
    en = func.websearch_to_tsquery(literal_column("'english'::regconfig"), folded)
    return ru.op("||")(en)


def practice_ids(query: ParsedQuery) -> Select[Any]:
    """Ids of practices with a text matching ``query`` (no ranking: for filters and counts)."""
    vector = literal_column(f"practice_texts.{TSVECTOR_COLUMN}")
    return select(PracticeText.practice_id).where(vector.op("@@")(_tsquery(query.raw)))


def matches(query: ParsedQuery) -> Select[Any]:
    """``(practice_id, rank)`` of practices with a text matching ``query``; lower rank first."""
    vector = literal_column(f"practice_texts.{TSVECTOR_COLUMN}")
    tsquery = _tsquery(query.raw)
    return (
        select(
            PracticeText.practice_id.label("practice_id"),
            (-func.max(func.ts_rank(vector, tsquery))).label("rank"),
        )
        .where(vector.op("@@")(tsquery))
        .group_by(PracticeText.practice_id)
    )


def recent_matches(query: ParsedQuery, limit: int) -> Select[Any]:
    """``(practice_id, rank)`` of the ``limit`` most recent matching texts (not grouped).

    For a common word the planner walks the primary key backwards and stops after
    ``limit`` rows; for a rare one it uses the GIN index and sorts the few matches.
    """
    vector = literal_column(f"practice_texts.{TSVECTOR_COLUMN}")
    tsquery = _tsquery(query.raw)
    return (
        select(PracticeText.practice_id, (-func.ts_rank(vector, tsquery)).label("rank"))
        .where(vector.op("@@")(tsquery))
        .order_by(PracticeText.id.desc())
        .limit(limit)
    )
