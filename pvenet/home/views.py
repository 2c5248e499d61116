"""Public pages: the home page, the language switcher, health checks."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session
from flask_login import current_user
from sqlalchemy import text

from ..extensions import db
from ..forms import EmptyForm
from ..states.services import all_states
from ..web import is_safe_next

bp = Blueprint("home", __name__, template_folder="templates")


@bp.get("/")
def index():
    return render_template("home/index.html", states=all_states())


@bp.post("/locale")
def set_locale():
    """The language switcher: remembered in the session, and on the profile when logged in."""
    code = request.form.get("locale", "")
    next_url = request.form.get("next")
    if EmptyForm().validate_on_submit() and code in current_app.config["LANGUAGES"]:
        session["locale"] = code
        if current_user.is_authenticated and current_user.locale != code:
            current_user.locale = code
            db.session.commit()
    return redirect(next_url if is_safe_next(next_url) else "/")


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # report, never raise: this is what load balancers poll
        current_app.logger.warning("readiness check failed: %s", exc)
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
