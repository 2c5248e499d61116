"""Adding the missing language to a practice, and the "needs translation" queue."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from ...audit.services import record
from ...auth.models import User
from ...extensions import db
from ..models import Practice, PracticeStatus, PracticeText
from ..notifications import tell
from ..vocab import LANGUAGES
from .access import may_translate, published_visible_to
from .content import LibraryError, TextContent, check_text, refresh_derived
from .workflow import snapshot


def add_translation(
    practice: Practice,
    actor: User,
    *,
    language: str,
    text: TextContent,
    now: datetime,
) -> PracticeText:
    """Add the text in the practice's missing language.

    On a published practice the translation is published at once as a new revision (a
    translation does not change what the practice says); a pending revision receives it
    too, so approving the revision later does not drop it.
    """
    if not may_translate(actor, practice, now):
        raise LibraryError(_l("You may not translate this practice."))
    if language not in LANGUAGES or language == practice.original_language:
        raise LibraryError(_l("Choose the language the practice is missing."))
    if practice.text(language) is not None:
        raise LibraryError(_l("The practice already has a text in this language."))
    text = TextContent(text.title.strip(), text.summary.strip(), text.body.strip())
    check_text(language, text)
    row = PracticeText(
        language=language,
        title=text.title,
        summary=text.summary,
        body=text.body,
        is_original=False,
    )
    practice.texts.append(row)
    refresh_derived(practice)
    pending = practice.pending
    if pending is not None and language not in pending.data.get("texts", {}):
        data = dict(pending.data)
        data["texts"] = {**data["texts"], language: text.to_data()}
        pending.data = data
    if practice.status == PracticeStatus.published:
        practice.revised_at = now
        snapshot(practice, actor, reason="translation", now=now)
    db.session.flush()
    record(actor, "practice.translated", practice, language=language)
    tell(
        [practice.created_by, db.session.get(User, practice.submitted_by_id or 0)],
        "library.translation_added",
        practice,
        actor,
        author=actor.name,
        language=language,
    )
    return row


def needs_translation(user: Any, *, missing: str | None = None) -> Select[tuple[Practice]]:
    """Published practices ``user`` may read that lack a language, newest first."""
    stmt = (
        select(Practice)
        .where(published_visible_to(user), Practice.is_translated.is_(False))
        .options(selectinload(Practice.pending))
    )
    if missing in LANGUAGES:
        # The missing language is the one that is not the original.
        stmt = stmt.where(Practice.original_language != missing)
    return stmt.order_by(Practice.published_at.desc(), Practice.id.desc())
