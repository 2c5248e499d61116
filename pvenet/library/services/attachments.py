"""Attachments: checked from their content, stored under a random key, shown by a safe name.

Nothing is stored until the file has passed every check, so a refused upload leaves no
file and no row. With the filesystem storage the caller deletes the files of a failed
transaction (:func:`discard_files`); the database storage rolls back with the session.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l

from ...audit.services import record
from ...auth.models import User
from ...extensions import db
from ..filetypes import ALLOWED, extension, safe_display_name, sniff
from ..models import Attachment, Practice
from ..storage import Storage, get_storage, is_transactional, new_key
from .access import may_read, may_read_pending, may_write
from .content import LibraryError
from .workflow import editing_mode, start_revision

MAX_ATTACHMENTS = 20


class UploadTooLarge(LibraryError):
    """The file is over ``MAX_UPLOAD_MB`` (the view answers 413)."""


def max_bytes() -> int:
    return int(current_app.config["MAX_UPLOAD_MB"]) * 1024 * 1024


def allowed_kinds_text() -> str:
    return ", ".join(kind.label for kind in ALLOWED)


def check_upload(filename: str | None, data: bytes):
    """The file's kind, or :class:`LibraryError` saying why it is refused."""
    if not data:
        raise LibraryError(_l("The file is empty."), "attachment")
    if len(data) > max_bytes():
        raise UploadTooLarge(
            _l(
                "The file is larger than the allowed %(mb)d MB.",
                mb=current_app.config["MAX_UPLOAD_MB"],
            ),
            "attachment",
        )
    kind = sniff(data)
    if kind is None:
        raise LibraryError(
            _l(
                "This kind of file is not accepted. Allowed: %(kinds)s.",
                kinds=allowed_kinds_text(),
            ),
            "attachment",
        )
    if extension(filename or "") not in kind.extensions:
        raise LibraryError(
            _l(
                "The file's content is %(kind)s, which does not match its name “%(name)s”. "
                "Choose the right file or give it the right extension (%(ext)s).",
                kind=kind.label,
                name=safe_display_name(filename),
                ext=", ".join("." + e for e in kind.extensions),
            ),
            "attachment",
        )
    return kind


def add_attachment(
    practice: Practice,
    actor: User,
    *,
    filename: str | None,
    data: bytes,
    now: datetime,
    storage: Storage | None = None,
) -> Attachment:
    """Store a checked file for the practice (staged with the revision when published)."""
    if not may_write(actor, practice):
        raise LibraryError(_l("You may not do this with this practice."))
    mode = editing_mode(practice)
    if mode == "locked":
        raise LibraryError(_l("The practice is under review and cannot be changed now."))
    active = [a for a in practice.attachments if a.removed_at is None]
    if len(active) >= MAX_ATTACHMENTS:
        raise LibraryError(
            _l("A practice can have at most %(n)d attachments.", n=MAX_ATTACHMENTS), "attachment"
        )
    kind = check_upload(filename, data)
    if mode == "pending":
        start_revision(practice, actor, now=now)
    storage = storage or get_storage()
    key = new_key()
    storage.save(key, data)
    attachment = Attachment(
        storage_key=key,
        filename=safe_display_name(filename, kind),
        mime_type=kind.mime,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by_id=actor.id,
        created_at=now,
        is_pending=mode == "pending",
    )
    practice.attachments.append(attachment)
    db.session.flush()
    record(actor, "practice.attachment_added", practice, attachment=attachment.filename)
    return attachment


def remove_attachment(
    practice: Practice, attachment: Attachment, actor: User, *, now: datetime
) -> str | None:
    """Remove (or, on a published practice, propose removing) an attachment.

    Returns the storage key whose file the caller deletes after committing, if any: a file
    that was ever published is kept for the revision history.
    """
    if not may_write(actor, practice) or attachment.practice_id != practice.id:
        raise LibraryError(_l("You may not do this with this practice."))
    mode = editing_mode(practice)
    if mode == "locked":
        raise LibraryError(_l("The practice is under review and cannot be changed now."))
    record(actor, "practice.attachment_removed", practice, attachment=attachment.filename)
    if mode == "pending" and not attachment.is_pending:
        start_revision(practice, actor, now=now)
        attachment.is_removal_pending = True
        db.session.flush()
        return None
    if attachment.was_published:
        attachment.removed_at = now
        db.session.flush()
        return None
    key = attachment.storage_key
    practice.attachments.remove(attachment)
    db.session.flush()
    return key


def discard_files(keys: list[str | None], storage: Storage | None = None) -> None:
    """Delete stored files after the transaction that dropped their rows has committed."""
    storage = storage or get_storage()
    for key in keys:
        if key:
            storage.delete(key)
    if is_transactional(storage):
        db.session.commit()


def may_download(user: Any, attachment: Attachment, now: datetime) -> bool:
    """Readers of the practice get what they may see of it; its authors and reviewers
    also get the files of a revision under review."""
    practice = attachment.practice
    if not may_read(user, practice, now):
        return False
    if attachment.is_pending:
        return may_read_pending(user, practice, now)
    # Removed files stay readable as part of the published revisions they belonged to.
    return True
