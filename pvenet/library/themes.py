"""The library's side of the chair's themes: linking practices, the theme facet's labels,
and the practice figures of the term report (the contribution provider).

The library imports themes, never the reverse (``themes ← library``); the app factory
registers :func:`contributions` with the themes feature.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from ..rotation.models import ChairTerm
from ..themes.labels import holder_name
from ..themes.models import Theme
from ..themes.services import Contributions, Counts
from .models import Practice, PracticeStatus, practice_themes


def theme_label(theme: Theme, language: str) -> str:
    """ "Title (term 3: Kyrgyzstan)": a theme named with its term."""
    return _(
        "%(title)s (term %(n)d: %(holder)s)",
        title=theme.title_for(language),
        n=theme.term.sequence,
        holder=holder_name(theme.term),
    )


def linkable_themes(today: date, keep: Iterable[int] = ()) -> list[Theme]:
    """Themes of the terms that have started (current and past), newest term first, and
    any theme in ``keep`` (already linked)."""
    keep = list(keep)
    started = ChairTerm.starts_on <= today
    condition = started | Theme.id.in_(keep) if keep else started
    stmt = (
        select(Theme)
        .join(ChairTerm, ChairTerm.id == Theme.term_id)
        .where(condition)
        .order_by(ChairTerm.sequence.desc(), Theme.position)
    )
    return list(db.session.scalars(stmt))


def theme_choices(language: str, today: date, keep: Iterable[int] = ()) -> list[tuple[int, str]]:
    return [(t.id, theme_label(t, language)) for t in linkable_themes(today, keep)]


def themes_by_id(ids: Iterable[int]) -> dict[int, Theme]:
    ids = list(ids)
    if not ids:
        return {}
    return {t.id: t for t in db.session.scalars(select(Theme).where(Theme.id.in_(ids)))}


def contributions(start: datetime, end: datetime, theme_ids: list[int]) -> Contributions:
    """Practices contributed (created in the term and since submitted: not a draft) and
    published (first published in the term), per state and per theme."""
    from ..states.models import MemberState

    contributed = (
        (Practice.created_at >= start)
        & (Practice.created_at < end)
        & (Practice.status != PracticeStatus.draft)
    )
    published = (Practice.published_at >= start) & (Practice.published_at < end)
    result = Contributions()
    for column, condition in (("contributed", contributed), ("published", published)):
        rows = db.session.execute(
            select(MemberState.code, func.count(Practice.id))
            .join(MemberState, MemberState.id == Practice.state_id)
            .where(condition)
            .group_by(MemberState.code)
        )
        for code, n in rows:
            setattr(result.by_state.setdefault(code, Counts()), column, int(n))
        if theme_ids:
            theme = practice_themes.c.theme_id
            rows = db.session.execute(
                select(theme, func.count(Practice.id))
                .join(practice_themes, practice_themes.c.practice_id == Practice.id)
                .where(condition, theme.in_(theme_ids))
                .group_by(theme)
            )
            for theme_id, n in rows:
                setattr(result.by_theme.setdefault(int(theme_id), Counts()), column, int(n))
    return result
