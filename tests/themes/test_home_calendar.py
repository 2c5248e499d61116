"""The programme on the home page and in the calendar feed."""

from __future__ import annotations

from datetime import date

import icalendar

from pvenet import clock
from pvenet.auth.models import Role
from pvenet.themes.models import MeetingVisibility
from pvenet.themes.services.meetings import MeetingContent, add_meeting
from pvenet.themes.services.themes import add_theme

from .conftest import almaty, content

IN_TERM1 = almaty(date(2019, 9, 1), 12)


def _meeting(title, day, visibility=MeetingVisibility.public):
    return MeetingContent(title, day, None, "Almaty", False, "Agenda", "en", visibility)


def test_home_shows_current_themes_under_the_troika_and_the_next_meeting(
    client, db, term1, focal_point
):
    add_theme(term1, focal_point, content("Community partnerships"), now=IN_TERM1)
    add_meeting(term1, focal_point, _meeting("Past meeting", date(2019, 8, 1)), now=IN_TERM1)
    add_meeting(term1, focal_point, _meeting("Autumn meeting", date(2019, 10, 3)), now=IN_TERM1)
    add_meeting(term1, focal_point, _meeting("Winter meeting", date(2019, 12, 3)), now=IN_TERM1)
    db.session.commit()
    clock.set_now(IN_TERM1)
    html = client.get("/", headers={"Accept-Language": "en"}).text
    assert html.index("Chair of the network") < html.index("Community partnerships")
    assert "Next network meeting" in html and "Autumn meeting" in html
    assert "Winter meeting" not in html and "Past meeting" not in html
    assert "Chair&#39;s programmes" in html or "Chair's programmes" in html


def test_incoming_chair_is_told_to_prepare(client, auth, db, term2, make_user):
    kg = make_user(Role.focal_point, "KG")
    clock.set_now(almaty(date(2019, 12, 1)))
    auth.login(kg)
    assert "incoming chair" not in client.get("/").text  # day −31
    clock.set_now(almaty(date(2019, 12, 2)))
    html = client.get("/").text
    assert "incoming chair" in html and "/programme/2" in html


def test_public_meetings_are_in_the_calendar_feed(client, db, term1, focal_point):
    m = add_meeting(term1, focal_point, _meeting("Annual meeting", date(2019, 10, 3)), now=IN_TERM1)
    add_meeting(
        term1,
        focal_point,
        _meeting("Closed session", date(2019, 10, 4), MeetingVisibility.network),
        now=IN_TERM1,
    )
    db.session.commit()
    clock.set_now(IN_TERM1)
    res = client.get("/calendar/rotation.ics")
    assert res.status_code == 200
    cal = icalendar.Calendar.from_ical(res.data)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert "Closed session" not in events
    annual = events["Annual meeting"]
    assert str(annual["uid"]).startswith(f"meeting-{m.id}@")
    assert annual.decoded("dtstart") == date(2019, 10, 3)
    assert annual.decoded("dtend") == date(2019, 10, 4)
    assert str(annual["location"]) == "Almaty"


def test_timeline_links_each_term_to_its_programme_and_report(client, db, term1):
    clock.set_now(IN_TERM1)
    html = client.get("/rotation/").text
    assert 'href="/programme/1"' in html and 'href="/programme/1/report"' in html
