"""The review workflow: draft → submitted → published, or returned → resubmitted; withdraw;
revise a published practice (its published text stays until the revision is approved).

Every function takes the acting user and ``now``, checks the rules, changes the data,
flushes, writes the audit log and notifies; the caller commits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...audit.services import record
from ...auth.models import User
from ...extensions import db
from ...states.models import MemberState
from ..models import (
    PendingRevision,
    Practice,
    PracticeRevision,
    PracticeStatus,
    ReviewComment,
    RevisionStatus,
    Visibility,
)
from ..notifications import active_admins, active_focal_points, tell
from .access import chairing_state_id, is_admin, may_review, may_write
from .content import LibraryError, PracticeContent, apply_content, check_characters

#: Statuses whose live content the authors edit directly (nothing of it is public).
LIVE_EDIT = (PracticeStatus.draft, PracticeStatus.returned, PracticeStatus.withdrawn)
COMMENT_MAX = 5000

NOT_ALLOWED = _l("You may not do this with this practice.")


def _require(condition: bool, message: Any = NOT_ALLOWED) -> None:
    if not condition:
        raise LibraryError(message)


def _pending(practice: Practice, message: Any = None) -> PendingRevision:
    """The practice's pending revision; refuses clearly when there is none."""
    if practice.pending is None:
        raise LibraryError(message or _l("There is no submission to review."))
    return practice.pending


def create_practice(
    actor: User,
    *,
    state: MemberState,
    content: PracticeContent,
    visibility: Visibility,
    now: datetime,
) -> Practice:
    """A new draft of ``state`` (focal points: their own state only)."""
    _require(is_admin(actor) or (actor.is_focal_point and actor.state_id == state.id))
    content.clean(now)
    practice = Practice(
        state=state,
        visibility=visibility,
        status=PracticeStatus.draft,
        created_by_id=actor.id,
        created_at=now,
        updated_at=now,
        type=content.type,
        year=content.year,
        original_language=content.original_language,
    )
    db.session.add(practice)
    apply_content(practice, content)
    record(actor, "practice.created", practice, state=state.code)
    return practice


def editing_mode(practice: Practice) -> str:
    """``live`` (edit the practice itself), ``pending`` (edit a revision) or ``locked``."""
    if practice.status in LIVE_EDIT:
        return "live"
    if practice.status == PracticeStatus.published:
        pending = practice.pending
        if pending is None or pending.status != RevisionStatus.submitted:
            return "pending"
    return "locked"


def proposed_content(practice: Practice) -> PracticeContent:
    """What the edit form shows: the pending revision if there is one, else the live text."""
    if practice.pending is not None:
        return PracticeContent.from_data(practice.pending.data)
    return PracticeContent.from_practice(practice)


def save_practice(
    practice: Practice,
    actor: User,
    *,
    content: PracticeContent,
    visibility: Visibility,
    now: datetime,
) -> str:
    """Save an edit; returns the mode used (``live`` or ``pending``).

    The visibility applies at once, also to a published practice: making a practice
    restricted must not wait for a review.
    """
    _require(may_write(actor, practice))
    mode = editing_mode(practice)
    if mode == "locked":
        raise LibraryError(_l("The practice is under review and cannot be changed now."))
    content.clean(now)
    if visibility != practice.visibility:
        record(
            actor,
            "practice.visibility",
            practice,
            old=practice.visibility.value,
            new=visibility.value,
        )
        practice.visibility = visibility
    if mode == "live":
        apply_content(practice, content)
        practice.updated_at = now
        record(actor, "practice.edited", practice)
    else:
        pending = start_revision(practice, actor, now=now)
        pending.data = content.to_data()
        pending.updated_at = now
        record(actor, "practice.revision_edited", practice)
    db.session.flush()
    return mode


def start_revision(practice: Practice, actor: User, *, now: datetime) -> PendingRevision:
    """The pending revision of a published practice, created from its live content."""
    _require(may_write(actor, practice) and practice.status == PracticeStatus.published)
    if practice.pending is None:
        practice.pending = PendingRevision(
            status=RevisionStatus.draft,
            data=PracticeContent.from_practice(practice).to_data(),
            created_by_id=actor.id,
            created_at=now,
            updated_at=now,
        )
        db.session.flush()
        record(actor, "practice.revision_started", practice)
    return practice.pending


