"""The chair's journey in a real browser (issue 6, point 3): the incoming chair's focal point
is told to prepare, sets two themes (one national) and plans a meeting; after the handover
they are on the home page and in the calendar feed, and the outgoing chair can no longer
edit its own old themes. Once in English and once in Russian, with axe on every page and
the keyboard for the theme form."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from pvenet import clock
from pvenet.auth.models import Role, User
from pvenet.auth.passwords import hash_password
from pvenet.extensions import db
from pvenet.rotation.jobs import run_reconcile
from pvenet.rotation.services.store import create_policy
from pvenet.states.services import ensure_member_states
from pvenet.themes.services import stored_term
from pvenet.themes.services.themes import ThemeContent, ThemeTextContent, add_theme

PW = "chair-journey-pass-1"
ALMATY = ZoneInfo("Asia/Almaty")
#: Kazakhstan chairs (term 1, to 2019-12-31); Kyrgyzstan is next (term 2, from 2020-01-01).
BEFORE = datetime.combine(date(2019, 12, 5), time(10), tzinfo=ALMATY)
AFTER = datetime.combine(date(2020, 1, 1), time(0, 5), tzinfo=ALMATY)

TEXT = {
    "en": {
        "switch": "English",
        "prepare": "Prepare the programme",
        "add": "Add a theme",
        "plan": "Plan a meeting",
        "incoming": "incoming chair",
    },
    "ru": {
        "switch": "Русский",
        "prepare": "Подготовить программу",
        "add": "Добавить тему",
        "plan": "Запланировать встречу",
        "incoming": "следующий председатель",
    },
}


def _seed(app) -> None:
    with app.app_context():
        states = {s.code: s for s in ensure_member_states()}
        hashed = hash_password(PW)
        kz = User(
            email="kz@example.org",
            name="Dana Abenova",
            role=Role.focal_point,
            state=states["KZ"],
            password_hash=hashed,
        )
        db.session.add_all(
            [
                kz,
                User(email="kg@example.org", name="Aida Temirbekova", role=Role.focal_point,
                     state=states["KG"], password_hash=hashed),
            ]
        )  # fmt: skip
        db.session.flush()
        create_policy(
            None, anchor_on=date(2019, 1, 1), order=["KZ", "KG", "TJ", "TM", "UZ"],
            today=BEFORE.date(),
        )  # fmt: skip
        kz_theme = ThemeContent(texts={"en": ThemeTextContent("Kazakh chair's theme", "")})
        add_theme(stored_term(1), kz, kz_theme, now=datetime(2019, 7, 2, tzinfo=ALMATY))
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


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_chair_prepares_its_programme_and_hands_over(journey, live_server, lang):
    app, page = live_server.app, journey.page
    clock.set_now(BEFORE)
    _seed(app)
    t = TEXT[lang]

    # 27 days before its term, Kyrgyzstan's focal point is told to prepare.
    _login(journey, "kg@example.org", lang)
    journey.goto("/")
    expect(page.locator(".alert-info")).to_contain_text(t["incoming"])
    journey.check_accessibility()
    journey.shot("incoming-notice")
    page.get_by_role("link", name=t["prepare"]).click()
    expect(page).to_have_url(live_server.url + "/programme/2")
    journey.check_accessibility()

    # A regional theme, entered with the keyboard only.
    page.get_by_role("link", name=t["add"]).click()
    journey.check_accessibility()
    page.locator("#title_en").focus()
    page.keyboard.type("Community partnerships")
    page.keyboard.press("Tab")
    page.keyboard.type("Local councils, police and schools working together.")
    page.keyboard.press("Tab")
    page.keyboard.type("Партнёрство с местными сообществами")
    page.locator("#title_ru").press("Enter")
    expect(page.locator(".alert-success")).to_be_visible()

    # A national theme concerning Kyrgyzstan, in Russian only.
    page.get_by_role("link", name=t["add"]).click()
    page.locator("#scope-1").check()
    page.locator("#state").select_option("KG")
    page.locator("#title_ru").fill("Молодёжные центры в регионах")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#h-themes + ol > li")).to_have_count(2)
    journey.check_accessibility()

    # A network meeting of its term.
    page.get_by_role("link", name=t["plan"]).click()
    journey.check_accessibility()
    page.locator("#title").fill("Annual meeting of the PVE network")
    page.locator("#starts_on").fill("2020-02-10")
    page.locator("#ends_on").fill("2020-02-11")
    page.locator("#city").fill("Bishkek")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    journey.check_accessibility()
    journey.shot("programme")
    _logout(page)

    # The handover: the clock moves past midnight in Almaty, the scheduler reconciles.
    clock.set_now(AFTER)
    run_reconcile(app)

    # Everyone sees Kyrgyzstan's themes and its meeting on the home page and in the feed.
    journey.goto("/")
    page.get_by_role("button", name=t["switch"]).click()
    home = page.locator("#h-home-themes").locator("..")
    expect(home).to_contain_text("Community partnerships" if lang == "en" else "Партнёрство")
    expect(home).to_contain_text("Молодёжные центры в регионах")
    expect(page.locator("#h-home-meeting").locator("..")).to_contain_text("Bishkek")
    journey.check_accessibility()
    journey.shot("home-after-handover")
    feed = page.request.get(live_server.url + "/calendar/rotation.ics").text()
    assert "Annual meeting of the PVE network" in feed and "Bishkek" in feed

    # The outgoing chair can no longer change its own themes.
    _login(journey, "kz@example.org", lang)
    journey.goto("/programme/1")
    expect(page.locator("main")).to_contain_text("Kazakh chair's theme")
    expect(page.locator("#h-themes + ol a.btn")).to_have_count(0)
    journey.check_accessibility()
    journey.shot("outgoing-read-only")
    # (asked without navigating, so the refusal does not log a console error)
    assert page.request.get(live_server.url + "/programme/1/themes/new").status == 403
