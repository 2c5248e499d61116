"""Admin pages for user accounts: invite, change role and state, (de)activate."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import clock
from ..extensions import db
from ..forms import EmptyForm, choices
from ..states.models import MemberState
from ..web import form_error
from . import services
from .forms import InviteForm, UserRoleForm
from .models import Role, User
from .permissions import admin_required

bp = Blueprint("users_admin", __name__, url_prefix="/admin/users", template_folder="templates")


def _state_choices(form: UserRoleForm) -> list[MemberState]:
    states = list(db.session.scalars(select(MemberState).order_by(MemberState.code)))
    form.state.choices = choices([("", "—")] + [(s.code, s.name()) for s in states])
    return states


def _state_from(form: UserRoleForm) -> MemberState | None:
    code = form.state.data or None
    if code is None:
        return None
    return db.session.scalar(select(MemberState).where(MemberState.code == code))


@bp.route("/", methods=["GET", "POST"])
@admin_required
def index():
    form = InviteForm()
    _state_choices(form)
    if form.validate_on_submit():
        try:
            user = services.invite_user(
                actor=current_user._get_current_object(),
                email=form.email.data,
                name=form.name.data,
                role=Role(form.role.data),
                state=_state_from(form),
                locale=form.locale.data,
                now=clock.utcnow_naive(),
            )
        except services.AccountError as exc:
            form_error(form, exc.field, exc)
        else:
            db.session.commit()
            flash(_("An invitation has been sent to %(email)s.", email=user.email), "success")
            return redirect(url_for(".index"))
    users = db.session.scalars(select(User).order_by(User.role, User.email)).all()
    return render_template("auth/admin/users.html", users=users, form=form, empty_form=EmptyForm())


@bp.route("/<int:user_id>", methods=["GET", "POST"])
@admin_required
def edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = UserRoleForm()
    _state_choices(form)
    if request.method == "GET":
        form.role.data = user.role.value
        form.state.data = user.state.code if user.state else ""
    if form.validate_on_submit():
        try:
            services.change_role(
                user,
                actor=current_user._get_current_object(),
                role=Role(form.role.data),
                state=_state_from(form),
            )
        except services.AccountError as exc:
            form_error(form, exc.field, exc)
        else:
            db.session.commit()
            flash(_("The account of %(name)s has been updated.", name=user.name), "success")
            return redirect(url_for(".index"))
    return render_template(
        "auth/admin/user_edit.html", user=user, form=form, empty_form=EmptyForm()
    )


@bp.post("/<int:user_id>/active")
@admin_required
def set_active(user_id: int):
    user = db.get_or_404(User, user_id)
    if EmptyForm().validate_on_submit():
        active = request.form.get("active") == "1"
        try:
            services.set_active(user, actor=current_user._get_current_object(), active=active)
        except services.AccountError as exc:
            flash(str(exc), "danger")
        else:
            db.session.commit()
            flash(
                _("%(name)s can log in again.", name=user.name)
                if active
                else _("%(name)s has been deactivated and logged out.", name=user.name),
                "success",
            )
    return redirect(url_for(".index"))


@bp.post("/<int:user_id>/reinvite")
@admin_required
def reinvite(user_id: int):
    user = db.get_or_404(User, user_id)
    if EmptyForm().validate_on_submit():
        try:
            services.send_invitation(
                user,
                actor=current_user._get_current_object(),
                now=clock.utcnow_naive(),
                action="auth.reinvited",
            )
        except services.AccountError as exc:
            flash(str(exc), "danger")
        else:
            db.session.commit()
            flash(_("A new invitation has been sent to %(email)s.", email=user.email), "success")
    return redirect(url_for(".index"))