def discard_revision(practice: Practice, actor: User, *, now: datetime) -> list[str]:
    """Drop a pending revision that is not under review; returns storage keys to delete."""
    pending = practice.pending
    _require(may_write(actor, practice))
    pending = _pending(practice, NOT_ALLOWED)
    if pending.status == RevisionStatus.submitted:
        raise LibraryError(_l("The revision is under review and cannot be discarded now."))
    keys = []
    for attachment in list(practice.attachments):
        if attachment.is_pending:
            keys.append(attachment.storage_key)
            practice.attachments.remove(attachment)
        attachment.is_removal_pending = False
    practice.pending = None
    db.session.flush()
    record(actor, "practice.revision_discarded", practice)
    return keys


def _reviewers(practice: Practice, now: datetime) -> list[User]:
    users: list[User] = list(active_admins())
    chair = chairing_state_id(now)
    if (
        chair is not None
        and chair != practice.state_id
        and practice.visibility != Visibility.restricted
    ):
        users += active_focal_points(chair)
    return users


def _thread(practice: Practice, actor: User, action: str, body: str, now: datetime) -> None:
    db.session.add(
        ReviewComment(
            practice_id=practice.id, author_id=actor.id, action=action, body=body, created_at=now
        )
    )


def _clean_comment(body: str | None, *, required: bool) -> str:
    body = (body or "").strip()
    if required and not body:
        raise LibraryError(_l("Write a comment."), "body")
    if len(body) > COMMENT_MAX:
        raise LibraryError(
            _l("This field is longer than %(max)d characters.", max=COMMENT_MAX), "body"
        )
    check_characters(body, "body")
    return body


def submit(practice: Practice, actor: User, *, now: datetime, comment: str = "") -> None:
    """Send the practice (or its pending revision) to review."""
    _require(may_write(actor, practice))
    comment = _clean_comment(comment, required=False)
    pending = practice.pending
    if practice.status in LIVE_EDIT:
        PracticeContent.from_practice(practice).clean(now)
        action = "practice.resubmitted" if practice.status != PracticeStatus.draft else None
        practice.status = PracticeStatus.submitted
        practice.submitted_at = now
        practice.submitted_by_id = actor.id
        revision = False
    elif (
        practice.status == PracticeStatus.published
        and pending is not None
        and pending.status in (RevisionStatus.draft, RevisionStatus.returned)
    ):
        PracticeContent.from_data(pending.data).clean(now)
        action = "practice.revision_resubmitted" if pending.status.value == "returned" else None
        pending.status = RevisionStatus.submitted
        pending.submitted_at = now
        pending.submitted_by_id = actor.id
        revision = True
    else:
        raise LibraryError(_l("There is nothing to submit."))
    _thread(practice, actor, "submitted", comment, now)
    db.session.flush()
    record(
        actor,
        action or ("practice.revision_submitted" if revision else "practice.submitted"),
        practice,
    )
    tell(_reviewers(practice, now), "library.submitted", practice, actor, revision=revision)


def _submission_status(practice: Practice) -> str | None:
    if practice.status == PracticeStatus.submitted:
        return "practice"
    if practice.pending is not None and practice.pending.status == RevisionStatus.submitted:
        return "revision"
    return None


def _submitter(practice: Practice, what: str) -> User | None:
    user_id = (
        practice.submitted_by_id
        if what == "practice"
        else (practice.pending.submitted_by_id if practice.pending else None)
    )
    return db.session.get(User, user_id) if user_id else None


def approve(practice: Practice, actor: User, *, now: datetime, comment: str = "") -> None:
    """Publish the submission: the practice, or its revision in place of the live text."""
    what = _submission_status(practice)
    if what is None:
        raise LibraryError(_l("There is no submission to review."))
    _require(
        may_review(actor, practice, now),
        _l("You may not review a submission from your own state."),
    )
    comment = _clean_comment(comment, required=False)
    submitter = _submitter(practice, what)
    if what == "practice":
        practice.status = PracticeStatus.published
        practice.published_at = practice.published_at or now
        reason = "published"
    else:
        apply_content(practice, PracticeContent.from_data(_pending(practice).data))
        for attachment in practice.attachments:
            if attachment.is_removal_pending:
                attachment.is_removal_pending = False
                attachment.removed_at = now
            attachment.is_pending = False
        practice.pending = None
        reason = "revised"
    practice.revised_at = now
    snapshot(practice, actor, reason=reason, now=now)
    _thread(practice, actor, "approved", comment, now)
    db.session.flush()
    record(actor, "practice.approved", practice, what=what, revision=practice.revision_count)
    tell(
        [submitter, *active_focal_points(practice.state_id)],
        "library.approved",
        practice,
        actor,
    )


