"""``/calendar/rotation.ics``: the network's governance dates as one iCalendar feed.

Terms, handovers and election deadlines come from the rotation; other features add their
events (the themes feature: network meetings) with :func:`event_provider`, so the
rotation never imports them. Every event has a stable UID derived from what it is (the
term's sequence, the election's id), so calendar clients update an event when the
schedule changes instead of adding a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta

import icalendar
from flask import Blueprint, Response
from flask_babel import gettext as _
from sqlalchemy import select

from .. import clock
from ..extensions import db
from ..pagecache import cached_response
from .models import Election, ElectionStatus
from .services.queries import Schedule, load_schedule
from .services.store import cycle_length

bp = Blueprint("rotation_calendar", __name__, url_prefix="/calendar")

EventProvider = Callable[[date], Iterable[icalendar.Event]]
#: Functions ``provider(today) -> events`` whose events join the feed.
EVENT_PROVIDERS: list[EventProvider] = []


def event_provider(fn: EventProvider) -> EventProvider:
    """Register a function adding events to ``/calendar/rotation.ics``."""
    if fn not in EVENT_PROVIDERS:
        EVENT_PROVIDERS.append(fn)
    return fn


def uid(kind: str, key: object) -> str:
    """A stable UID: the same governance date always has the same one.

    Built from what the event is, not from the configuration, so that moving the site to
    another address does not make calendar clients duplicate every event.
    """
    return f"{kind}-{key}@pvenet"


def _stamp() -> datetime:
    """DTSTAMP: when this copy of the feed was made."""
    return clock.now().astimezone(UTC).replace(microsecond=0)


def _term_events(schedule: Schedule, today: date) -> Iterable[icalendar.Event]:
    current = schedule.slot_on(today)
    last = (current.sequence if current else 0) + cycle_length(schedule)
    schedule.slot_by_sequence(last)
    for slot in schedule.all_slots():
        if slot.sequence > last:
            break
        view = schedule.view(slot, today)
        name = view.holder_name()
        term = icalendar.Event()
        term.add("uid", uid("term", slot.sequence))
        term.add("dtstamp", _stamp())
        term.add("summary", _("Chair of the PVE network: %(holder)s", holder=name))
        term.add("dtstart", slot.starts_on)
        term.add("dtend", slot.ends_on + timedelta(days=1))  # all-day: DTEND is exclusive
        term.add("description", _("Term %(n)s of the chair rotation.", n=slot.sequence))
        term.add("transp", "TRANSPARENT")
        yield term
        if slot.sequence == 0:
            continue
        handover = icalendar.Event()
        instant = schedule.handover_instant(slot.starts_on)
        handover.add("uid", uid("handover", slot.sequence))
        handover.add("dtstamp", _stamp())
        handover.add("summary", _("Handover of the chair to %(holder)s", holder=name))
        handover.add("dtstart", instant.astimezone(UTC))
        handover.add("dtend", instant.astimezone(UTC) + timedelta(minutes=30))
        yield handover


def _election_events() -> Iterable[icalendar.Event]:
    elections = db.session.scalars(
        select(Election).where(Election.status != ElectionStatus.lapsed).order_by(Election.id)
    )
    for election in elections:
        event = icalendar.Event()
        closes = election.closes_at.replace(tzinfo=UTC)
        event.add("uid", uid("election", election.id))
        event.add("dtstamp", _stamp())
        event.add(
            "summary",
            _("Chair election closes (term %(n)s)", n=election.term_sequence),
        )
        event.add("dtstart", closes)
        event.add("dtend", closes)
        yield event


def build_calendar(today: date) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//pvenet//rotation//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("PVE network: chair rotation"))
    schedule = load_schedule()
    if schedule is not None:
        for event in _term_events(schedule, today):
            cal.add_component(event)
        for event in _election_events():
            cal.add_component(event)
    for provider in EVENT_PROVIDERS:
        for event in provider(today):
            cal.add_component(event)
    return cal


@bp.get("/rotation.ics")
@cached_response
def feed():
    schedule = load_schedule()
    today = clock.today(schedule.tz) if schedule else clock.today()
    body = build_calendar(today).to_ical()
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'inline; filename="rotation.ics"',
            "Cache-Control": "public, max-age=900",
        },
    )
