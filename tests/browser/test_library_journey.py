"""The library in a real browser: write, submit, review, publish, search, read — with the
keyboard where it matters, and axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pvenet.auth.models import Role, User
from pvenet.extensions import db
from tests.browser.helpers import SWITCH, add_people, login, logout

PW = "library-journey-pass-1"

TEXT = {
    "en": {"submit": "Submit for review", "approve": "Approve and publish"},
    "ru": {
        "submit": "Представить на рассмотрение",
        "approve": "Утвердить и опубликовать",
    },
}


def _seed(app) -> None:
    add_people(
        app,
        PW,
        ("admin@example.org", "Ada Admin", Role.admin, None),
        ("kz@example.org", "Dana Abenova", Role.focal_point, "KZ"),
    )


def _login(journey, email: str, lang: str) -> None:
    login(journey, email, PW, lang)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_practice_from_draft_to_search(journey, live_server, lang):
    app, page = live_server.app, journey.page
    _seed(app)

    # A focal point writes a practice in Russian only, ticking boxes with the keyboard.
    _login(journey, "kz@example.org", lang)
    journey.goto("/library/new")
    journey.check_accessibility()
    page.locator("#original_language-1").check()  # Russian
    page.locator("#title_ru").fill("Клубы медиации в школах")
    page.locator("#summary_ru").fill("Старшеклассники помогают сверстникам решать конфликты.")
    page.locator("#body_ru").fill("## Подход\n\n- обучение медиаторов\n- дежурства в школе")
    page.locator("#topics-4").focus()  # Education
    page.keyboard.press("Space")
    expect(page.locator("#topics-4")).to_be_checked()
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".alert-success")).to_be_visible()
    journey.check_accessibility()
    journey.shot("draft")
    page.get_by_role("link", name=TEXT[lang]["submit"]).click()
    journey.check_accessibility()
    page.locator("main form button[type=submit]").click()
    practice_url = page.url
    logout(page)

    # The administrator reviews it and publishes it.
    _login(journey, "admin@example.org", lang)
    journey.goto("/library/review")
    journey.check_accessibility()
    page.locator("main table a").first.click()
    journey.check_accessibility()
    page.get_by_role("button", name=TEXT[lang]["approve"]).click()
    expect(page.locator(".alert-success")).to_be_visible()
    logout(page)

    # A visitor finds it with another word form and reads it, with a language badge.
    journey.goto("/library/")
    page.get_by_role("button", name=SWITCH[lang]).click()
    page.locator("#library-q").fill("конфликтами медиация")
    page.locator("#library-q").press("Enter")
    expect(page.locator("mark").first).to_have_text("конфликты")
    journey.check_accessibility()
    journey.shot("search")
    page.locator("article h3 a").first.click()
    expect(page.locator("h1")).to_have_text("Клубы медиации в школах")
    assert page.url.split("?")[0] == practice_url.split("?")[0]
    if lang == "en":
        expect(page.locator("header .badge").first).to_have_text("In Russian")
    journey.check_accessibility()
    journey.shot("practice")


def test_library_pages_pass_axe(journey, live_server):
    """Every other library page, as an administrator, with axe."""
    from pvenet import clock
    from pvenet.library.services.content import PracticeContent, TextContent
    from pvenet.library.services.workflow import approve, create_practice, start_revision, submit
    from pvenet.library.vocab import PracticeType

    app = live_server.app
    _seed(app)
    with app.app_context():
        admin = db.session.query(User).filter_by(role=Role.admin).one()
        author = db.session.query(User).filter_by(role=Role.focal_point).one()
        now = clock.utcnow_naive()
        practice = create_practice(
            author,
            state=author.state,
            content=PracticeContent(
                type=PracticeType.guidance,
                year=2024,
                original_language="en",
                texts={
                    "en": TextContent("Prison imams", "Summary.", "Body line one\n\nTwo."),
                    "ru": TextContent("Имамы в тюрьмах", "Кратко.", "Текст."),
                },
                topics=["prisons"],
            ),
            visibility="public",
            now=now,
        )
        submit(practice, author, now=now)
        approve(practice, admin, now=now)
        pending = start_revision(practice, author, now=now)
        pending.data = {**pending.data, "year": 2025}
        submit(practice, author, now=now)
        approve(practice, admin, now=now)
        pid = practice.id
        db.session.commit()
        db.session.remove()
    _login(journey, "admin@example.org", "en")
    for path in (
        "/library/",
        f"/library/{pid}",
        f"/library/{pid}/side-by-side",
        f"/library/{pid}/revisions",
        f"/library/{pid}/revisions/1",
        f"/library/{pid}/compare?a=1&b=2",
        f"/library/{pid}/edit",
        f"/library/{pid}/review",
        f"/library/{pid}/withdraw",
        "/library/workspace",
        "/library/translations",
        "/library/review",
    ):
        journey.goto(path)
        journey.check_accessibility()
