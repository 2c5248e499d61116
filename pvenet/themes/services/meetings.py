"""Network meetings of a term: the chair (or an admin) plans, changes and cancels them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, or_, select

from ...audit.services import record
from ...extensions import db
from ...rotation.models import ChairTerm
from ..models import LANGUAGES, Meeting, MeetingVisibility
from .errors import ThemeError
from .themes import _check_characters, _require

TITLE_MAX = 200
CITY_MAX = 120
AGENDA_MAX = 10_000
MAX_DAYS = 14


@dataclass
class MeetingContent:
    title: str
    starts_on: date
    ends_on: date | None
    city: str | None
    is_online: bool
    agenda: str
    language: str
    visibility: MeetingVisibility = MeetingVisibility.public

    def to_data(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "starts_on": self.starts_on,
            "ends_on": self.ends_on,
            "city": self.city,
            "is_online": self.is_online,
            "agenda": self.agenda,
            "language": self.language,
            "visibility": MeetingVisibility(self.visibility).value,
        }

    @classmethod
    def of(cls, m: Meeting) -> MeetingContent:
        return cls(
            m.title, m.starts_on, m.ends_on, m.city, m.is_online, m.agenda, m.language, m.visibility
        )


def clean(content: MeetingContent, term: ChairTerm) -> MeetingContent:
    title = (content.title or "").strip()
    city = (content.city or "").strip() or None
    agenda = (content.agenda or "").strip()
    if not title:
        raise ThemeError(_l("Give the meeting a title."), "title")
    for name, value, limit in (
        ("title", title, TITLE_MAX),
        ("city", city or "", CITY_MAX),
        ("agenda", agenda, AGENDA_MAX),
    ):
        if len(value) > limit:
            raise ThemeError(_l("This field is longer than %(max)d characters.", max=limit), name)
        _check_characters(value, name)
    if content.language not in LANGUAGES:
        raise ThemeError(_l("Choose the meeting's language."), "language")
    if not content.is_online and not city:
        raise ThemeError(_l("Give the city, or mark the meeting as online."), "city")
    ends_on = content.ends_on or content.starts_on
    if not term.starts_on <= content.starts_on <= term.ends_on:
        raise ThemeError(
            _l(
                "A meeting of this term starts between %(start)s and %(end)s.",
                start=term.starts_on.isoformat(),
                end=term.ends_on.isoformat(),
            ),
            "starts_on",
        )
    if ends_on < content.starts_on or (ends_on - content.starts_on).days >= MAX_DAYS:
        raise ThemeError(
            _l(
                "A meeting ends on or after its first day, and lasts at most %(n)d days.",
                n=MAX_DAYS,
            ),
            "ends_on",
        )
    return MeetingContent(
        title=title,
        starts_on=content.starts_on,
        ends_on=ends_on,
        city=city,
        is_online=bool(content.is_online),
        agenda=agenda,
        language=content.language,
        visibility=MeetingVisibility(content.visibility),
    )


def _apply(meeting: Meeting, c: MeetingContent) -> None:
    meeting.title = c.title
    meeting.starts_on = c.starts_on
    meeting.ends_on = c.ends_on or c.starts_on
    meeting.city = c.city
    meeting.is_online = c.is_online
    meeting.agenda = c.agenda
    meeting.language = c.language
    meeting.visibility = c.visibility


def add_meeting(term: ChairTerm, actor: Any, content: MeetingContent, *, now: datetime) -> Meeting:
    _require(actor, term, now)
    content = clean(content, term)
    meeting = Meeting(term_id=term.id, term=term, created_by_id=getattr(actor, "id", None))
    _apply(meeting, content)
    db.session.add(meeting)
    db.session.flush()
    record(actor, "meetings.created", meeting, term=term.sequence, **content.to_data())
    return meeting


def edit_meeting(
    meeting: Meeting, actor: Any, content: MeetingContent, *, now: datetime
) -> dict[str, Any]:
    _require(actor, meeting.term, now)
    content = clean(content, meeting.term)
    before, after = MeetingContent.of(meeting).to_data(), content.to_data()
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if changes:
        _apply(meeting, content)
        db.session.flush()
        record(actor, "meetings.updated", meeting, term=meeting.term.sequence, **changes)
    return changes


def delete_meeting(meeting: Meeting, actor: Any, *, now: datetime) -> None:
    _require(actor, meeting.term, now)
    data = MeetingContent.of(meeting).to_data()
    db.session.delete(meeting)
    db.session.flush()
    record(
        actor,
        "meetings.deleted",
        object_type="network_meetings",
        object_id=meeting.id,
        term=meeting.term.sequence,
        **data,
    )


def visible_to(user: Any) -> Any:
    """The condition on meetings that ``user`` may see (network-only: members)."""
    if user is not None and getattr(user, "is_authenticated", False):
        return Meeting.id.isnot(None)
    return Meeting.visibility == MeetingVisibility.public


def term_meetings(term: ChairTerm, user: Any) -> list[Meeting]:
    stmt = (
        select(Meeting)
        .where(Meeting.term_id == term.id, visible_to(user))
        .order_by(Meeting.starts_on, Meeting.id)
    )
    return list(db.session.scalars(stmt))


def upcoming(user: Any, today: date, limit: int = 1) -> list[Meeting]:
    """The next meetings not yet over, soonest first."""
    stmt: Select[tuple[Meeting]] = (
        select(Meeting)
        .where(or_(Meeting.ends_on >= today, Meeting.starts_on >= today), visible_to(user))
        .order_by(Meeting.starts_on, Meeting.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def meetings_between(start: date, end: date, user: Any = None) -> list[Meeting]:
    """Meetings overlapping ``start``..``end`` that ``user`` may see (calendar feed)."""
    stmt = (
        select(Meeting)
        .where(Meeting.ends_on >= start, Meeting.starts_on <= end, visible_to(user))
        .order_by(Meeting.starts_on, Meeting.id)
    )
    return list(db.session.scalars(stmt))
