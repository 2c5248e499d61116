"""Public pages: the home page, the language switcher, health checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session
from flask_login import current_user
from sqlalchemy import text

from ..extensions import db
from ..forms import EmptyForm
from ..pagecache import cached_page
from ..states.services import all_states
from ..web import is_safe_next

bp = Blueprint("home", __name__, template_folder="templates")

#: Sections of the home page below the introduction, in order: (template, context
#: function). A feature adds one with :func:`home_section`; the template receives the
#: function's result as ``section``.
HOME_SECTIONS: list[tuple[str, Callable[[], dict[str, Any]]]] = []
#: Links in the main navigation after "Library": (endpoint, lazy label).
NAV_ITEMS: list[tuple[str, Any]] = []


def home_section(template: str) -> Callable[[Callable[[], dict[str, Any]]], Callable]:
    """Register ``func() -> dict`` as the context of a home page section."""

    def decorator(func: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
        HOME_SECTIONS[:] = [(t, f) for t, f in HOME_SECTIONS if t != template]
        HOME_SECTIONS.append((template, func))
        return func

    return decorator


@bp.app_context_processor
def _navigation() -> dict[str, Any]:
    return {"nav_items": NAV_ITEMS}


@bp.get("/")
@cached_page
def index():
    sections = [(template, func()) for template, func in HOME_SECTIONS]
    return render_template("home/index.html", states=all_states(), sections=sections)


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
