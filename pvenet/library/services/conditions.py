"""The SQL conditions of the listing's filters, shared by the page, the counts and the exports.

Everything starts from :func:`~.access.visibility_condition` (through
:func:`~.access.published_visible_to`), so a reader never counts, finds or exports what
they may not read.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from ...states.models import MemberState
from ..models import Practice, practice_themes
from ..search import parse_query, practice_ids
from ..search.text import ParsedQuery
from ..vocab import TOPIC_CODES, PracticeType, to_mask
from .access import published_visible_to
from .filters import Filters


def _state_ids(codes: list[str]) -> ColumnElement[bool]:
    return Practice.state_id.in_(select(MemberState.id).where(MemberState.code.in_(codes)))


def _language_condition(languages: list[str]) -> ColumnElement[bool]:
    # Two languages: a translated practice has both; otherwise only its original.
    return or_(Practice.original_language.in_(languages), Practice.is_translated.is_(True))


def parsed_query(f: Filters) -> ParsedQuery | None:
    parsed = parse_query(f.q) if f.q else None
    return parsed if parsed is not None and not parsed.is_empty else None


def _theme_condition(themes: list[int]) -> ColumnElement[bool]:
    linked = select(practice_themes.c.practice_id).where(practice_themes.c.theme_id.in_(themes))
    return Practice.id.in_(linked)


def base_conditions(
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


def facet_conditions(f: Filters) -> list[ColumnElement[bool]]:
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


def all_conditions(user: Any, f: Filters, parsed: ParsedQuery | None) -> list[Any]:
    return base_conditions(user, f, parsed) + facet_conditions(f)
