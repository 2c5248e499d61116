"""Issue 6, journey of a focal point, in a real browser, once per interface language.

Invited by e-mail, the focal point sets a password, switches the interface language, writes
a practice in Russian with a PDF attached (keyboard only), submits it; a reviewer returns it
with a comment; the focal point revises and resubmits; an administrator publishes it; a
visitor finds it by another word form of a title word and downloads the attachment.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from pvenet.auth.models import Role
from pvenet.extensions import db
from pvenet.library.models import Practice, PracticeStatus
from tests.browser.helpers import add_people, last_mail_link, login, logout, switch_language
from tests.library.conftest import pdf_bytes

ADMIN_PW = "admin-password-123"
NEW_PW = "focal-point-pass-42"
PDF = pdf_bytes("mediation clubs handbook")

TEXT = {
    "en": {
        "welcome": "Welcome to pvenet",
        "submit": "Submit for review",
        "return": "Return with comments",
        "approve": "Approve and publish",
        "edit": "Edit",
        "returned": "Returned",
    },
    "ru": {
        "welcome": "Добро пожаловать в pvenet",
        "submit": "Представить на рассмотрение",
        "return": "Вернуть с замечаниями",
        "approve": "Утвердить и опубликовать",
        "edit": "Изменить",
        "returned": "Возвращена",
    },
}
OTHER = {"en": "ru", "ru": "en"}


def _status(app) -> PracticeStatus:
    with app.app_context():
        practice = db.session.query(Practice).one()
        status = practice.status
        db.session.remove()
    return status


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_focal_point_journey(journey, live_server, lang):
    app, page = live_server.app, journey.page
    add_people(app, ADMIN_PW, ("admin@example.org", "Ada Admin", Role.admin, None))
    email = f"kz.{lang}@example.org"

    # An administrator invites the focal point, whose account starts in the other language.
    login(journey, "admin@example.org", ADMIN_PW, lang)
    journey.goto("/admin/users/")
    page.locator("#email").fill(email)
    page.locator("#name").fill("Дана Абенова")
    page.locator("#role").select_option("focal_point")
    page.locator("#state").select_option("KZ")
    page.locator("#locale").select_option(OTHER[lang])
    page.locator("form:has(#email) button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    logout(page)

    # The invitation link: a password, then the switch to the journey's language.
    page.goto(last_mail_link(app, email))
    journey.check_accessibility()
    page.locator("#password").fill(NEW_PW)
    page.locator("#confirm").fill(NEW_PW)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", OTHER[lang])
    switch_language(page, lang)
    journey.shot("accepted")

    # A practice in Russian with a PDF, through the form with the keyboard only.
    journey.goto("/library/new")
    journey.check_accessibility()
    page.locator("#original_language-1").focus()  # the radio group: Russian
    page.keyboard.press("Space")
    expect(page.locator("#original_language-1")).to_be_checked()
    page.locator("#title_ru").focus()
    page.keyboard.type("Школьные клубы медиации")
    page.keyboard.press("Tab")
    page.keyboard.type("Старшеклассники учатся разрешать конфликты без насилия.")
    page.keyboard.press("Tab")
    page.keyboard.type("Программа охватывает сорок школ Алматы.")
    page.locator("#attachment").set_input_files(
        {"name": "handbook.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("main form button[type=submit]").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.get_by_role("link", name="handbook.pdf")).to_be_visible()
    journey.shot("draft")
    page.get_by_role("link", name=TEXT[lang]["submit"]).click()
    journey.check_accessibility()
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_be_visible()
    practice_url = page.url.split("?")[0]
    assert _status(app) == PracticeStatus.submitted
    logout(page)

    # The reviewer returns it with a comment.
    login(journey, "admin@example.org", ADMIN_PW, lang)
    journey.goto("/library/review")
    journey.check_accessibility()
    page.locator("main table a").first.click()
    page.locator("section[aria-labelledby=h-decide] textarea").fill(
        "Добавьте, сколько учеников прошли обучение."
    )
    page.get_by_role("button", name=TEXT[lang]["return"]).click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert _status(app) == PracticeStatus.returned
    journey.shot("returned")
    logout(page)

    # The focal point reads the comment in its notifications, revises and submits again.
    login(journey, email, NEW_PW, lang)
    journey.goto("/notifications/")
    expect(page.locator("main")).to_contain_text("сколько учеников")
    journey.check_accessibility()
    journey.shot("notifications")
    page.goto(practice_url)
    page.get_by_role("link", name=TEXT[lang]["edit"], exact=True).first.click()
    page.locator("#body_ru").fill(
        "Программа охватывает сорок школ Алматы; обучение прошли 1 200 учеников."
    )
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.get_by_role("link", name=TEXT[lang]["submit"]).click()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert _status(app) == PracticeStatus.submitted
    logout(page)

    # The administrator publishes it.
    login(journey, "admin@example.org", ADMIN_PW, lang)
    journey.goto("/library/review")
    page.locator("main table a").first.click()
    page.get_by_role("button", name=TEXT[lang]["approve"]).click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert _status(app) == PracticeStatus.published
    logout(page)

    # A visitor finds it with another word form of "медиации" and downloads the PDF.
    journey.goto("/library/")
    page.locator("#library-q").fill("медиация")
    page.locator("#library-q").press("Enter")
    expect(page.locator("article h3 a").first).to_have_text("Школьные клубы медиации")
    journey.check_accessibility()
    journey.shot("search")
    page.locator("article h3 a").first.click()
    expect(page.locator("h1")).to_have_text("Школьные клубы медиации")
    expect(page.locator("main")).to_contain_text("1 200 учеников")
    journey.check_accessibility()
    with page.expect_download() as info:
        page.get_by_role("link", name="handbook.pdf").click()
    download = info.value
    assert download.suggested_filename == "handbook.pdf"
    assert Path(download.path()).read_bytes() == PDF
    journey.shot("practice")
