"""Writing practices: new, edit (live or as a revision), attachments, submit, withdraw,
discard a revision, add the missing language."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.datastructures import FileStorage

from .. import clock
from ..auth.permissions import authorize
from ..extensions import db
from ..forms import EmptyForm, choices
from ..i18n import current_language
from ..states.models import MemberState
from ..states.services import all_states
from ..web import form_error
from .forms import PracticeForm, SubmitForm, TranslationForm, WithdrawForm
from .models import Attachment, Visibility
from .services import access
from .services.attachments import (
    UploadTooLarge,
    add_attachment,
    discard_files,
    max_bytes,
    remove_attachment,
)
from .services.content import LibraryError, TextContent
from .services.translations import add_translation
from .services.workflow import (
    create_practice,
    discard_revision,
    editing_mode,
    proposed_content,
    save_practice,
    submit,
    withdraw,
)
from .storage import get_storage, is_transactional
from .views import bp, now, readable_practice


def _theme_choices(form: PracticeForm, keep: list[int] | None = None) -> None:
    """The themes of the current and past terms, each named with its term."""
    from .themes import theme_choices

    form.themes.choices = choices(theme_choices(current_language(), clock.today(), keep or []))


def _state_choices(form: PracticeForm) -> None:
    if current_user.is_admin:
        states = [s for s in all_states() if s.is_active]
    else:
        states = [current_user.state]
    form.state.choices = choices((s.code, s.name()) for s in states)


def _read_upload(upload: Any) -> tuple[str | None, bytes]:
    """The uploaded file's name and bytes (at most one byte over the limit is read)."""
    if not isinstance(upload, FileStorage) or not upload.filename:
        return None, b""
    return upload.filename, upload.stream.read(max_bytes() + 1)


def _commit(new_keys: list[str]) -> None:
    """Commit; if that fails, delete the files this request stored, then re-raise."""
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        if not is_transactional(get_storage()):
            discard_files(list(new_keys))
        raise


def _refuse(form: PracticeForm, exc: LibraryError, stored: list[str]) -> int:
    """Undo everything of a refused save (rows and stored files); the form keeps its data."""
    db.session.rollback()
    if stored and not is_transactional(get_storage()):
        discard_files(list(stored))
    form_error(form, exc.field if exc.field and hasattr(form, exc.field) else None, exc.message)
    return 413 if isinstance(exc, UploadTooLarge) else 200


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    authorize("practice.create")
    form = PracticeForm()
    _state_choices(form)
    _theme_choices(form)
    if request.method == "GET":
        form.year.data = now().year
        form.original_language.data = current_language()
        if current_user.state is not None:
            form.state.data = current_user.state.code
    status = 200
    if form.validate_on_submit():
        stored: list[str] = []
        try:
            state = db.session.scalar(
                db.select(MemberState).where(MemberState.code == form.state.data)
            )
            if state is None:
                raise LibraryError(_("Choose a member state."), "state")
            practice = create_practice(
                current_user,
                state=state,
                content=form.content(),
                visibility=Visibility(form.visibility.data),
                now=now(),
            )
            filename, data = _read_upload(form.attachment.data)
            if filename:
                stored.append(_attach(practice, filename, data))
        except LibraryError as exc:
            status = _refuse(form, exc, stored)
        else:
            _commit(stored)
            flash(_("The practice has been saved as a draft."), "success")
            return redirect(url_for(".detail", practice_id=practice.id))
    return render_template("library/edit.html", form=form, practice=None, mode="live"), status


def _attach(practice, filename: str, data: bytes) -> str:
    attachment = add_attachment(practice, current_user, filename=filename, data=data, now=now())
    return attachment.storage_key


