"""The chair's programme: each term's themes and meetings, and their editing pages.

Reordering is two POST buttons per theme (up, down) with CSRF, so it works without
JavaScript and from the keyboard.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from .. import clock
from ..auth.permissions import authorize, can
from ..extensions import db
from ..forms import EmptyForm, choices
from ..i18n import current_language
from ..rotation.models import ChairTerm
from ..states.services import all_states
from ..web import form_error
from .forms import MeetingForm, MoveForm, ThemeForm
from .labels import template_helpers
from .models import Meeting, Theme
from .services import ThemeError, stored_term
from .services.access import has_ended, has_started, prepare_from
from .services.meetings import MeetingContent as _MeetingContent
from .services.meetings import (
    add_meeting,
    delete_meeting,
    edit_meeting,
    term_meetings,
    visible_to,
)
from .services.themes import (
    MAX_THEMES,
    ThemeContent,
    add_theme,
    delete_theme,
    edit_theme,
    move_theme,
    term_themes,
)

bp = Blueprint("themes", __name__, url_prefix="/programme", template_folder="templates")


@bp.app_context_processor
def _helpers() -> dict[str, Any]:
    return template_helpers()


def _term(sequence: int) -> ChairTerm:
    term = stored_term(sequence)
    if term is None:
        abort(404)
    return term


def _theme(term: ChairTerm, theme_id: int) -> Theme:
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.term_id != term.id:
        abort(404)
    return theme


def _meeting(term: ChairTerm, meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.term_id != term.id:
        abort(404)
    if not db.session.scalar(
        select(Meeting.id).where(Meeting.id == meeting.id, visible_to(current_user))
    ):
        abort(404)
    return meeting


def _back(term: ChairTerm):
    return redirect(url_for(".programme", sequence=term.sequence))


@bp.get("/")
def index():
    """Every stored term, newest first, with its number of themes: browsable term by term."""
    terms = list(db.session.scalars(select(ChairTerm).order_by(ChairTerm.sequence.desc())))
    counts = dict(
        db.session.execute(
            select(Theme.term_id, func.count(Theme.id)).group_by(Theme.term_id)
        ).all()
    )
    today = clock.today()
    return render_template("themes/index.html", terms=terms, counts=counts, today=today)


@bp.get("/<int:sequence>")
def programme(sequence: int):
    term = _term(sequence)
    now = clock.now()
    return render_template(
        "themes/programme.html",
        term=term,
        themes=term_themes(term),
        meetings=term_meetings(term, current_user),
        language=current_language(),
        editable=can("themes.edit", term),
        ended=has_ended(term, now),
        started=has_started(term, now),
        prepare_from=prepare_from(term),
        previous=stored_term(sequence - 1),
        following=stored_term(sequence + 1),
        max_themes=MAX_THEMES,
        move_form=MoveForm(formdata=None),
    )


def _theme_form(data: Any = None) -> ThemeForm:
    form = ThemeForm(data) if data is not None else ThemeForm()
    form.state.choices = choices(
        [("", _("— none (regional theme) —"))] + [(s.code, s.name()) for s in all_states()]
    )
    return form


def _refuse(form: Any, exc: ThemeError) -> int:
    db.session.rollback()
    form_error(form, exc.field, exc.message)
    return 200


@bp.route("/<int:sequence>/themes/new", methods=["GET", "POST"])
def new_theme(sequence: int):
    term = _term(sequence)
    authorize("themes.edit", term)
    form = _theme_form()
    status = 200
    if form.validate_on_submit():
        try:
            add_theme(term, current_user, form.content(), now=clock.now())
        except ThemeError as exc:
            status = _refuse(form, exc)
        else:
            db.session.commit()
            flash(_("The theme has been added."), "success")
            return _back(term)
    return render_template("themes/theme_form.html", form=form, term=term, theme=None), status


@bp.route("/<int:sequence>/themes/<int:theme_id>/edit", methods=["GET", "POST"])
def edit_theme_page(sequence: int, theme_id: int):
    term = _term(sequence)
    theme = _theme(term, theme_id)
    authorize("themes.edit", term)
    form = _theme_form()
    if request.method == "GET":
        form.fill(ThemeContent.of(theme))
    status = 200
    if form.validate_on_submit():
        try:
            changes = edit_theme(theme, current_user, form.content(), now=clock.now())
        except ThemeError as exc:
            status = _refuse(form, exc)
        else:
            db.session.commit()
            flash(
                _("The theme has been saved.") if changes else _("Nothing was changed."), "success"
            )
            return _back(term)
    return render_template("themes/theme_form.html", form=form, term=term, theme=theme), status


@bp.post("/<int:sequence>/themes/<int:theme_id>/move")
def move(sequence: int, theme_id: int):
    term = _term(sequence)
    theme = _theme(term, theme_id)
    authorize("themes.edit", term)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        moved = move_theme(
            theme, current_user, -1 if form.direction.data == "up" else 1, now=clock.now()
        )
    except ThemeError as exc:
        db.session.rollback()
        flash(str(exc.message), "danger")
    else:
        db.session.commit()
        if moved:
            flash(_("The order of the themes has been changed."), "success")
    return redirect(url_for(".programme", sequence=term.sequence, _anchor=f"theme-{theme.id}"))


@bp.post("/<int:sequence>/themes/<int:theme_id>/delete")
def remove_theme(sequence: int, theme_id: int):
    term = _term(sequence)
    theme = _theme(term, theme_id)
    authorize("themes.edit", term)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        delete_theme(theme, current_user, now=clock.now())
    except ThemeError as exc:
        db.session.rollback()
        flash(str(exc.message), "danger")
    else:
        db.session.commit()
        flash(_("The theme has been removed."), "success")
    return _back(term)


@bp.route("/<int:sequence>/meetings/new", methods=["GET", "POST"])
def new_meeting(sequence: int):
    term = _term(sequence)
    authorize("themes.edit", term)
    form = MeetingForm()
    status = 200
    if form.validate_on_submit():
        try:
            add_meeting(term, current_user, form.content(), now=clock.now())
        except ThemeError as exc:
            status = _refuse(form, exc)
        else:
            db.session.commit()
            flash(_("The meeting has been planned."), "success")
            return _back(term)
    return render_template("themes/meeting_form.html", form=form, term=term, meeting=None), status


@bp.route("/<int:sequence>/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
def edit_meeting_page(sequence: int, meeting_id: int):
    term = _term(sequence)
    meeting = _meeting(term, meeting_id)
    authorize("themes.edit", term)
    form = MeetingForm()
    if request.method == "GET":
        form.fill(_MeetingContent.of(meeting))
    status = 200
    if form.validate_on_submit():
        try:
            changes = edit_meeting(meeting, current_user, form.content(), now=clock.now())
        except ThemeError as exc:
            status = _refuse(form, exc)
        else:
            db.session.commit()
            flash(
                _("The meeting has been saved.") if changes else _("Nothing was changed."),
                "success",
            )
            return _back(term)
    return render_template(
        "themes/meeting_form.html", form=form, term=term, meeting=meeting
    ), status


@bp.post("/<int:sequence>/meetings/<int:meeting_id>/delete")
def remove_meeting(sequence: int, meeting_id: int):
    term = _term(sequence)
    meeting = _meeting(term, meeting_id)
    authorize("themes.edit", term)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        delete_meeting(meeting, current_user, now=clock.now())
    except ThemeError as exc:
        db.session.rollback()
        flash(str(exc.message), "danger")
    else:
        db.session.commit()
        flash(_("The meeting has been cancelled."), "success")
    return _back(term)
