"""Reading the library: one page of the listing, and every match for the exports.

Everything starts from :func:`~.access.visibility_condition` (the conditions are in
:mod:`.conditions`), so a reader never counts, finds or exports what they may not read.
The page is one ``LIMIT``/``OFFSET`` query with texts and states eager-loaded, with the
facet counts of :mod:`.counts`; a search page is ranked and counted within a bounded set
of candidates (:mod:`.search_listing`). The filters and the page they select are in
:mod:`.filters` (re-exported here); the workspace and the review queue in :mod:`.worklists`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from ...extensions import db
from ..models import Practice
from ..search import matches
from .conditions import all_conditions, parsed_query
from .counts import facet_counts
from .filters import FilterError, Filters, Listing, parse_filters
from .search_listing import search_listing

__all__ = ["FilterError", "Filters", "Listing", "listing", "matching", "parse_filters"]


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
    parsed = parsed_query(f)
    ranked_search = parsed is not None and f.effective_sort == "relevance"
    # Sorted by relevance, the join with the ranked matches does the search filtering.
    stmt = select(Practice).where(*all_conditions(user, f, None if ranked_search else parsed))
    rank = None
    if ranked_search and parsed is not None:
        ranked = matches(parsed).subquery()
        stmt = stmt.join(ranked, ranked.c.practice_id == Practice.id)
        rank = ranked.c.rank
    return _ordered(stmt, f, locale, rank)


def listing(user: Any, f: Filters, locale: str) -> Listing:
    """One page of the library for ``user``, with facet counts and search snippets."""
    parsed = parsed_query(f)
    if parsed is not None:
        return search_listing(user, f, locale, parsed)
    total, facets = facet_counts(user, f)
    items: list[Practice] = []
    if total:
        stmt = matching(user, f, locale).limit(f.per_page).offset((f.page - 1) * f.per_page)
        items = list(db.session.scalars(stmt).unique())
    return Listing(filters=f, items=items, total=total, facets=facets, snippets={})
