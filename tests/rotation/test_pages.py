"""The rotation's pages: troika, timeline, election (voting), admin pages with previews."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from pvenet import clock
from pvenet.auth.models import Role
from pvenet.rotation.models import Election, Override
from pvenet.rotation.services import queries as q

# 2026-08-01 noon in Almaty: UZ chairs term 15, KZ is next (2027-01-01).
NOW = datetime(2026, 8, 1, 7, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock():
    clock.set_now(NOW)
    yield
    clock.set_now(None)


def test_home_shows_the_troika(client, policy):
    page = client.get("/").text
    assert "Chair of the network" in page
    assert "Turkmenistan" in page and "Uzbekistan" in page and "Kazakhstan" in page
    assert "153 days to the next handover." in page
    ru = client.get("/", headers={"Accept-Language": "ru"}).text
    assert "Председатель сети" in ru and "153 дня до следующей передачи" in ru


def test_home_without_a_rotation(client, states):
    assert "has not been set up yet" in client.get("/").text


def test_timeline_lists_past_terms_and_the_next_cycle_in_the_readers_locale(client, policy):
    page = client.get("/rotation/").text
    assert "July 1, 2026" in page and "December 31, 2026" in page
    assert page.count('class="list-group-item') >= 16 + 5
    ru = client.get("/rotation/", headers={"Accept-Language": "ru"}).text
    assert "1 июля 2026" in ru and "Кыргызстан" in ru and "УНП ООН" in ru


@pytest.fixture
def election(db, policy, admin):
    from pvenet.rotation.services.elections import open_election

    e = open_election(
        admin,
        term_sequence=17,
        closes_at=datetime(2026, 9, 1, 12),
        now=clock.utcnow_naive(),
        today=NOW.date(),
    )
    db.session.commit()
    return e


def test_focal_points_vote_for_their_state_and_results_show_after_closing(
    client, auth, db, election, focal_point, other_focal_point, admin
):
    auth.login(focal_point)
    page = client.get(f"/rotation/elections/{election.id}")
    assert "Vote for Kazakhstan" in page.text
    res = client.post(f"/rotation/elections/{election.id}", data={"candidate": "TJ"})
    assert res.status_code == 302
    assert "ballot: Tajikistan" in client.get(res.headers["Location"]).text
    auth.logout()
    auth.login(other_focal_point)
    client.post(f"/rotation/elections/{election.id}", data={"candidate": "TJ"})
    assert "Votes per candidate" not in client.get(f"/rotation/elections/{election.id}").text
    auth.logout()
    auth.login(admin)
    res = client.post(f"/admin/rotation/elections/{election.id}/close")
    assert res.status_code == 302
    page = client.get(f"/rotation/elections/{election.id}").text
    assert "Elected: Tajikistan" in page and "Votes per candidate" in page
    assert q.term_by_sequence(17, NOW.date()).state_code == "TJ"


def test_a_bad_vote_is_a_400_with_a_message(client, auth, election, focal_point):
    auth.login(focal_point)
    res = client.post(f"/rotation/elections/{election.id}", data={"candidate": "XX"})
    assert res.status_code == 400 and "Not a valid choice" in res.text


def test_admin_breaks_a_tie_with_a_reason(client, auth, db, election, admin, make_user, states):
    from pvenet.rotation.services.elections import cast_ballot

    for code, choice in (("KZ", "KZ"), ("KG", "KG")):
        user = make_user(Role.focal_point, code)
        cast_ballot(
            user, election, state=states[code], candidate=states[choice], now=clock.utcnow_naive()
        )
    db.session.commit()
    auth.login(admin)
    client.post(f"/admin/rotation/elections/{election.id}/close")
    page = client.get(f"/admin/rotation/elections/{election.id}").text
    assert "Break the tie" in page
    client.post(f"/admin/rotation/elections/{election.id}/tie", data={"winner": "KG", "reason": ""})
    assert db.session.get(Election, election.id).winner_state_id is None
    client.post(
        f"/admin/rotation/elections/{election.id}/tie",
        data={"winner": "KG", "reason": "Drawn by lot at the meeting"},
    )
    db.session.expire_all()
    assert db.session.get(Election, election.id).winner.code == "KG"


def test_admin_opens_an_election(client, auth, db, policy, admin):
    auth.login(admin)
    assert client.get("/admin/rotation/elections/new").status_code == 200
    res = client.post(
        "/admin/rotation/elections/new",
        data={"term_sequence": "17", "closes_at": "2026-10-01T12:00"},
    )
    assert res.status_code == 302
    assert db.session.scalar(select(Election.term_sequence)) == 17
    bad = client.post(
        "/admin/rotation/elections/new",
        data={"term_sequence": "18", "closes_at": "2026-10-01T12:00"},
    )
    assert bad.status_code == 400 and "Another election is still open" in bad.text


def test_override_shows_the_preview_then_applies(client, auth, db, policy, admin):
    auth.login(admin)
    assert client.get("/admin/rotation/overrides/waive").status_code == 200
    preview = client.post("/admin/rotation/overrides/waive", data={"sequence": "16"})
    assert preview.status_code == 200
    assert "Current schedule" in preview.text and "Schedule after the override" in preview.text
    assert db.session.scalar(select(Override.id)) is None
    no_reason = client.post(
        "/admin/rotation/overrides/waive", data={"sequence": "16", "confirm": "1"}
    )
    assert no_reason.status_code == 400 and "Give the reason" in no_reason.text
    done = client.post(
        "/admin/rotation/overrides/waive",
        data={"sequence": "16", "confirm": "1", "reason": "Elections at home"},
    )
    assert done.status_code == 302
    assert q.term_by_sequence(16, NOW.date()).state_code == "KG"
    assert "Elections at home" in client.get("/admin/rotation/").text


@pytest.mark.parametrize(
    "kind,data,message",
    [
        ("extend", {"months": "0"}, "Number must be between 1 and 12"),
        ("swap", {"sequence": "17", "other": "17"}, "cannot be swapped with itself"),
        ("waive", {"sequence": "14"}, "Not a valid choice"),
        ("reorder", {"order": "KZ KZ TJ TM UZ"}, "exactly once"),
    ],
)
def test_override_refusals_are_shown_on_the_form(client, auth, policy, admin, kind, data, message):
    auth.login(admin)
    res = client.post(f"/admin/rotation/overrides/{kind}", data=data)
    assert res.status_code == 400 and message in res.text


def test_every_override_page_renders_in_russian(client, auth, policy, admin):
    auth.login(admin)
    for kind in ("waive", "defer", "swap", "extend", "interim", "suspend", "reinstate", "reorder"):
        res = client.get(f"/admin/rotation/overrides/{kind}", headers={"Accept-Language": "ru"})
        assert res.status_code == 200, kind
    assert client.get("/admin/rotation/overrides/nope").status_code == 404


def test_policy_setup_and_edit(client, auth, db, states, admin):
    auth.login(admin)
    assert "Set up the rotation" in client.get("/admin/rotation/").text
    form = client.get("/admin/rotation/policy").text
    assert "KZ KG TJ TM UZ" in form
    res = client.post(
        "/admin/rotation/policy",
        data={
            "anchor_on": "2019-01-01",
            "term_months": "6",
            "order": "KZ KG TJ TM UZ",
            "timezone": "Asia/Almaty",
            "reminder_days": "30, 7",
        },
    )
    assert res.status_code == 302, res.text
    assert q.current_term(NOW.date()).state_code == "UZ"
    bad = client.post(
        "/admin/rotation/policy",
        data={
            "anchor_on": "2019-01-01",
            "term_months": "6",
            "timezone": "Mars/Olympus",
            "reminder_days": "30, 7",
        },
    )
    assert bad.status_code == 400 and "Unknown time zone" in bad.text
    ok = client.post(
        "/admin/rotation/policy",
        data={
            "anchor_on": "2019-01-01",
            "term_months": "6",
            "timezone": "Asia/Tashkent",
            "reminder_days": "14",
        },
    )
    assert ok.status_code == 302
    assert q.get_policy().reminder_days == [14]


def test_cached_home_page_follows_the_clock_over_a_handover(client, policy):
    """Pages are kept per minute of the clock: at midnight in Almaty the troika moves on
    though nothing was written."""
    clock.set_now(datetime(2026, 12, 31, 18, 59, tzinfo=UTC))  # 23:59 in Almaty
    before = client.get("/").text
    token = re.compile(r'name="csrf_token" type="hidden" value="[^"]+"')
    assert token.sub("", client.get("/").text) == token.sub("", before)  # kept, same page
    clock.set_now(datetime(2026, 12, 31, 19, 0, tzinfo=UTC))  # 00:00, 1 January
    after = client.get("/").text
    assert "1 day to the next handover." in before
    assert "181 days to the next handover." in after
