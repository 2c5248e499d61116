"""The notification list of the logged-in user."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, has_request_context, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import clock
from ..extensions import db
from ..forms import EmptyForm
from ..pagecache import frame_figure
from ..web import is_safe_next
from . import services

bp = Blueprint("notifications", __name__, url_prefix="/notifications", template_folder="templates")


@frame_figure
def unread_for_request() -> int:
    """The badge in every page's navigation, counted once per request (the page cache
    keys a reader's kept frame with it, and the frame shows it)."""
    if not (has_request_context() and current_user and current_user.is_authenticated):
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = services.unread_count(current_user.id)
    return g.unread_notifications


@bp.app_context_processor
def _unread() -> dict[str, Any]:
    return {"unread_notifications": unread_for_request()}


@bp.get("/")
@login_required
def index():
    items = [(n, *services.render(n)) for n in services.list_for(current_user.id)]
    return render_template("notifications/index.html", items=items)


@bp.post("/read")
@login_required
def mark_read():
    if EmptyForm().validate_on_submit():
        raw = request.form.get("id", "")
        # No id: all of them. A malformed id marks nothing (never all by mistake).
        if raw == "" or (raw.isascii() and raw.isdigit() and len(raw) < 10):
            services.mark_read(current_user.id, clock.utcnow_naive(), int(raw) if raw else None)
            db.session.commit()
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else url_for(".index"))
