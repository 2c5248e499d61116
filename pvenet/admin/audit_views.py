"""The audit log for admins: filters and CSV export.

It lives here, not in :mod:`pvenet.audit`: every feature records into the audit log, so
that package sits below all of them, while this page needs auth's ``admin_required``.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from sqlalchemy import select

from ..audit import services
from ..auth.models import User
from ..auth.permissions import admin_required
from ..extensions import db

bp = Blueprint("audit", __name__, url_prefix="/admin/audit", template_folder="templates")


def _date_arg(name: str, errors: list[str]) -> date | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.append(_("“%(value)s” is not a date; use the form YYYY-MM-DD.", value=raw[:40]))
        return None


def _filters(errors: list[str]) -> dict:
    actor = request.args.get("actor", type=int)
    return {
        "actor_id": actor,
        "action": request.args.get("action", "").strip() or None,
        "date_from": _date_arg("from", errors),
        "date_to": _date_arg("to", errors),
    }


@bp.get("/")
@admin_required
def index():
    errors: list[str] = []
    filters = _filters(errors)
    page = db.paginate(services.query_events(**filters), per_page=50, error_out=False)
    actors = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template(
        "audit/index.html",
        page=page,
        filters=filters,
        errors=errors,
        actors=actors,
        actions=services.distinct_actions(),
    ), (400 if errors else 200)


@bp.get("/audit.csv")
@admin_required
def export_csv():
    errors: list[str] = []
    filters = _filters(errors)
    if errors:
        return Response("\n".join(errors), status=400, mimetype="text/plain")
    events = db.session.scalars(services.query_events(**filters)).all()
    return Response(
        services.to_csv(events),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=pvenet-audit.csv"},
    )
