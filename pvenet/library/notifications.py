"""The library's notifications: who is told what when a practice moves on.

Each kind stores the practice's titles in both languages and is rendered in the reader's
language when read (or the recipient's when e-mailed).
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..auth.models import Role, User
from ..extensions import db
from ..notifications.services import kind, notify
from ..states.names import country_name
from .models import Practice


def practice_path(practice_id: int, endpoint: str = "library.detail") -> str:
    """A site path for a link in a notification (works outside requests too)."""
    adapter = current_app.url_map.bind("localhost")
    return adapter.build(endpoint, {"practice_id": practice_id})


def params_for(practice: Practice, **extra: Any) -> dict[str, Any]:
    titles = {f"title_{t.language}": t.title for t in practice.texts}
    return {"practice_id": practice.id, "state": practice.state.code, **titles, **extra}


def _title(params: dict[str, Any]) -> str:
    lang = get_locale().language if get_locale() else "en"
    return params.get(f"title_{lang}") or params.get("title_en") or params.get("title_ru") or ""


def _state(params: dict[str, Any]) -> str:
    lang = get_locale().language if get_locale() else "en"
    return country_name(params.get("state", ""), lang)


@kind("library.submitted")
def _submitted(p: dict[str, Any]) -> tuple[str, str]:
    if p.get("revision"):
        title = _("A revised practice awaits review: %(title)s", title=_title(p))
    else:
        title = _("A practice awaits review: %(title)s", title=_title(p))
    return title, _("Submitted by %(state)s for publication in the library.", state=_state(p))


@kind("library.approved")
def _approved(p: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Published: %(title)s", title=_title(p)),
        _("The practice has been approved and is now published in the library."),
    )


@kind("library.returned")
def _returned(p: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Returned with comments: %(title)s", title=_title(p)),
        _("The reviewer wrote: %(comment)s", comment=p.get("comment", "")),
    )


@kind("library.comment")
def _comment(p: dict[str, Any]) -> tuple[str, str]:
    return (
        _("New review comment on %(title)s", title=_title(p)),
        _("%(author)s wrote: %(comment)s", author=p.get("author", ""), comment=p.get("comment")),
    )


@kind("library.translation_added")
def _translation_added(p: dict[str, Any]) -> tuple[str, str]:
    from .vocab import LANGUAGE_LABELS

    language = str(LANGUAGE_LABELS.get(p.get("language", ""), p.get("language", "")))
    return (
        _("Translation added: %(title)s", title=_title(p)),
        _("%(author)s added the %(language)s text.", author=p.get("author", ""), language=language),
    )


@kind("library.withdrawn")
def _withdrawn(p: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Withdrawn: %(title)s", title=_title(p)),
        _(
            "The practice was withdrawn from the library. Reason: %(reason)s",
            reason=p.get("reason"),
        ),
    )


def active_admins() -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.role == Role.admin, User.is_active_flag.is_(True))
        )
    )


def active_focal_points(state_id: int | None) -> list[User]:
    if state_id is None:
        return []
    return list(
        db.session.scalars(
            select(User).where(
                User.role == Role.focal_point,
                User.state_id == state_id,
                User.is_active_flag.is_(True),
            )
        )
    )


def tell(users: list[User | None], kind_name: str, practice: Practice, actor: Any, **extra: Any):
    """Notify each distinct user once (never the actor), linking to the practice."""
    seen: set[int] = set()
    params = params_for(practice, **extra)
    link = practice_path(practice.id)
    for user in users:
        if user is None or user.id in seen or user.id == getattr(actor, "id", None):
            continue
        seen.add(user.id)
        notify(user, kind_name, params, link=link)
