"""Reading the library: facets with counts, search, sorting and pages (filters: filters.py).

Everything starts from :func:`~.access.visibility_condition`, so a reader never counts,
finds or exports what they may not read. The page is one ``LIMIT``/``OFFSET`` query with
texts and states eager-loaded. Each facet is counted with every filter except its own:
choosing Kazakhstan still shows how many practices the other states have. Without a
search text (and with at most one topic chosen) the counts are a few ``GROUP BY``
queries on the small facet-count table (:mod:`pvenet.library.facets`); otherwise one
``GROUP BY`` over the matching practices (by state, type, year and languages, with a
per-topic sum) is folded in Python.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from markupsafe import Markup
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    false,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import contains_eager, selectinload

from ...extensions import db
from ...states.models import MemberState
from ..facets import TOPIC_COLUMNS
from ..models import (
    FacetCount,
    PendingRevision,
    Practice,
    PracticeStatus,
    RevisionStatus,
    Visibility,
    practice_themes,
)
from ..search import matches, parse_query, practice_ids, recent_matches, snippet
from ..search.text import ParsedQuery
from ..vocab import LANGUAGES, TOPIC_CODES, PracticeType, to_mask
from .access import (
    is_admin,
    is_reviewer,
    published_visible_to,
    visibility_condition,
    writable_by,
)
from .filters import FilterError, Filters, parse_filters

__all__ = ["FilterError", "Filters", "Listing", "listing", "matching", "parse_filters"]


@dataclass
class Listing:
    filters: Filters
    items: list[Practice]
    total: int
    #: facet name → value → count (values: state codes, type codes, years, languages, topics)
    facets: dict[str, Counter[Any]]
    #: practice id → (highlighted snippet, language of the text it comes from)
    snippets: dict[int, tuple[Markup, str]]
    #: A search whose matches went past :data:`SEARCH_CANDIDATES`: ``total`` and the
    #: facet counts cover the most recent matches only (the page says so).
    capped: bool = False

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.filters.per_page))

    # The shape of Flask-SQLAlchemy's Pagination, for the shared pagination macro.
    @property
    def page(self) -> int:
        return self.filters.page

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def _state_ids(codes: list[str]) -> ColumnElement[bool]:
    return Practice.state_id.in_(select(MemberState.id).where(MemberState.code.in_(codes)))


def _language_condition(languages: list[str]) -> ColumnElement[bool]:
    # Two languages: a translated practice has both; otherwise only its original.
    return or_(Practice.original_language.in_(languages), Practice.is_translated.is_(True))


def _query(f: Filters) -> ParsedQuery | None:
    parsed = parse_query(f.q) if f.q else None
    return parsed if parsed is not None and not parsed.is_empty else None


def _theme_condition(themes: list[int]) -> ColumnElement[bool]:
    linked = select(practice_themes.c.practice_id).where(practice_themes.c.theme_id.in_(themes))
    return Practice.id.in_(linked)


def _base_conditions(
    user: Any, f: Filters, parsed: ParsedQuery | None, *, topics: bool = True, themes: bool = True
) -> list[ColumnElement[bool]]:
    """Visibility, search, date, topics and themes: the filters applied in SQL to every
    query."""
    conditions: list[ColumnElement[bool]] = [published_visible_to(user)]
    if parsed is not None:
        conditions.append(Practice.id.in_(practice_ids(parsed)))
    if f.published_since is not None:
        conditions.append(Practice.published_at >= datetime.combine(f.published_since, time.min))
    if topics and f.topics:
        conditions.append(Practice.topics_mask.op("&")(to_mask(f.topics, TOPIC_CODES)) != 0)
    if themes and f.themes:
        conditions.append(_theme_condition(f.themes))
    return conditions


def _facet_conditions(f: Filters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.states:
        conditions.append(_state_ids(f.states))
    if f.types:
        conditions.append(Practice.type.in_([PracticeType(t) for t in f.types]))
    if f.years:
        conditions.append(Practice.year.in_(f.years))
    if f.languages:
        conditions.append(_language_condition(f.languages))
    return conditions


def _all_conditions(user: Any, f: Filters, parsed: ParsedQuery | None) -> list[Any]:
    return _base_conditions(user, f, parsed) + _facet_conditions(f)


_GROUP = (
    Practice.state_id,
    Practice.type,
    Practice.year,
    Practice.original_language,
    Practice.is_translated,
)


def _grouped_rows(conditions: list[Any]) -> list[Any]:
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
    parsed = _query(f)
    if parsed is None and f.published_since is None and len(f.topics) <= 1 and len(f.themes) <= 1:
        return _table_facet_counts(user, f)
    return _grouped_facet_counts(user, f, parsed)


def _grouped_facet_counts(
    user: Any, f: Filters, parsed: ParsedQuery | None
) -> tuple[int, dict[str, Counter[Any]]]:
    """Facet counts from one ``GROUP BY`` over the matching practices, folded in Python."""
    codes = {row[0]: row[1] for row in db.session.execute(select(MemberState.id, MemberState.code))}
    rows = [(r, _row_values(r, codes)) for r in _grouped_rows(_base_conditions(user, f, parsed))]
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
            for r in _grouped_rows(_base_conditions(user, f, parsed, topics=False))
        ]
    topic_counts: Counter[Any] = Counter()
    for row, values in rows:
        if _row_matches(values, f):
            for i, code in enumerate(TOPIC_CODES):
                if row[6 + i]:
                    topic_counts[code] += int(row[6 + i])
    facets["topic"] = topic_counts
    facets["theme"] = _theme_counts(
        _base_conditions(user, f, parsed, themes=False) + _facet_conditions(f)
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


def _ordered(stmt: Select[Any], f: Filters, locale: str, rank: Any = None) -> Select[Any]:
    sort = f.effective_sort
    newest = (Practice.published_at.desc(), Practice.id.desc())
    if sort == "relevance" and rank is not None:
        return stmt.order_by(rank, *newest)
    if sort == "year":
        return stmt.order_by(Practice.year.desc(), *newest)
    if sort == "title":
        column = Practice.sort_title_ru if locale == "ru" else Practice.sort_title_en
        return stmt.order_by(column, Practice.id)
    return stmt.order_by(*newest)


def matching(user: Any, f: Filters, locale: str) -> Select[tuple[Practice]]:
    """Every practice matching the filters, in the chosen order (no paging)."""
    parsed = _query(f)
    ranked_search = parsed is not None and f.effective_sort == "relevance"
    # Sorted by relevance, the join with the ranked matches does the search filtering.
    stmt = select(Practice).where(*_all_conditions(user, f, None if ranked_search else parsed))
    rank = None
    if ranked_search and parsed is not None:
        ranked = matches(parsed).subquery()
        stmt = stmt.join(ranked, ranked.c.practice_id == Practice.id)
        rank = ranked.c.rank
    return _ordered(stmt, f, locale, rank)


def listing(user: Any, f: Filters, locale: str) -> Listing:
    """One page of the library for ``user``, with facet counts and search snippets."""
    parsed = _query(f)
    if parsed is not None:
        return _search_listing(user, f, locale, parsed)
    total, facets = facet_counts(user, f)
    items: list[Practice] = []
    if total:
        stmt = matching(user, f, locale).limit(f.per_page).offset((f.page - 1) * f.per_page)
        items = list(db.session.scalars(stmt).unique())
    return Listing(filters=f, items=items, total=total, facets=facets, snippets={})


#: How many matching texts a search of the listing ranks and counts: the most recently
#: added ones. Below it a search is exact; above it (a word found in a large share of
#: the library) the page says that it shows the best of the most recent matches, and the
#: cost stays that of a rare word. The exports (:func:`matching`) are never capped.
SEARCH_CANDIDATES = 1000


def _search_listing(user: Any, f: Filters, locale: str, parsed: ParsedQuery) -> Listing:
    """A search page: ranked, counted and faceted within the bounded candidate set.

    The candidates' facet columns come in one query that joins the bounded FTS hits to
    the practices by primary key, with the reader's visibility (and the date and topic
    filters) evaluated by SQL in the select list, so no index over the whole table is
    walked. The facet filters are then applied in Python (as :func:`_row_matches` does
    for the grouped counts), and the page is sorted there.
    """
    hits = recent_matches(parsed, SEARCH_CANDIDATES).subquery()
    codes = dict(db.session.execute(select(MemberState.id, MemberState.code)).all())
    sort_title = Practice.sort_title_ru if locale == "ru" else Practice.sort_title_en
    # One row per matching text (a practice may match in both languages), joined by
    # primary key. Raw columns where no type processing is needed: the dates come as ISO
    # text on SQLite, which sorts as the dates do.
    stmt = select(
        Practice.id,
        literal_column("practices.published_at"),
        Practice.year,
        sort_title,
        Practice.state_id,
        literal_column("practices.type"),
        Practice.original_language,
        Practice.is_translated,
        Practice.topics_mask,
        case((and_(*_base_conditions(user, f, None)), 1), else_=0),
        case((and_(*_base_conditions(user, f, None, topics=False)), 1), else_=0),
        hits.c.rank,
        case((and_(*_base_conditions(user, f, None, themes=False)), 1), else_=0),
    ).join(hits, hits.c.practice_id == Practice.id)
    rows: dict[int, Any] = {}
    ranks: dict[int, float] = {}
    n_hits = 0
    for row in db.session.execute(stmt).all():
        n_hits += 1
        rank = float(row[11] if row[11] is not None else 0.0)
        if row[0] not in rows or rank < ranks[row[0]]:
            rows[row[0]], ranks[row[0]] = row, rank
    capped = n_hits >= SEARCH_CANDIDATES
    facets: dict[str, Counter[Any]] = {
        name: Counter() for name in ("state", "type", "year", "language", "topic", "theme")
    }
    # The theme facet counts the candidates passing every other filter (not the theme's).
    theme_candidates: list[int] = []
    items: list[Practice] = []
    shown: list[Any] = []
    if rows:
        states, types = set(f.states), set(f.types)
        years, languages = set(f.years), set(f.languages)
        both = set(LANGUAGES)
        for row in rows.values():
            state, type_ = codes.get(row[4], "?"), _TYPE_VALUES.get(row[5], row[5])
            langs = both if row[7] else {row[6]}
            ok = {
                "state": not states or state in states,
                "type": not types or type_ in types,
                "year": not years or row[2] in years,
                "language": not languages or bool(langs & languages),
            }
            everything = all(ok.values())
            if row[10] and everything:
                for i, code in enumerate(TOPIC_CODES):
                    if row[8] & (1 << i):
                        facets["topic"][code] += 1
            if row[12] and everything:
                theme_candidates.append(row[0])
            if not row[9]:
                continue
            if everything:
                shown.append(row)
            values = {"state": [state], "type": [type_], "year": [row[2]], "language": langs}
            for facet in ("state", "type", "year", "language"):
                if all(v for name, v in ok.items() if name != facet):
                    for value in values[facet]:
                        facets[facet][value] += 1
        if theme_candidates:
            linked = select(practice_themes.c.theme_id).where(
                practice_themes.c.practice_id.in_(theme_candidates)
            )
            facets["theme"].update(db.session.scalars(linked))
        shown.sort(key=_sort_key(f, ranks))
        start = (f.page - 1) * f.per_page
        page_ids = [row[0] for row in shown[start : start + f.per_page]]
        if page_ids:
            loaded = {
                p.id: p
                for p in db.session.scalars(select(Practice).where(Practice.id.in_(page_ids)))
            }
            items = [loaded[i] for i in page_ids if i in loaded]
    snippets = {}
    for practice in items:
        found = snippet_for(practice, parsed, locale)
        if found is not None:
            snippets[practice.id] = found
    return Listing(
        filters=f,
        items=items,
        total=len(shown),
        facets={name: +counter for name, counter in facets.items()},
        snippets=snippets,
        capped=capped,
    )


_TYPE_VALUES = {t.name: t.value for t in PracticeType}


def _sort_key(f: Filters, ranks: dict[int, float]) -> Any:
    """The listing's order (see :func:`_ordered`), applied in Python to the candidates.

    ``row[1]`` (published) is the same type on every row of one backend; the shown rows
    are all published, so it is never ``None``.
    """
    sort = f.effective_sort
    if sort == "year":
        return lambda row: (-row[2], _Desc(row[1]), -row[0])
    if sort == "title":
        return lambda row: (row[3] or "", row[0])
    if sort == "newest":
        return lambda row: (_Desc(row[1]), -row[0])
    return lambda row: (ranks[row[0]], _Desc(row[1]), -row[0])


class _Desc:
    """Reverses the order of a value in a sort key (for dates and strings)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Desc) -> bool:
        return self.value > other.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and self.value == other.value