def return_with_comments(practice: Practice, actor: User, *, comment: str, now: datetime) -> None:
    """Send the submission back to its authors with the reviewer's comments."""
    what = _submission_status(practice)
    if what is None:
        raise LibraryError(_l("There is no submission to review."))
    _require(
        may_review(actor, practice, now),
        _l("You may not review a submission from your own state."),
    )
    comment = _clean_comment(comment, required=True)
    if what == "practice":
        practice.status = PracticeStatus.returned
    else:
        _pending(practice).status = RevisionStatus.returned
    _thread(practice, actor, "returned", comment, now)
    db.session.flush()
    record(actor, "practice.returned", practice, what=what)
    tell(
        [_submitter(practice, what), *active_focal_points(practice.state_id)],
        "library.returned",
        practice,
        actor,
        comment=comment[:500],
    )


def withdraw(practice: Practice, actor: User, *, reason: str, now: datetime) -> None:
    """Take a published practice out of the library; its revisions stay in the history.

    A pending revision becomes the withdrawn practice's text (nothing of it is public any
    more), so its authors can go on editing it and submit it again.
    """
    _require(may_write(actor, practice))
    if practice.status != PracticeStatus.published:
        raise LibraryError(_l("Only a published practice can be withdrawn."))
    reason = _clean_comment(reason, required=True)
    if practice.pending is not None:
        apply_content(practice, PracticeContent.from_data(practice.pending.data))
        for attachment in practice.attachments:
            if attachment.is_removal_pending:
                attachment.is_removal_pending = False
                attachment.removed_at = now
            attachment.is_pending = False
        practice.pending = None
    practice.status = PracticeStatus.withdrawn
    practice.updated_at = now
    _thread(practice, actor, "withdrawn", reason, now)
    db.session.flush()
    record(actor, "practice.withdrawn", practice, reason=reason)
    tell(
        [*active_focal_points(practice.state_id), *active_admins()],
        "library.withdrawn",
        practice,
        actor,
        reason=reason[:500],
    )


def add_comment(practice: Practice, actor: User, *, body: str, now: datetime) -> ReviewComment:
    """A message in the review thread, from the practice's authors or its reviewers."""
    _require(may_write(actor, practice) or may_review(actor, practice, now))
    body = _clean_comment(body, required=True)
    comment = ReviewComment(
        practice_id=practice.id, author_id=actor.id, action="comment", body=body, created_at=now
    )
    db.session.add(comment)
    db.session.flush()
    record(actor, "practice.commented", practice)
    participants = [c.author for c in thread(practice) if c.author is not None]
    if may_review(actor, practice, now) and not may_write(actor, practice):
        participants += active_focal_points(practice.state_id)
    tell(
        participants,
        "library.comment",
        practice,
        actor,
        author=actor.name,
        comment=body[:500],
    )
    return comment


def thread(practice: Practice) -> list[ReviewComment]:
    return list(
        db.session.scalars(
            select(ReviewComment)
            .where(ReviewComment.practice_id == practice.id)
            .order_by(ReviewComment.created_at, ReviewComment.id)
        )
    )


def snapshot(practice: Practice, actor: User | None, *, reason: str, now: datetime) -> None:
    """Keep the live content as the next published revision."""
    practice.revision_count += 1
    data = PracticeContent.from_practice(practice).to_data()
    data["attachments"] = [
        {"id": a.id, "filename": a.filename, "mime_type": a.mime_type, "size": a.size}
        for a in practice.live_attachments
    ]
    for attachment in practice.live_attachments:
        attachment.was_published = True
    db.session.add(
        PracticeRevision(
            practice_id=practice.id,
            number=practice.revision_count,
            data=data,
            published_at=now,
            approved_by_id=getattr(actor, "id", None),
            reason=reason,
        )
    )
    db.session.flush()
