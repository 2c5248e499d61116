"""The admin dashboard: links to each feature's admin pages and a few figures."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..audit.models import AuditEvent
from ..auth.models import User
from ..auth.permissions import admin_required
from ..extensions import db
from ..mail.models import MailStatus, OutboxMessage

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")

#: (endpoint, label, description) of each feature's admin page, in menu order.
SECTIONS = [
    ("users_admin.index", _l("Users"), _l("Invite people, change roles, deactivate accounts")),
    ("states.index", _l("Member states"), _l("Active states and their rotation positions")),
    ("audit.index", _l("Audit log"), _l("Every change of state, with filters and CSV export")),
]


@bp.get("/")
@admin_required
def dashboard():
    counts = {
        "users": db.session.scalar(select(func.count(User.id))),
        "events": db.session.scalar(select(func.count(AuditEvent.id))),
        "mail_failed": db.session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.status == MailStatus.failed)
        ),
        "mail_pending": db.session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.status == MailStatus.pending)
        ),
    }
    return render_template("admin/dashboard.html", sections=SECTIONS, counts=counts)
