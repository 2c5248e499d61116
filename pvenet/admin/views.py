"""The admin dashboard: links to each feature's admin pages and a few figures."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select

from ..admin_sections import SECTIONS
from ..audit.models import AuditEvent
from ..auth.models import User
from ..auth.permissions import admin_required
from ..extensions import db
from ..mail.models import MailStatus, OutboxMessage

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


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
