"""Queueing e-mail in the outbox and sending it, with retries and back-off."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from flask_mail import Message
from sqlalchemy import select

from ..extensions import db, mail
from .models import MailStatus, OutboxMessage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def queue_mail(
    recipient: str, subject: str, body: str, *, dedup_key: str | None = None
) -> OutboxMessage | None:
    """Store a message in the outbox; it is sent after the caller commits.

    With ``dedup_key``, a message already queued under that key is not queued again
    (``None`` is returned), which makes side effects of idempotent jobs mail once.
    """
    if dedup_key is not None:
        exists = db.session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.dedup_key == dedup_key)
        )
        if exists:
            return None
    msg = OutboxMessage(recipient=recipient, subject=subject, body=body, dedup_key=dedup_key)
    db.session.add(msg)
    db.session.flush()
    return msg


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: 1, 2, 4 … minutes, at most six hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def send_pending(now: datetime, *, limit: int = 50) -> tuple[int, int]:
    """Send due outbox messages; returns (sent, failed). Commits each message's outcome.

    This runs in a job, not in a request: each message is committed on its own so one bad
    address cannot hold back the rest, and a crash between two messages loses nothing.
    """
    stmt = (
        select(OutboxMessage)
        .where(
            OutboxMessage.status == MailStatus.pending,
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    if db.engine.dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    sent = failed = 0
    for msg in db.session.scalars(stmt).all():
        msg.attempts += 1
        try:
            _deliver(msg)
        except Exception as exc:  # any transport error: keep the message, retry later
            msg.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if msg.attempts >= MAX_ATTEMPTS:
                msg.status = MailStatus.failed
            else:
                msg.next_attempt_at = now + backoff(msg.attempts)
            failed += 1
            log.warning("mail to %s failed (attempt %d): %s", msg.recipient, msg.attempts, exc)
        else:
            msg.status = MailStatus.sent
            msg.sent_at = now
            msg.last_error = None
            sent += 1
        db.session.commit()
    return sent, failed


def _deliver(msg: OutboxMessage) -> None:
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "log":
        # In development the log is the mailbox, so its links must stay usable there;
        # anywhere else the redacting log filter masks the tokens inside them.
        cfg = current_app.config
        keep_links = cfg["ENV"] == "development" and not cfg.get("TESTING")
        log.info(
            "mail to=%s subject=%s\n%s",
            msg.recipient,
            msg.subject,
            msg.body,
            extra={"pvenet_unredacted": keep_links},
        )
        return
    if backend == "smtp":
        mail.send(Message(subject=msg.subject, recipients=[msg.recipient], body=msg.body))
        return
    raise RuntimeError(f"unknown PVENET_MAIL_BACKEND {backend!r}")
