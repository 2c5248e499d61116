"""The listing's facet counts.

Each facet is counted with every filter except its own: choosing Kazakhstan still shows
how many practices the other states have. Without a search text (and with at most one
topic chosen) the counts are a few ``GROUP BY`` queries on the small facet-count table
(:mod:`pvenet.library.facets`); otherwise one ``GROUP BY`` over the matching practices (by
state, type, year and languages, with a per-topic sum) is folded in Python. A search page
counts its bounded candidates instead (:mod:`.search_listing`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select

from ...extensions import db
from ...states.models import MemberState
from ..facets import TOPIC_COLUMNS
from ..models import FacetCount, Practice, practice_themes
from ..search.text import ParsedQuery
from ..vocab import LANGUAGES, TOPIC_CODES, PracticeType
from .access import visibility_condition
from .conditions import base_conditions, facet_conditions, parsed_query
from .filters import Filters

_GROUP = (
    Practice.state_id,
    Practice.type,
    Practice.year,
    Practice.original_language,
    Practice.is_translated,
)


def grouped_rows(conditions: list[Any]) -> list[Any]:
    topic_sums = [
        func.sum(case((Practice.topics_mask.op("&")(1 << i) != 0, 1), else_=0))
        for i in range(len(TOPIC_CODES))
    ]
    stmt = select(*_GROUP, func.count(Practice.id), *topic_sums).where(*conditions)
    return list(db.session.execute(stmt.group_by(*_GROUP)))


def _row_values(row: Any, codes: dict[int, str]) -> dict[str, Any]:
    state_id, type_, year, original, translated = row[:5]
    languages = set(LANGUAGES) if translated else {original}
    return {
        "state": codes.get(state_id, "?"),
        "type": PracticeType(type_).value,
        "year": year,
        "language": languages,
    }


def _row_matches(values: dict[str, Any], f: Filters, skip: str | None = None) -> bool:
    for facet, chosen in (
        ("state", f.states),
        ("type", f.types),
        ("year", f.years),
        ("language", f.languages),
    ):
        if facet == skip or not chosen:
            continue
        value = values[facet]
        if facet == "language":
            if not value & set(chosen):
                return False
        elif value not in chosen:
            return False
    return True


def _table_facet_counts(user: Any, f: Filters) -> tuple[int, dict[str, Counter[Any]]]:
    """Facet counts from the facet-count table: a few small ``GROUP BY`` queries.

    Usable without a search text or date and with at most one topic and one theme: with a
    topic ``t`` chosen, a combination counts its practices with ``t`` (column
    ``topic_<t>``); with a theme chosen, the rows of that theme count instead of the rows
    of every practice (``theme_id`` 0).
    """
    table = FacetCount
    visible = visibility_condition(user, table.visibility, table.state_id)
    n = getattr(table, TOPIC_COLUMNS[TOPIC_CODES.index(f.topics[0])]) if f.topics else table.count
    chosen: dict[str, ColumnElement[bool]] = {
        "theme": table.theme_id == (f.themes[0] if f.themes else 0)
    }
    if f.states:
        chosen["state"] = table.state_id.in_(
            select(MemberState.id).where(MemberState.code.in_(f.states))
        )
    if f.types:
        chosen["type"] = table.type.in_([PracticeType(t) for t in f.types])
    if f.years:
        chosen["year"] = table.year.in_(f.years)
    if f.languages:
        chosen["language"] = or_(
            table.original_language.in_(f.languages), table.is_translated.is_(True)
        )

    def where(skip: str | None) -> list[ColumnElement[bool]]:
        return [visible, *(c for name, c in chosen.items() if name != skip)]

    def grouped(column: Any, facet: str) -> Counter[Any]:
        stmt = select(column, func.sum(n)).where(*where(facet)).group_by(column)
        return Counter({key: int(count or 0) for key, count in db.session.execute(stmt)})

    codes = dict(db.session.execute(select(MemberState.id, MemberState.code)).all())
    facets: dict[str, Counter[Any]] = {
        "state": Counter({codes[k]: v for k, v in grouped(table.state_id, "state").items()}),
        "type": Counter({PracticeType(k).value: v for k, v in grouped(table.type, "type").items()}),
        "year": grouped(table.year, "year"),
    }
    language_sums = [
        func.sum(case((or_(table.original_language == lang, table.is_translated), n), else_=0))
        for lang in LANGUAGES
    ]
    # The total with every filter; the topic counts without the topic filter. Without a
    # language filter, the language counts share the same conditions: one query for all.
    totals = [func.sum(n), *[func.sum(getattr(table, c)) for c in TOPIC_COLUMNS]]
    if "language" in chosen:
        languages = db.session.execute(select(*language_sums).where(*where("language"))).one()
        row = db.session.execute(select(*totals).where(*where(None))).one()
    else:
        both = db.session.execute(select(*totals, *language_sums).where(*where(None))).one()
        row, languages = both[: len(totals)], both[len(totals) :]
    facets["language"] = Counter(
        dict(zip(LANGUAGES, (int(v or 0) for v in languages), strict=True))
    )
    facets["topic"] = Counter(
        {code: int(v or 0) for code, v in zip(TOPIC_CODES, row[1:], strict=True)}
    )
    stmt = (
        select(table.theme_id, func.sum(n))
        .where(*where("theme"), table.theme_id != 0)
        .group_by(table.theme_id)
    )
    facets["theme"] = Counter({key: int(v or 0) for key, v in db.session.execute(stmt)})
    return int(row[0] or 0), {name: +counter for name, counter in facets.items()}


def facet_counts(user: Any, f: Filters) -> tuple[int, dict[str, Counter[Any]]]:
    """The number of matching practices and every facet's counts (see module docstring)."""
    parsed = parsed_query(f)
    if parsed is None and f.published_since is None and len(f.topics) <= 1 and len(f.themes) <= 1:
        return _table_facet_counts(user, f)
    return _grouped_facet_counts(user, f, parsed)


