"""Filters of the library's listing, read from query-string arguments (pages and API), and
the page of practices they select (:class:`Listing`)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from ..models import Practice
from ..vocab import LANGUAGES, TOPIC_CODES, PracticeType
from .content import LibraryError

SORTS = ("relevance", "newest", "year", "title")
PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_QUERY_LENGTH = 200
TYPE_CODES = {t.value for t in PracticeType}
#: parameters the API refuses when they are given without a value (``?sort=``)
_NOT_EMPTY = (
    "state",
    "type",
    "topic",
    "language",
    "year",
    "published_since",
    "sort",
    "page",
    "per_page",
)


class FilterError(LibraryError):
    """A filter value that is not valid (the API answers 400; pages ignore it)."""


@dataclass
class Filters:
    q: str = ""
    states: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    #: Theme ids (the chair's thematic priorities the practices are linked to).
    themes: list[int] = field(default_factory=list)
    published_since: date | None = None
    sort: str = ""
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def effective_sort(self) -> str:
        if self.sort in SORTS and (self.sort != "relevance" or self.q):
            return self.sort
        return "relevance" if self.q else "newest"

    def args(self, **changes: Any) -> dict[str, Any]:
        """Query-string arguments for a link to these filters with ``changes``."""
        values: dict[str, Any] = {
            "q": self.q or None,
            "state": self.states,
            "type": self.types,
            "topic": self.topics,
            "language": self.languages,
            "year": self.years,
            "theme": self.themes,
            "sort": self.sort or None,
            "published_since": self.published_since.isoformat() if self.published_since else None,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in (None, [], "")}

    def toggled(self, facet: str, value: Any) -> dict[str, Any]:
        """Arguments with ``value`` added to (or removed from) ``facet``; back to page 1."""
        current = list(self.args().get(facet, []))
        current = [v for v in current if v != value] if value in current else [*current, value]
        return self.args(**{facet: current})


@dataclass
class Listing:
    filters: Filters
    items: list[Practice]
    total: int
    #: facet name → value → count (values: state codes, type codes, years, languages, topics)
    facets: dict[str, Counter[Any]]
    #: practice id → (highlighted snippet, language of the text it comes from)
    snippets: dict[int, tuple[Markup, str]]
    #: A search whose matches went past :data:`.search_listing.SEARCH_CANDIDATES`:
    #: ``total`` and the facet counts cover the most recent matches only (the page says so).
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


def _many(args: Any, name: str) -> list[str]:
    if hasattr(args, "getlist"):
        values = args.getlist(name)
    else:
        raw = args.get(name)
        values = raw if isinstance(raw, list) else ([] if raw is None else [raw])
    out: list[str] = []
    for v in values:
        out += [part.strip() for part in str(v).split(",") if part.strip()]
    return out


def parse_filters(
    args: Any,
    *,
    strict: bool = False,
    state_codes: set[str],
    theme_ids: set[int] | None = None,
) -> Filters:
    """Filters from query-string arguments.

    ``strict`` (the API): a bad value raises :class:`FilterError` with a message in the
    reader's language; otherwise (pages) bad values are dropped. ``theme_ids``: the themes
    that exist (``None``: any number is taken).
    """

    def bad(message: Any) -> None:
        if strict:
            raise FilterError(message)

    f = Filters()
    if strict:
        for name in _NOT_EMPTY:
            values = args.getlist(name) if hasattr(args, "getlist") else [args.get(name)]
            if any(v is not None and not str(v).strip() for v in values):
                bad(
                    _l(
                        "The parameter “%(name)s” is empty: give it a value or leave it out.",
                        name=name,
                    )
                )
    q = (args.get("q") or "").strip()
    if len(q) > MAX_QUERY_LENGTH or any(ord(c) < 32 for c in q):
        bad(_l("The search text is too long or contains characters that are not allowed."))
        q = q[:MAX_QUERY_LENGTH]
        q = "".join(c for c in q if ord(c) >= 32)
    f.q = q
    facets: list[tuple[str, list[str], set[str], Any]] = [
        ("state", f.states, state_codes, lambda v: _l("Unknown member state: %(value)s", value=v)),
        ("type", f.types, TYPE_CODES, lambda v: _l("Unknown type: %(value)s", value=v)),
        ("topic", f.topics, set(TOPIC_CODES), lambda v: _l("Unknown topic: %(value)s", value=v)),
        (
            "language",
            f.languages,
            set(LANGUAGES),
            lambda v: _l("Unknown language: %(value)s", value=v),
        ),
    ]
    for name, target, allowed, message in facets:
        for value in _many(args, name):
            value = value.upper() if name == "state" else value
            if value in allowed:
                if value not in target:
                    target.append(value)
            else:
                bad(message(value[:40]))
    for value in _many(args, "year"):
        if value.isascii() and value.isdigit() and 1900 <= int(value) <= 2200:
            if int(value) not in f.years:
                f.years.append(int(value))
        else:
            bad(_l("The year must be a number such as 2024; got “%(value)s”.", value=value[:40]))
    for value in _many(args, "theme"):
        number = value.isascii() and value.isdigit() and len(value) < 10
        if number and (theme_ids is None or int(value) in theme_ids):
            if int(value) not in f.themes:
                f.themes.append(int(value))
        else:
            bad(_l("Unknown theme: %(value)s", value=value[:40]))
    since = args.get("published_since")
    if since:
        try:
            f.published_since = date.fromisoformat(str(since))
        except ValueError:
            bad(_l("Dates are written YYYY-MM-DD; got “%(value)s”.", value=str(since)[:40]))
    sort = args.get("sort") or ""
    if sort and sort not in SORTS:
        bad(_l("Unknown sort order: %(value)s", value=sort[:40]))
    f.sort = sort if sort in SORTS else ""
    f.page = _number(
        args.get("page"), 1, 100_000, strict, _l("The page must be a positive number.")
    )
    f.per_page = _number(
        args.get("per_page"),
        PER_PAGE,
        MAX_PER_PAGE,
        strict,
        _l("per_page must be a number from 1 to %(max)d.", max=MAX_PER_PAGE),
    )
    return f


def _number(raw: Any, default: int, maximum: int, strict: bool, message: Any) -> int:
    if raw in (None, ""):
        return default
    text = str(raw)
    if not text.isascii():  # "²".isdigit() is true, but int("²") fails
        text = ""
    if text.isdigit() and 0 < int(text) <= maximum:
        return int(text)
    if strict:
        raise FilterError(message)
    return min(int(text), maximum) if text.isdigit() and int(text) > 0 else default