@bp.route("/<int:practice_id>/edit", methods=["GET", "POST"])
@login_required
def edit(practice_id: int):
    practice = readable_practice(practice_id)
    authorize("practice.edit", practice)
    form = PracticeForm()
    del form.state
    _theme_choices(form, proposed_content(practice).themes)
    if request.method == "GET":
        form.fill(proposed_content(practice), practice.visibility)
    status = 200
    if form.validate_on_submit():
        stored: list[str] = []
        try:
            mode = save_practice(
                practice,
                current_user,
                content=form.content(),
                visibility=Visibility(form.visibility.data),
                now=now(),
            )
            filename, data = _read_upload(form.attachment.data)
            if filename:
                stored.append(_attach(practice, filename, data))
        except LibraryError as exc:
            status = _refuse(form, exc, stored)
        else:
            _commit(stored)
            if mode == "pending":
                flash(
                    _(
                        "Your changes are saved as a revision. The published text stays "
                        "visible until the revision is submitted and approved."
                    ),
                    "success",
                )
            else:
                flash(_("The practice has been saved."), "success")
            return redirect(url_for(".detail", practice_id=practice.id))
    return render_template(
        "library/edit.html",
        form=form,
        practice=practice,
        mode=editing_mode(practice),
        attachments=practice.proposed_attachments,
    ), status


@bp.post("/<int:practice_id>/attachments/<int:attachment_id>/remove")
@login_required
def remove_file(practice_id: int, attachment_id: int):
    practice = readable_practice(practice_id)
    authorize("practice.edit", practice)
    attachment = db.get_or_404(Attachment, attachment_id)
    if attachment.practice_id != practice.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        try:
            key = remove_attachment(practice, attachment, current_user, now=now())
        except LibraryError as exc:
            db.session.rollback()
            flash(str(exc), "danger")
        else:
            db.session.commit()
            discard_files([key])
            flash(_("The attachment has been removed."), "success")
    return redirect(url_for(".edit", practice_id=practice.id))


@bp.route("/<int:practice_id>/submit", methods=["GET", "POST"])
@login_required
def submit_for_review(practice_id: int):
    practice = readable_practice(practice_id)
    authorize("practice.write", practice)
    form = SubmitForm()
    if form.validate_on_submit():
        try:
            submit(practice, current_user, now=now(), comment=form.body.data or "")
        except LibraryError as exc:
            db.session.rollback()
            flash(str(exc), "danger")
            return redirect(url_for(".detail", practice_id=practice.id))
        db.session.commit()
        flash(_("The practice has been submitted for review."), "success")
        return redirect(url_for(".detail", practice_id=practice.id))
    return render_template("library/submit.html", form=form, practice=practice)


@bp.route("/<int:practice_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw_practice(practice_id: int):
    practice = readable_practice(practice_id)
    authorize("practice.write", practice)
    form = WithdrawForm()
    if form.validate_on_submit():
        try:
            withdraw(practice, current_user, reason=form.reason.data, now=now())
        except LibraryError as exc:
            db.session.rollback()
            form_error(form, None, exc.message)
        else:
            db.session.commit()
            flash(_("The practice has been withdrawn from the library."), "success")
            return redirect(url_for(".detail", practice_id=practice.id))
    return render_template("library/withdraw.html", form=form, practice=practice)


@bp.post("/<int:practice_id>/revision/discard")
@login_required
def discard(practice_id: int):
    practice = readable_practice(practice_id)
    authorize("practice.write", practice)
    if EmptyForm().validate_on_submit():
        try:
            keys = discard_revision(practice, current_user, now=now())
        except LibraryError as exc:
            db.session.rollback()
            flash(str(exc), "danger")
        else:
            db.session.commit()
            discard_files(list(keys))
            flash(_("The revision has been discarded."), "success")
    return redirect(url_for(".detail", practice_id=practice.id))


@bp.route("/<int:practice_id>/translate", methods=["GET", "POST"])
@login_required
def translate(practice_id: int):
    practice = readable_practice(practice_id)
    authorize("practice.translate", practice)
    language = practice.missing_language
    if language is None:
        flash(_("This practice already exists in both languages."), "info")
        return redirect(url_for(".detail", practice_id=practice.id))
    form = TranslationForm()
    status = 200
    if form.validate_on_submit():
        try:
            add_translation(
                practice,
                current_user,
                language=language,
                text=TextContent(form.title.data, form.summary.data, form.body.data),
                now=now(),
            )
        except LibraryError as exc:
            db.session.rollback()
            form_error(form, exc.field.rsplit("_", 1)[0] if exc.field else None, exc.message)
        else:
            db.session.commit()
            flash(_("The translation has been added."), "success")
            return redirect(url_for(".detail", practice_id=practice.id, lang=language))
    return render_template(
        "library/translate.html",
        form=form,
        practice=practice,
        language=language,
        original=practice.original_text,
        may_write=access.may_write(current_user, practice),
    ), status
