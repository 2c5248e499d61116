"""The rotation in a real browser (issue 6 point 4): an election from opening to result,
then a waive previewed and confirmed; the timeline, the API and the calendar follow."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest
from playwright.sync_api import expect

from pvenet import clock
from pvenet.auth.models import Role, User
from pvenet.auth.passwords import hash_password
from pvenet.extensions import db
from pvenet.rotation.services.store import create_policy
from pvenet.states.services import ensure_member_states

PW = "rotation-journey-pass-1"
# Noon in Almaty on 2026-08-01: Uzbekistan chairs term 15; Kazakhstan is next.
NOW = datetime(2026, 8, 1, 7, 0, tzinfo=UTC)

TEXT = {
    "en": {
        "switch": "English",
        "elected": "Elected: Tajikistan",
        "kyrgyzstan": "Kyrgyzstan",
        "tajikistan": "Tajikistan",
        "after": "Schedule after the override",
    },
    "ru": {
        "switch": "Русский",
        "elected": "Избрано: Таджикистан",
        "kyrgyzstan": "Кыргызстан",
        "tajikistan": "Таджикистан",
        "after": "График после изменения",
    },
}


def _seed(app) -> None:
    with app.app_context():
        states = {s.code: s for s in ensure_member_states()}
        hashed = hash_password(PW)
        db.session.add_all(
            [
                User(email="admin@example.org", name="Ada Admin", role=Role.admin,
                     password_hash=hashed),
                User(email="kz@example.org", name="Dana Abenova", role=Role.focal_point,
                     state=states["KZ"], password_hash=hashed),
                User(email="kg@example.org", name="Aida Temirbekova", role=Role.focal_point,
                     state=states["KG"], password_hash=hashed),
            ]
        )  # fmt: skip
        create_policy(
            None, anchor_on=date(2019, 1, 1), order=["KZ", "KG", "TJ", "TM", "UZ"],
            today=NOW.date(),
        )  # fmt: skip
        db.session.commit()
        db.session.remove()


def _login(journey, email: str, lang: str) -> None:
    page = journey.page
    journey.goto("/auth/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PW)
    page.locator("#password").press("Enter")
    expect(page.locator("form[action='/auth/logout']")).to_be_visible()
    if page.locator("html").get_attribute("lang") != lang:
        page.get_by_role("button", name=TEXT[lang]["switch"]).click()
        expect(page.locator("html")).to_have_attribute("lang", lang)


def _logout(page) -> None:
    page.locator("form[action='/auth/logout'] button").click()


def _vote(journey, email: str, lang: str, candidate: str) -> None:
    page = journey.page
    _login(journey, email, lang)
    journey.goto("/rotation/elections/1")
    journey.check_accessibility()
    page.select_option("#candidate", candidate)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    _logout(page)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_election_and_waive(journey, live_server, lang):
    clock.set_now(NOW)
    app, page = live_server.app, journey.page
    t = TEXT[lang]
    _seed(app)

    # The administrator opens an election for term 17.
    _login(journey, "admin@example.org", lang)
    journey.goto("/admin/rotation/")
    journey.check_accessibility()
    page.locator("a[href='/admin/rotation/elections/new']").click()
    journey.check_accessibility()
    page.select_option("#term_sequence", "17")
    page.locator("#closes_at").fill("2026-08-15T12:00")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    journey.shot("election-open")
    _logout(page)

    # Focal points of two states vote, each for their own state's ballot.
    _vote(journey, "kz@example.org", lang, "TJ")
    _vote(journey, "kg@example.org", lang, "TJ")

    # The administrator closes it; the result shows on the election page and the timeline.
    _login(journey, "admin@example.org", lang)
    journey.goto("/admin/rotation/elections/1")
    journey.check_accessibility()
    page.locator("form[action$='/close'] button").click()
    expect(page.locator("main")).to_contain_text(t["elected"])
    journey.goto("/rotation/elections/1")
    expect(page.locator("main")).to_contain_text(t["elected"])
    journey.check_accessibility()
    journey.goto("/rotation/")
    expect(page.locator("main")).to_contain_text(t["tajikistan"])
    journey.shot("timeline-after-election")

    # Kazakhstan waives term 16: preview, reason, confirm.
    journey.goto("/admin/rotation/overrides/waive")
    journey.check_accessibility()
    page.select_option("#sequence", "16")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#h-after")).to_have_text(t["after"])
    journey.check_accessibility()
    journey.shot("waive-preview")
    page.locator("#reason").fill("Parliamentary elections in Kazakhstan")
    page.locator("button[name=confirm]").click()
    expect(page.locator(".alert-success")).to_be_visible()

    # The timeline, the API and the calendar show the new schedule.
    journey.goto("/rotation/")
    journey.check_accessibility()
    journey.shot("timeline-after-waive")
    ahead = page.locator("main section").filter(has=page.locator("#h-ahead"))
    items = ahead.locator("li.list-group-item")
    expect(items.nth(1)).to_contain_text(t["kyrgyzstan"])  # term 16
    expect(items.nth(2)).to_contain_text(t["tajikistan"])  # term 17, elected
    api = page.request.get(live_server.url + "/api/v1/chair?on=2027-01-01").json()
    assert api["holder"]["code"] == "KG" and api["selection"] == "waive"
    ics = page.request.get(live_server.url + "/calendar/rotation.ics")
    events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(ics.body()).walk("VEVENT")}
    assert "term-16@pvenet" in events and "election-1@pvenet" in events
    summary = str(events["term-16@pvenet"]["summary"])
    assert ("Kyrgyzstan" in summary) or ("Кыргызстан" in summary)
