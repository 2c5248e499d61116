"""The facet-count table, kept in step with the published practices in the same flush.

Counting facets by grouping every published practice costs a scan of the whole table
(tens of milliseconds at 100,000 practices on SQLite). The listing without a search text
reads :class:`~pvenet.library.models.FacetCount` instead: one row per combination of
visibility, state, type, year and languages, a few thousand rows at most.

A session ``after_flush`` hook moves each practice whose published facets changed from
its old combination to its new one (an upsert on both sides). Writes that bypass the ORM
(a bulk import) must call :func:`rebuild` afterwards (``flask library reindex`` does).

Themes: a practice also counts once in the rows of each theme it is linked to
(``theme_id``; 0 is the row of every practice). Its links before the flush are read in
``before_flush`` and after it in ``after_flush`` (one query each), so links changed
through the relationship move the counts like any other facet.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, delete, event, func, inspect, literal, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..themes.models import Theme
from .models import FacetCount, Practice, PracticeStatus, practice_themes
from .vocab import TOPIC_CODES

KEY = ("visibility", "state_id", "type", "year", "original_language", "is_translated")
TOPIC_COLUMNS = [f"topic_{i}" for i in range(len(TOPIC_CODES))]
_TRACKED = (*KEY, "topics_mask", "status")

if len(TOPIC_COLUMNS) > len([c for c in FacetCount.__table__.c if c.name.startswith("topic_")]):
    raise RuntimeError("a new topic needs its topic_<n> column in practice_facet_counts")


def _values(practice: Practice, *, old: bool) -> dict[str, Any] | None:
    """The tracked attributes before (``old``) or after the flush; ``None``: not counted."""
    state = inspect(practice)
    out: dict[str, Any] = {}
    for name in _TRACKED:
        history = state.attrs[name].history
        if old:
            values = history.deleted or history.unchanged
        else:
            values = history.added or history.unchanged
        if not values:
            return None
        out[name] = values[0]
    return out if out["status"] == PracticeStatus.published else None


def _delta(values: dict[str, Any], sign: int, theme_id: int = 0) -> dict[str, Any]:
    row = {name: values[name] for name in KEY}
    row["theme_id"] = theme_id
    row["count"] = sign
    mask = values["topics_mask"] or 0
    for i, column in enumerate(TOPIC_COLUMNS):
        row[column] = sign if mask & (1 << i) else 0
    return row


def _deltas(values: dict[str, Any], themes: frozenset[int], sign: int) -> list[dict[str, Any]]:
    return [_delta(values, sign), *(_delta(values, sign, t) for t in sorted(themes))]


def _links(session: Session, ids: list[int]) -> dict[int, frozenset[int]]:
    """The themes each practice is linked to, as stored now."""
    if not ids:
        return {}
    rows = session.connection().execute(
        select(practice_themes.c.practice_id, practice_themes.c.theme_id).where(
            practice_themes.c.practice_id.in_(ids)
        )
    )
    found: dict[int, set[int]] = {}
    for practice_id, theme_id in rows:
        found.setdefault(practice_id, set()).add(theme_id)
    return {i: frozenset(found.get(i, ())) for i in ids}


@event.listens_for(Session, "before_flush")
def _remember_links(session: Session, _context: Any, _instances: Any) -> None:
    """The stored links of the published practices about to change (their old themes)."""
    ids = [
        p.id
        for p in (*session.dirty, *session.deleted)
        if isinstance(p, Practice) and p.id is not None and _values(p, old=True)
    ]
    session.info["pvenet.facets.old_links"] = _links(session, ids)


def _upsert(session: Session, row: dict[str, Any]) -> None:
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    table = FacetCount.__table__
    stmt = insert(table).values(**row)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c[name] for name in (*KEY, "theme_id")],
        set_={name: table.c[name] + stmt.excluded[name] for name in ("count", *TOPIC_COLUMNS)},
    )
    session.connection().execute(stmt)


@event.listens_for(Session, "after_flush")
def _follow_practices(session: Session, _context: Any) -> None:
    old_links: dict[int, frozenset[int]] = session.info.pop("pvenet.facets.old_links", {})
    changed = [
        p
        for p in (*session.new, *session.dirty)
        if isinstance(p, Practice) and _values(p, old=False)
    ]
    new_links = _links(session, [p.id for p in changed])
    none: frozenset[int] = frozenset()
    deltas: list[dict[str, Any]] = []
    for practice in session.new:
        if isinstance(practice, Practice) and (new := _values(practice, old=False)):
            deltas += _deltas(new, new_links.get(practice.id, none), +1)
    for practice in session.dirty:
        if not isinstance(practice, Practice):
            continue
        old, new = _values(practice, old=True), _values(practice, old=False)
        before = old_links.get(practice.id, none)
        after = new_links.get(practice.id, none)
        if old == new and before == after:
            continue
        if old:
            deltas += _deltas(old, before, -1)
        if new:
            deltas += _deltas(new, after, +1)
    for practice in session.deleted:
        if isinstance(practice, Practice) and (old := _values(practice, old=True)):
            deltas += _deltas(old, old_links.get(practice.id, none), -1)
    for row in deltas:
        _upsert(session, row)
    # A removed theme's links go with it (ON DELETE CASCADE), and so do its count rows.
    removed = [t.id for t in session.deleted if isinstance(t, Theme)]
    if removed:
        session.connection().execute(delete(FacetCount).where(FacetCount.theme_id.in_(removed)))


def rebuild(session: Session) -> int:
    """Recount every combination from the practices; returns the number of rows."""
    published = Practice.status == PracticeStatus.published
    topic_sums = [
        func.sum(case((Practice.topics_mask.op("&")(1 << i) != 0, 1), else_=0)).label(column)
        for i, column in enumerate(TOPIC_COLUMNS)
    ]
    keys = [getattr(Practice, name) for name in KEY]
    source = (
        select(*keys, literal(0), func.count(Practice.id).label("count"), *topic_sums)
        .where(published)
        .group_by(*keys)
    )
    theme = practice_themes.c.theme_id
    by_theme = (
        select(*keys, theme, func.count(Practice.id).label("count"), *topic_sums)
        .join(practice_themes, practice_themes.c.practice_id == Practice.id)
        .where(published)
        .group_by(*keys, theme)
    )
    conn = session.connection()
    conn.execute(delete(FacetCount))
    table = FacetCount.__table__
    columns = [*KEY, "theme_id", "count", *TOPIC_COLUMNS]
    conn.execute(table.insert().from_select(columns, source))
    conn.execute(table.insert().from_select(columns, by_theme))
    return session.scalar(select(func.count(FacetCount.id))) or 0