def snippet_for(practice: Practice, parsed: ParsedQuery, locale: str) -> tuple[Markup, str] | None:
    """A highlighted snippet, preferably from the text the reader is shown."""
    shown = practice.text_for(locale)
    texts = [shown] + [t for t in practice.texts if t is not shown]
    for text in texts:
        if text is None:
            continue
        # The title is shown anyway: a snippet repeating it would say nothing new.
        for source in (text.summary, text.body):
            found = snippet(source, parsed.stems)
            if found is not None:
                return found, text.language
    return None


def workspace(user: Any) -> Select[tuple[Practice]]:
    """The practices ``user`` may write, every status, last changed first."""
    return (
        select(Practice)
        .where(writable_by(user))
        .options(selectinload(Practice.pending))
        .order_by(Practice.updated_at.desc(), Practice.id.desc())
    )


def review_queue(user: Any, now: datetime) -> Select[tuple[Practice]]:
    """Submissions (new practices and revisions) that ``user`` may decide on, oldest first."""
    submitted = or_(
        Practice.status == PracticeStatus.submitted,
        PendingRevision.status == RevisionStatus.submitted,
    )
    # The table shows each row's pending revision: loaded with the page, not row by row.
    stmt = (
        select(Practice)
        .outerjoin(PendingRevision)
        .where(submitted)
        .options(contains_eager(Practice.pending))
    )
    if not is_admin(user):
        if not is_reviewer(user, now):
            return stmt.where(false())
        stmt = stmt.where(
            Practice.state_id != user.state_id, Practice.visibility != Visibility.restricted
        )
    waiting_since = func.coalesce(PendingRevision.submitted_at, Practice.submitted_at)
    return stmt.order_by(waiting_since, Practice.id)
