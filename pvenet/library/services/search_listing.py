"""A search page of the listing: ranked, counted and sorted within a bounded candidate set.

The bound is :data:`SEARCH_CANDIDATES`, the most recently added matching texts; the
snippets shown under each result come from :func:`snippet_for`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from markupsafe import Markup
from sqlalchemy import and_, case, literal_column, select

from ...extensions import db
from ...states.models import MemberState
from ..models import Practice, practice_themes
from ..search import recent_matches, snippet
from ..search.text import ParsedQuery
from ..vocab import LANGUAGES, TOPIC_CODES, PracticeType
from .conditions import base_conditions
from .filters import Filters, Listing

#: How many matching texts a search of the listing ranks and counts: the most recently
#: added ones. Below it a search is exact; above it (a word found in a large share of
#: the library) the page says that it shows the best of the most recent matches, and the
#: cost stays that of a rare word. The exports (:func:`.queries.matching`) are never
#: capped.
SEARCH_CANDIDATES = 1000


def search_listing(user: Any, f: Filters, locale: str, parsed: ParsedQuery) -> Listing:
    """A search page: ranked, counted and faceted within the bounded candidate set.

    The candidates' facet columns come in one query that joins the bounded FTS hits to
    the practices by primary key, with the reader's visibility (and the date and topic
    filters) evaluated by SQL in the select list, so no index over the whole table is
    walked. The facet filters are then applied in Python (as
    :func:`.counts._row_matches` does for the grouped counts), and the page is sorted there.
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
        case((and_(*base_conditions(user, f, None)), 1), else_=0),
        case((and_(*base_conditions(user, f, None, topics=False)), 1), else_=0),
        hits.c.rank,
        case((and_(*base_conditions(user, f, None, themes=False)), 1), else_=0),
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
    """The listing's order (see :func:`.queries._ordered`), applied in Python to the candidates.

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