def _grouped_facet_counts(
    user: Any, f: Filters, parsed: ParsedQuery | None
) -> tuple[int, dict[str, Counter[Any]]]:
    """Facet counts from one ``GROUP BY`` over the matching practices, folded in Python."""
    codes = {row[0]: row[1] for row in db.session.execute(select(MemberState.id, MemberState.code))}
    rows = [(r, _row_values(r, codes)) for r in grouped_rows(base_conditions(user, f, parsed))]
    facets: dict[str, Counter[Any]] = {k: Counter() for k in ("state", "type", "year", "language")}
    total = 0
    for row, values in rows:
        count = row[5]
        if _row_matches(values, f):
            total += count
        for facet in facets:
            if _row_matches(values, f, skip=facet):
                if facet == "language":
                    for lang in values["language"]:
                        facets["language"][lang] += count
                else:
                    facets[facet][values[facet]] += count
    if f.topics:  # the topic facet is counted without the topic filter itself
        rows = [
            (r, _row_values(r, codes))
            for r in grouped_rows(base_conditions(user, f, parsed, topics=False))
        ]
    topic_counts: Counter[Any] = Counter()
    for row, values in rows:
        if _row_matches(values, f):
            for i, code in enumerate(TOPIC_CODES):
                if row[6 + i]:
                    topic_counts[code] += int(row[6 + i])
    facets["topic"] = topic_counts
    facets["theme"] = _theme_counts(
        base_conditions(user, f, parsed, themes=False) + facet_conditions(f)
    )
    # Drop values nobody can find (combinations whose practices all left the library).
    return total, {name: +counter for name, counter in facets.items()}


def _theme_counts(conditions: list[Any]) -> Counter[Any]:
    """How many matching practices each theme has (the theme facet, without its filter)."""
    theme = practice_themes.c.theme_id
    stmt = (
        select(theme, func.count(Practice.id))
        .join(practice_themes, practice_themes.c.practice_id == Practice.id)
        .where(*conditions)
        .group_by(theme)
    )
    return Counter({key: int(v) for key, v in db.session.execute(stmt)})
