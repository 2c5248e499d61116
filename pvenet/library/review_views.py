"""Reviewing: the queue, a submission with its thread, approve, return, comment."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.permissions import authorize
from ..extensions import db
from .diff import compare_data
from .forms import CommentForm, DecisionForm
from .models import Practice, PracticeStatus, RevisionStatus
from .services import access
from .services.content import LibraryError, PracticeContent
from .services.workflow import add_comment, approve, return_with_comments, thread
from .services.worklists import review_queue
from .views import bp, now, readable_practice


@bp.get("/review")
@login_required
def queue():
    authorize("practice.reviewer")
    page = db.paginate(review_queue(current_user, now()), per_page=25, error_out=False)
    return render_template("library/review_queue.html", page=page)


def _participant(practice_id: int) -> Practice:
    """The practice for its authors and reviewers (404 if unreadable, 403 otherwise)."""
    practice = readable_practice(practice_id)
    authorize("practice.comment", practice)
    return practice


def _submitted_content(practice: Practice) -> tuple[str | None, PracticeContent | None]:
    """What is under review: ``("practice", live content)`` or ``("revision", proposal)``."""
    if practice.status in (PracticeStatus.submitted, PracticeStatus.returned):
        return "practice", PracticeContent.from_practice(practice)
    pending = practice.pending
    if pending is not None and access.may_read_pending(current_user, practice, now()):
        return "revision", PracticeContent.from_data(pending.data)
    return None, None


@bp.get("/<int:practice_id>/review")
@login_required
def review(practice_id: int):
    practice = _participant(practice_id)
    what, content = _submitted_content(practice)
    changes = []
    if what == "revision" and content is not None:
        live = PracticeContent.from_practice(practice).to_data()
        live["attachments"] = [{"filename": a.filename} for a in practice.live_attachments]
        proposed = content.to_data()
        proposed["attachments"] = [{"filename": a.filename} for a in practice.proposed_attachments]
        changes = compare_data(live, proposed)
    awaiting = practice.status == PracticeStatus.submitted or (
        practice.pending is not None and practice.pending.status == RevisionStatus.submitted
    )
    return render_template(
        "library/review.html",
        practice=practice,
        what=what,
        content=content,
        changes=changes,
        comments=thread(practice),
        awaiting=awaiting,
        may_decide=awaiting and access.may_review(current_user, practice, now()),
        decision_form=DecisionForm(formdata=None, prefix="decision"),
        comment_form=CommentForm(formdata=None, prefix="comment"),
    )


def _decide(practice_id: int, action: str):
    practice = readable_practice(practice_id)
    authorize("practice.review", practice)
    form = DecisionForm(prefix="decision")
    if not form.validate_on_submit():
        abort(400)
    try:
        if action == "approve":
            approve(practice, current_user, now=now(), comment=form.body.data or "")
            message = _("The practice has been approved and published.")
        else:
            return_with_comments(practice, current_user, comment=form.body.data or "", now=now())
            message = _("The submission has been returned to its authors with your comments.")
    except LibraryError as exc:
        db.session.rollback()
        flash(str(exc), "danger")
        return redirect(url_for(".review", practice_id=practice.id))
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(".review", practice_id=practice.id))


@bp.post("/<int:practice_id>/approve")
@login_required
def approve_submission(practice_id: int):
    return _decide(practice_id, "approve")


@bp.post("/<int:practice_id>/return")
@login_required
def return_submission(practice_id: int):
    return _decide(practice_id, "return")


@bp.post("/<int:practice_id>/comments")
@login_required
def comment(practice_id: int):
    practice = _participant(practice_id)
    form = CommentForm(prefix="comment")
    if form.validate_on_submit():
        try:
            add_comment(practice, current_user, body=form.body.data, now=now())
        except LibraryError as exc:
            db.session.rollback()
            flash(str(exc), "danger")
        else:
            db.session.commit()
            flash(_("Your comment has been added."), "success")
    else:
        flash(_("Write a comment."), "danger")
    return redirect(url_for(".review", practice_id=practice.id) + "#thread")
