"""Writing and reading the audit log."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import has_request_context, request
from sqlalchemy import Select, select

from ..extensions import db
from ..web import SafeCSVWriter
from .models import AuditEvent


def record(
    actor: Any,
    action: str,
    obj: Any = None,
    *,
    object_type: str | None = None,
    object_id: Any = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit event for ``action`` on ``obj`` by ``actor`` (a user or ``None``).

    The object's type and id are taken from ``obj`` unless given; the client address is
    taken from the current request when there is one. The event joins the caller's
    transaction, so it is committed (or rolled back) with the change it describes.
    """
    if obj is not None:
        object_type = object_type or getattr(obj, "__tablename__", type(obj).__name__)
        object_id = object_id if object_id is not None else getattr(obj, "id", None)
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        details=_jsonable(details),
        ip=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    db.session.flush()
    return event


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def query_events(
    *,
    actor_id: int | None = None,
    action: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Select[tuple[AuditEvent]]:
    """Audit events, newest first, filtered by actor, action (prefix) and date range."""
    stmt = select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if actor_id:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    if action:
        stmt = stmt.where(AuditEvent.action.startswith(action, autoescape=True))
    if date_from:
        stmt = stmt.where(AuditEvent.created_at >= datetime.combine(date_from, time.min))
    if date_to:
        end = datetime.combine(date_to + timedelta(days=1), time.min)
        stmt = stmt.where(AuditEvent.created_at < end)
    return stmt


def distinct_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by("action")))


CSV_HEADER = ["time_utc", "actor", "action", "object_type", "object_id", "ip", "details"]


def to_csv(events: Iterable[AuditEvent]) -> str:
    """The events as CSV (UTF-8 with BOM so spreadsheet programs read Cyrillic right)."""
    import json

    out = io.StringIO()
    out.write("\ufeff")
    writer = SafeCSVWriter(out)
    writer.writerow(CSV_HEADER)
    for e in events:
        writer.writerow(
            [
                e.created_at.isoformat(timespec="seconds"),
                e.actor.email if e.actor else "",
                e.action,
                e.object_type or "",
                e.object_id or "",
                e.ip or "",
                json.dumps(e.details, ensure_ascii=False, sort_keys=True),
            ]
        )
    return out.getvalue()
