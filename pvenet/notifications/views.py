"""The notification list of the logged-in user."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import clock
from ..extensions import db
from ..forms import EmptyForm
from ..web import is_safe_next
from . import services

bp = Blueprint("notifications", __name__, url_prefix="/notifications", template_folder="templates")


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
