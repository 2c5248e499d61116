"""The rotation's notifications (in-app and e-mail through the outbox), each sent once.

Every notice carries a dedup key naming its side effect and recipient, so a job run twice
or resumed after a crash never tells anyone twice. Parameters hold codes and ISO dates;
they are rendered in the reader's language when read, in the recipient's when mailed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import current_app
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..auth.models import Role, User
from ..extensions import db
from ..notifications.services import kind, notify
from ..states.names import country_name
from .schedule import SECRETARIAT


def _lang() -> str:
    return get_locale().language if get_locale() else "en"


def holder_label(code: str | None) -> str:
    if not code or code == SECRETARIAT:
        return _("UNODC (secretariat)")
    return country_name(code, _lang())


def _day(iso: str | None) -> str:
    return format_date(date.fromisoformat(iso), "long") if iso else ""


def _instant(iso: str | None) -> str:
    return format_datetime(datetime.fromisoformat(iso), "medium") if iso else ""


def rotation_path(endpoint: str = "rotation.timeline", **values: Any) -> str:
    adapter = current_app.url_map.bind("localhost")
    return adapter.build(endpoint, values)


@kind("rotation.handover")
def _handover(p: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Handover: %(holder)s now chairs the network", holder=holder_label(p.get("holder"))),
        _(
            "Term %(sequence)s runs from %(start)s to %(end)s.",
            sequence=p.get("sequence"),
            start=_day(p.get("starts_on")),
            end=_day(p.get("ends_on")),
        ),
    )


@kind("rotation.incoming")
def _incoming(p: dict[str, Any]) -> tuple[str, str]:
    return (
        _(
            "%(holder)s chairs the network from %(start)s",
            holder=holder_label(p.get("holder")),
            start=_day(p.get("starts_on")),
        ),
        _(
            "Your state is the incoming chair. Prepare the themes of your term and the "
            "network meetings you plan."
        ),
    )


@kind("rotation.no_election_result")
def _no_result(p: dict[str, Any]) -> tuple[str, str]:
    return (
        _(
            "No election result: %(holder)s takes term %(sequence)s by rotation",
            holder=holder_label(p.get("holder")),
            sequence=p.get("sequence"),
        ),
        _("The term started before an election result existed, so the rotation order decided."),
    )


@kind("rotation.election_opened")
def _opened(p: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Election of the chair for term %(sequence)s is open", sequence=p.get("sequence")),
        _(
            "Focal points vote for their state until %(closes)s (UTC).",
            closes=_instant(p.get("closes_at")),
        ),
    )


@kind("rotation.election_closing")
def _closing(p: dict[str, Any]) -> tuple[str, str]:
    return (
        _("The chair election closes in 24 hours"),
        _(
            "Ballots for term %(sequence)s are accepted until %(closes)s (UTC); "
            "your state's ballot can be changed until then.",
            sequence=p.get("sequence"),
            closes=_instant(p.get("closes_at")),
        ),
    )


@kind("rotation.election_result")
def _result(p: dict[str, Any]) -> tuple[str, str]:
    if p.get("winner"):
        return (
            _(
                "%(holder)s elected to chair term %(sequence)s",
                holder=holder_label(p.get("winner")),
                sequence=p.get("sequence"),
            ),
            _("The rotation continues from the elected state."),
        )
    return (
        _("The chair election for term %(sequence)s is tied", sequence=p.get("sequence")),
        _("An administrator breaks the tie and records the reason."),
    )


@kind("rotation.override")
def _override(p: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Your state's chair term was changed"),
        _(
            "An administrator changed the schedule (%(kind)s): %(reason)s",
            kind=override_label(p.get("kind", "")),
            reason=p.get("reason", ""),
        ),
    )


def override_label(kind_name: str) -> str:
    labels = {
        "waive": _("waive"),
        "defer": _("defer"),
        "swap": _("swap"),
        "extend": _("extension"),
        "interim": _("interim chair"),
        "suspend": _("suspension"),
        "reinstate": _("reinstatement"),
        "reorder": _("new rotation order"),
    }
    return labels.get(kind_name, kind_name)


# -- recipients --------------------------------------------------------------------------


def everyone() -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.is_active_flag.is_(True)).order_by(User.id))
    )


def admins() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(User.is_active_flag.is_(True), User.role == Role.admin)
            .order_by(User.id)
        )
    )


def focal_points(state_ids: list[int] | None = None) -> list[User]:
    stmt = select(User).where(User.is_active_flag.is_(True), User.role == Role.focal_point)
    if state_ids is not None:
        stmt = stmt.where(User.state_id.in_(state_ids))
    return list(db.session.scalars(stmt.order_by(User.id)))


def tell(users: list[User], kind_name: str, params: dict[str, Any], key: str, link: str) -> int:
    """Notify each user once under ``key``; returns how many were notified now."""
    sent = 0
    for user in users:
        if notify(user, kind_name, params, link=link, dedup_key=f"{key}:u{user.id}"):
            sent += 1
    return sent
