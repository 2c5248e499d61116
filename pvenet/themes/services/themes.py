"""A term's themes: add, edit, reorder, delete (one to five per term), each audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ...audit.services import record
from ...extensions import db
from ...rotation.models import ChairTerm
from ...states.models import MemberState
from ..models import LANGUAGES, Theme, ThemeScope, ThemeText
from .access import has_started, may_edit
from .errors import ThemeError

MAX_THEMES = 5
TITLE_MAX = 200
DESCRIPTION_MAX = 4000


@dataclass
class ThemeTextContent:
    title: str = ""
    description: str = ""

    def is_blank(self) -> bool:
        return not (self.title.strip() or self.description.strip())


@dataclass
class ThemeContent:
    """A theme as a value: texts by language, scope and the state of a national theme."""

    texts: dict[str, ThemeTextContent] = field(default_factory=dict)
    scope: ThemeScope = ThemeScope.regional
    state_code: str | None = None

    @classmethod
    def of(cls, theme: Theme) -> ThemeContent:
        return cls(
            texts={t.language: ThemeTextContent(t.title, t.description) for t in theme.texts},
            scope=theme.scope,
            state_code=theme.state.code if theme.state else None,
        )

    def to_data(self) -> dict[str, Any]:
        return {
            "texts": {
                k: {"title": v.title, "description": v.description} for k, v in self.texts.items()
            },
            "scope": self.scope.value,
            "state": self.state_code,
        }


def _check_characters(value: str, field_name: str) -> None:
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise ThemeError(_l("This field contains characters that are not allowed."), field_name)


def clean(content: ThemeContent) -> tuple[ThemeContent, MemberState | None]:
    """Trim, drop blank languages, check the rules; the state of a national theme."""
    texts: dict[str, ThemeTextContent] = {}
    for lang, t in content.texts.items():
        if lang not in LANGUAGES:
            raise ThemeError(_l("Unknown language: %(value)s", value=str(lang)[:10]))
        if t.is_blank():
            continue
        title, description = t.title.strip(), t.description.strip()
        if not title:
            raise ThemeError(
                _l("A theme needs a title in each language it is described in."), f"title_{lang}"
            )
        if len(title) > TITLE_MAX:
            raise ThemeError(
                _l("This field is longer than %(max)d characters.", max=TITLE_MAX), f"title_{lang}"
            )
        if len(description) > DESCRIPTION_MAX:
            raise ThemeError(
                _l("This field is longer than %(max)d characters.", max=DESCRIPTION_MAX),
                f"description_{lang}",
            )
        _check_characters(title, f"title_{lang}")
        _check_characters(description, f"description_{lang}")
        texts[lang] = ThemeTextContent(title, description)
    if not texts:
        raise ThemeError(_l("Give the theme a title in English or in Russian."), "title_en")
    state = None
    if content.scope == ThemeScope.national:
        code = (content.state_code or "").upper()
        state = db.session.scalar(select(MemberState).where(MemberState.code == code))
        if state is None:
            raise ThemeError(_l("Choose the member state a national theme concerns."), "state")
    elif content.scope != ThemeScope.regional:
        raise ThemeError(_l("Choose the theme's scope."), "scope")
    cleaned = ThemeContent(
        texts=texts, scope=ThemeScope(content.scope), state_code=state.code if state else None
    )
    return cleaned, state


def term_themes(term: ChairTerm) -> list[Theme]:
    return list(
        db.session.scalars(
            select(Theme).where(Theme.term_id == term.id).order_by(Theme.position, Theme.id)
        )
    )


def _require(actor: Any, term: ChairTerm, now: datetime) -> None:
    if not may_edit(actor, term, now):
        raise ThemeError(
            _l(
                "Only the chair's focal points (from 30 days before the term until its "
                "handover) and administrators may change this term's programme."
            )
        )


def _apply(theme: Theme, content: ThemeContent, state: MemberState | None) -> None:
    theme.scope = content.scope
    theme.state_id = state.id if state else None
    theme.state = state
    existing = {t.language: t for t in theme.texts}
    for lang, text in content.texts.items():
        row = existing.get(lang)
        if row is None:
            row = ThemeText(language=lang, title="", description="")
            theme.texts.append(row)
        row.title, row.description = text.title, text.description
    for lang, row in existing.items():
        if lang not in content.texts:
            theme.texts.remove(row)


def add_theme(term: ChairTerm, actor: Any, content: ThemeContent, *, now: datetime) -> Theme:
    _require(actor, term, now)
    count = db.session.scalar(select(func.count(Theme.id)).where(Theme.term_id == term.id)) or 0
    if count >= MAX_THEMES:
        raise ThemeError(
            _l("A term has at most %(max)d themes; edit or remove one first.", max=MAX_THEMES)
        )
    content, state = clean(content)
    theme = Theme(
        term_id=term.id, term=term, position=count + 1, created_by_id=getattr(actor, "id", None)
    )
    _apply(theme, content, state)
    db.session.add(theme)
    db.session.flush()
    record(actor, "themes.created", theme, term=term.sequence, **content.to_data())
    return theme


def edit_theme(theme: Theme, actor: Any, content: ThemeContent, *, now: datetime) -> dict[str, Any]:
    """Change a theme; returns what changed (``{}``: nothing)."""
    _require(actor, theme.term, now)
    content, state = clean(content)
    before = ThemeContent.of(theme).to_data()
    after = content.to_data()
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return changes
    _apply(theme, content, state)
    db.session.flush()
    record(actor, "themes.updated", theme, term=theme.term.sequence, **changes)
    return changes


def move_theme(theme: Theme, actor: Any, offset: int, *, now: datetime) -> bool:
    """Move a theme up (``-1``) or down (``+1``) in its term's order; ``False``: at the end."""
    _require(actor, theme.term, now)
    themes = term_themes(theme.term)
    index = themes.index(theme)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(themes):
        return False
    themes[index], themes[target] = themes[target], themes[index]
    for position, t in enumerate(themes, start=1):
        t.position = position
    db.session.flush()
    record(
        actor,
        "themes.reordered",
        theme,
        term=theme.term.sequence,
        order=[t.id for t in themes],
    )
    return True


def delete_theme(theme: Theme, actor: Any, *, now: datetime) -> None:
    """Remove a theme; a term that has started keeps at least one."""
    term = theme.term
    _require(actor, term, now)
    themes = term_themes(term)
    if len(themes) <= 1 and has_started(term, now):
        raise ThemeError(
            _l("A term that has started keeps at least one theme; edit this one instead.")
        )
    data = ThemeContent.of(theme).to_data()
    db.session.delete(theme)
    db.session.flush()
    for position, t in enumerate([t for t in themes if t is not theme], start=1):
        t.position = position
    db.session.flush()
    record(
        actor,
        "themes.deleted",
        object_type="themes",
        object_id=theme.id,
        term=term.sequence,
        **data,
    )
