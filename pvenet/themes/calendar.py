"""Network meetings in the rotation's calendar feed (``/calendar/rotation.ics``).

The feed is public, so only public meetings are in it. Each meeting's UID is built from
its id: a calendar updates the event when the meeting changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, timedelta

import icalendar
from flask_babel import gettext as _

from .. import clock
from ..rotation.calendar import event_provider, uid
from ..web import external_url
from .services.meetings import meetings_between

#: How far back the feed keeps past meetings.
PAST_DAYS = 366


@event_provider
def meeting_events(today: date) -> Iterable[icalendar.Event]:
    stamp = clock.now().astimezone(UTC).replace(microsecond=0)
    for meeting in meetings_between(today - timedelta(days=PAST_DAYS), date.max, None):
        event = icalendar.Event()
        event.add("uid", uid("meeting", meeting.id))
        event.add("dtstamp", stamp)
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.starts_on)
        event.add("dtend", meeting.ends_on + timedelta(days=1))  # all-day: DTEND is exclusive
        event.add("location", meeting.city or _("Online"))
        url = external_url("themes.programme", sequence=meeting.term.sequence)
        event.add("description", f"{meeting.agenda}\n\n{url}".strip())
        event.add("url", url)
        event.add("categories", [_("Network meetings")])
        yield event
