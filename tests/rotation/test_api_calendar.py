"""``/api/v1/terms``, ``/api/v1/chair`` and ``/calendar/rotation.ics``."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest

from pvenet import clock
from pvenet.rotation.calendar import EVENT_PROVIDERS, event_provider
from pvenet.rotation.services.overrides import apply_override

NOW = datetime(2026, 8, 1, 7, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock():
    clock.set_now(NOW)
    yield
    clock.set_now(None)


def test_terms_in_a_range_stored_and_projected(client, policy):
    res = client.get("/api/v1/terms?from=2026-01-01&to=2027-12-31")
    assert res.status_code == 200
    items = res.json["items"]
    assert [t["sequence"] for t in items] == [14, 15, 16, 17]
    t15 = items[1]
    assert t15 == {
        "sequence": 15,
        "holder": {"kind": "state", "code": "UZ", "name": "Uzbekistan"},
        "starts_on": "2026-07-01",
        "ends_on": "2026-12-31",
        "status": "active",
        "selection": "rotation",
        "projected": True,
    }
    assert items[0]["status"] == "completed" and items[2]["status"] == "scheduled"
    early = client.get("/api/v1/terms?from=2019-01-01&to=2019-03-01").json["items"]
    assert early[0]["holder"] == {
        "kind": "secretariat",
        "code": "UNODC",
        "name": "UNODC (secretariat)",
    }
    assert early[0]["projected"] is False


def test_names_in_the_readers_language(client, policy):
    res = client.get("/api/v1/chair?on=2027-07-01", headers={"Accept-Language": "ru"})
    assert res.json["holder"]["name"] == "Кыргызстан"


def test_chair_on_a_day(client, policy):
    assert client.get("/api/v1/chair?on=2027-01-01").json["holder"]["code"] == "KZ"
    assert client.get("/api/v1/chair?on=2026-12-31").json["holder"]["code"] == "UZ"
    assert client.get("/api/v1/chair").json["sequence"] == 15
    assert client.get("/api/v1/chair?on=2018-12-31").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/chair?on=yesterday",
        "/api/v1/chair?on=2026-02-30",
        "/api/v1/chair?on=9999-12-31",
        "/api/v1/terms?from=2026-13-01",
        "/api/v1/terms?from=2027-01-01&to=2026-01-01",
        "/api/v1/terms?from=1900-01-01&to=2100-01-01",
        "/api/v1/terms?to=%00",
        "/api/v1/chair?on=",
        "/api/v1/terms?from=",
    ],
)
def test_bad_dates_get_a_400_with_a_message(client, policy, url):
    res = client.get(url)
    assert res.status_code == 400
    assert res.json["message"]


def test_without_a_rotation(client, states):
    assert client.get("/api/v1/chair").status_code == 404
    assert client.get("/api/v1/terms").status_code == 404


def test_openapi_documents_both_endpoints(client):
    doc = client.get("/api/v1/openapi.json").json
    assert "/api/v1/terms" in doc["paths"] and "/api/v1/chair" in doc["paths"]
    assert "Term" in doc["components"]["schemas"]


def _events(client):
    res = client.get("/calendar/rotation.ics")
    assert res.status_code == 200 and res.mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(res.data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_calendar_has_terms_handovers_elections_with_stable_uids(client, db, policy, admin):
    from pvenet.rotation.services.elections import open_election

    open_election(
        admin,
        term_sequence=17,
        closes_at=datetime(2026, 9, 1, 12),
        now=datetime(2026, 8, 1),
        today=date(2026, 8, 1),
    )
    db.session.commit()
    events = _events(client)
    term16 = events["term-16@pvenet"]
    assert "Kazakhstan" in str(term16["summary"])
    assert term16.decoded("dtstart") == date(2027, 1, 1)
    assert term16.decoded("dtend") == date(2027, 7, 1)  # exclusive end of an all-day event
    handover = events["handover-16@pvenet"]
    assert handover.decoded("dtstart") == datetime(2026, 12, 31, 19, 0, tzinfo=UTC)
    assert "election-1@pvenet" in events
    # an override changes the events under the same UIDs: clients update, not duplicate
    apply_override(admin, "waive", {"sequence": 16}, reason="Declined", today=date(2026, 8, 1))
    db.session.commit()
    after = _events(client)
    assert set(after) == set(events)
    assert "Kyrgyzstan" in str(after["term-16@pvenet"]["summary"])


def test_other_features_add_events(client, policy):
    @event_provider
    def meetings(today):
        event = icalendar.Event()
        event.add("uid", "meeting-1@pvenet")
        event.add("summary", "Network meeting")
        event.add("dtstart", date(2026, 10, 5))
        event.add("dtstamp", NOW)
        return [event]

    try:
        assert "meeting-1@pvenet" in _events(client)
    finally:
        EVENT_PROVIDERS.remove(meetings)
