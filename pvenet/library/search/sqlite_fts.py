"""SQLite: the FTS5 index of stems, maintained in the same transaction as the texts.

A session ``after_flush`` hook writes the stems of every new or changed
:class:`~pvenet.library.models.PracticeText` into ``practice_fts`` (and deletes those of
removed texts) on the session's own connection, so the index commits or rolls back with
the practice. Texts must therefore be changed through the ORM, as the services do.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    column,
    event,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from ..models import PracticeText
from .ddl import FTS_TABLE
from .text import ParsedQuery, fts5_expression, stem_text

# FTS_TABLE is a module constant, never user input; values are bound parameters.
_DELETE = text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id")  # nosec B608
_INSERT = text(
    f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body) VALUES (:id, :title, :summary, :body)"  # nosec B608
)
_FTS = table(FTS_TABLE, column("rowid"))
#: bm25 weights of title, summary and body.
_RANK = func.bm25(literal_column(FTS_TABLE), 10.0, 4.0, 1.0)


def _is_sqlite(session: Session) -> bool:
    try:
        return session.get_bind().dialect.name == "sqlite"
    except Exception:  # an unbound session has nothing to index
        return False


@event.listens_for(Session, "after_flush")
def _sync_index(session: Session, _context: Any) -> None:
    changed = [
        obj
        for obj in [*session.new, *session.dirty]
        if isinstance(obj, PracticeText) and obj.id is not None
    ]
    removed = [obj for obj in session.deleted if isinstance(obj, PracticeText)]
    if not (changed or removed) or not _is_sqlite(session):
        return
    conn = session.connection()
    for obj in removed:
        conn.execute(_DELETE, {"id": obj.id})
    for obj in changed:
        conn.execute(_DELETE, {"id": obj.id})
        conn.execute(
            _INSERT,
            {
                "id": obj.id,
                "title": stem_text(obj.title),
                "summary": stem_text(obj.summary),
                "body": stem_text(obj.body),
            },
        )


def reindex_all(session: Session) -> int:
    """Rebuild the whole index from the texts (after a bulk import); returns the count."""
    conn = session.connection()
    conn.execute(text(f"DELETE FROM {FTS_TABLE}"))  # nosec B608 - constant table name
    n = 0
    for t in session.scalars(select(PracticeText)).yield_per(500):
        conn.execute(
            _INSERT,
            {
                "id": t.id,
                "title": stem_text(t.title),
                "summary": stem_text(t.summary),
                "body": stem_text(t.body),
            },
        )
        n += 1
    return n


def _condition(query: ParsedQuery) -> ColumnElement[bool]:
    return literal_column(FTS_TABLE).op("MATCH")(fts5_expression(query))


def practice_ids(query: ParsedQuery) -> Select[Any]:
    """Ids of practices with a text matching ``query`` (no ranking: for filters and counts)."""
    return select(PracticeText.practice_id).where(
        PracticeText.id.in_(select(_FTS.c.rowid).where(_condition(query)))
    )


def matches(query: ParsedQuery) -> Select[Any]:
    """``(practice_id, rank)`` of practices with a text matching ``query``; lower rank first."""
    condition: ColumnElement[bool] = literal_column(FTS_TABLE).op("MATCH")(fts5_expression(query))
    # bm25() only works in the FTS query itself, not inside an aggregate; "LIMIT -1" (no
    # limit) keeps SQLite from flattening the subquery into the grouping query.
    hits = (
        select(_FTS.c.rowid.label("text_id"), _RANK.label("rank"))
        .where(condition)
        .limit(-1)
        .subquery()
    )
    return (
        select(PracticeText.practice_id.label("practice_id"), func.min(hits.c.rank).label("rank"))
        .join(hits, PracticeText.id == hits.c.text_id)
        .group_by(PracticeText.practice_id)
    )


def recent_matches(query: ParsedQuery, limit: int) -> Select[Any]:
    """``(practice_id, rank)`` of the ``limit`` most recent matching texts (not grouped).

    FTS5 walks its index in descending rowid order and stops after ``limit`` rows, so
    the cost does not grow with the number of matches: a common word costs what a rare
    one does. ``bm25()`` is computed for those rows only.
    """
    hits = (
        select(_FTS.c.rowid.label("text_id"), _RANK.label("rank"))
        .where(_condition(query))
        .order_by(_FTS.c.rowid.desc())
        .limit(limit)
        .subquery()
    )
    return select(PracticeText.practice_id, hits.c.rank).join(
        hits, PracticeText.id == hits.c.text_id
    )
