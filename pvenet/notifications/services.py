"""Telling people things: an in-app notification and, if asked, an e-mail.

Features register each kind of notification with :func:`kind`, giving a function that
returns ``(title, body)`` for the parameters, using gettext. The notification is rendered
when it is read (in the reader's language of the day); the e-mail is rendered when it is
queued, in the recipient's preferred language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import bindparam, func, select, update

from .. import reads
from ..extensions import db
from ..mail.services import queue_mail
from .models import Notification

Renderer = Callable[[dict[str, Any]], tuple[str, str]]
_KINDS: dict[str, Renderer] = {}


def kind(name: str) -> Callable[[Renderer], Renderer]:
    """Register the renderer of a kind of notification."""

    def decorator(render: Renderer) -> Renderer:
        _KINDS[name] = render
        return render

    return decorator


def render(notification: Notification) -> tuple[str, str]:
    renderer = _KINDS.get(notification.kind)
    if renderer is None:
        return notification.kind, ""
    return renderer(notification.params or {})


def notify(
    user: Any,
    kind_name: str,
    params: dict[str, Any] | None = None,
    *,
    link: str | None = None,
    dedup_key: str | None = None,
    email: bool = True,
) -> Notification | None:
    """Notify ``user`` once per ``dedup_key``; returns ``None`` when already notified.

    ``link`` is a site path ("/rotation/"); the e-mail carries it as an absolute URL.
    """
    if kind_name not in _KINDS:
        raise KeyError(f"unknown notification kind {kind_name!r}")
    params = params or {}
    if dedup_key is not None:
        exists = db.session.scalar(
            select(Notification.id).where(Notification.dedup_key == dedup_key)
        )
        if exists:
            return None
    note = Notification(
        user_id=user.id, kind=kind_name, params=params, link=link, dedup_key=dedup_key
    )
    db.session.add(note)
    db.session.flush()
    if email and user.is_active:
        locale = user.locale or current_app.config["DEFAULT_LOCALE"]
        with force_locale(locale):
            title, body = _KINDS[kind_name](params)
            if link:
                body += "\n\n" + current_app.config["BASE_URL"].rstrip("/") + link
            body += "\n\n" + _("You receive this message as a user of pvenet.")
        queue_mail(user.email, title, body, dedup_key=f"n:{dedup_key}" if dedup_key else None)
    return note


_notes = Notification.__table__.c
_UNREAD = select(func.count(_notes.id)).where(
    _notes.user_id == bindparam("user_id"), _notes.read_at.is_(None)
)


def unread_count(user_id: int) -> int:
    """Shown in the navigation of every page: a Core statement compiled once, without the
    ORM's per-call work, outside a transaction until the request has begun one
    (:mod:`pvenet.reads`)."""
    return reads.connection().execute(_UNREAD, {"user_id": user_id}).scalar() or 0


def list_for(user_id: int, *, limit: int = 100) -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user_id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def mark_read(user_id: int, now: datetime, notification_id: int | None = None) -> int:
    """Mark one (or every) unread notification of the user as read; returns how many."""
    stmt = update(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    return db.session.execute(stmt.values(read_at=now)).rowcount or 0
