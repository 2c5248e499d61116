"""Login, logout, invitations, password reset, profile and API tokens."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from .. import clock
from ..extensions import db
from ..forms import EmptyForm
from ..web import client_ip, form_error, is_safe_next
from . import services
from .forms import (
    ChangePasswordForm,
    LoginForm,
    NewPasswordForm,
    ProfileForm,
    ResetRequestForm,
    TokenForm,
)
from .models import ApiToken

bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates")


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = request.values.get("next")
    if current_user.is_authenticated:
        return redirect(next_url if is_safe_next(next_url) else url_for("home.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        now = clock.utcnow_naive()
        ip = client_ip()
        if services.is_throttled(form.email.data, ip, now):
            flash(
                _(
                    "Too many failed attempts. Wait %(minutes)d minutes and try again.",
                    minutes=current_app.config["LOGIN_THROTTLE_MINUTES"],
                ),
                "danger",
            )
            status = 429
        else:
            user = services.authenticate(form.email.data, form.password.data, ip=ip, now=now)
            db.session.commit()
            if user is not None:
                login_user(user, remember=form.remember.data)
                flash(_("Welcome, %(name)s.", name=user.name), "success")
                return redirect(next_url if is_safe_next(next_url) else url_for("home.index"))
            flash(_("The e-mail address or the password is not correct."), "danger")
            status = 401
    return render_template("auth/login.html", form=form, next=next_url), status


@bp.post("/logout")
@login_required
def logout():
    if EmptyForm().validate_on_submit():
        services.logout(current_user._get_current_object())
        db.session.commit()
        logout_user()
        flash(_("You have logged out."), "info")
    return redirect(url_for("home.index"))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    if current_user.is_authenticated:
        logout_user()
    now = clock.utcnow_naive()
    try:
        user = services.read_link_token(
            token, services.INVITE_SALT, services.invitation_max_age(), now
        )
        if user.has_password:
            raise services.AccountError(_("This link is invalid or has already been used."))
    except services.AccountError as exc:
        return render_template("auth/link_invalid.html", message=str(exc)), 400
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.accept_invitation(token, form.password.data, now)
        except services.AccountError as exc:
            form_error(form, exc.field, exc)
        else:
            db.session.commit()
            login_user(user)
            flash(
                _("Welcome to pvenet, %(name)s. Your password is set.", name=user.name), "success"
            )
            return redirect(url_for("home.index"))
    return render_template("auth/accept_invitation.html", form=form, user=user)


@bp.route("/reset", methods=["GET", "POST"])
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data, clock.utcnow_naive())
        db.session.commit()
        flash(
            _(
                "If an account exists for this address, we have sent it a link to reset the "
                "password. The link is valid for %(hours)d hours.",
                hours=current_app.config["RESET_HOURS"],
            ),
            "info",
        )
        return redirect(url_for(".login"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    now = clock.utcnow_naive()
    try:
        services.read_link_token(token, services.RESET_SALT, services.reset_max_age(), now)
    except services.AccountError as exc:
        return render_template("auth/link_invalid.html", message=str(exc)), 400
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data, now)
        except services.AccountError as exc:
            form_error(form, exc.field, exc)
        else:
            db.session.commit()
            logout_user()
            flash(_("Your password has been changed. Log in with the new one."), "success")
            return redirect(url_for(".login"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    user = current_user._get_current_object()
    form = ProfileForm(obj=None if request.method == "POST" else user)
    if request.method == "GET":
        form.locale.data = user.locale or ""
    if form.validate_on_submit():
        services.update_profile(user, name=form.name.data, locale=form.locale.data or None)
        db.session.commit()
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for(".profile"))
    tokens = db.session.scalars(
        select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc())
    ).all()
    return render_template(
        "auth/profile.html",
        form=form,
        tokens=tokens,
        token_form=TokenForm(),
        password_form=ChangePasswordForm(),
        empty_form=EmptyForm(),
    )


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            services.change_password(user, form.current.data, form.password.data)
        except services.AccountError as exc:
            form_error(form, exc.field, exc)
        else:
            db.session.commit()
            # Other sessions died with the version bump; keep this one alive.
            login_user(user)
            flash(
                _("Your password has been changed. Other sessions have been logged out."), "success"
            )
            return redirect(url_for(".profile"))
    return render_template("auth/change_password.html", form=form)


@bp.post("/tokens")
@login_required
def create_token():
    form = TokenForm()
    if not form.validate_on_submit():
        flash(_("Give the token a name."), "danger")
        return redirect(url_for(".profile"))
    _token, plain = services.create_api_token(current_user._get_current_object(), form.name.data)
    db.session.commit()
    return render_template("auth/token_created.html", plain=plain)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    token = db.get_or_404(ApiToken, token_id)
    if token.user_id != current_user.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        services.revoke_api_token(
            token, actor=current_user._get_current_object(), now=clock.utcnow_naive()
        )
        db.session.commit()
        flash(_("The token has been revoked."), "info")
    return redirect(url_for(".profile"))
