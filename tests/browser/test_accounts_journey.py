"""Accounts in a real browser: invitation, password, language, keyboard-only login."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from pvenet.auth.models import Role
from tests.browser.helpers import (
    add_people,
    keyboard_login,
    last_mail_link,
    logout,
    switch_language,
)

ADMIN_PW = "admin-password-123"
NEW_PW = "focal-point-pass-42"

TEXT = {
    "en": {
        "invited": "An invitation has been sent to",
        "welcome": "Welcome to pvenet",
        "login": "Log in",
        "users": "Users",
    },
    "ru": {
        "invited": "Приглашение отправлено",
        "welcome": "Добро пожаловать в pvenet",
        "login": "Войти",
        "users": "Пользователи",
    },
}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_invitation_to_first_login(journey, live_server, lang):
    app, page = live_server.app, journey.page
    add_people(app, ADMIN_PW, ("admin@example.org", "Ada Admin", Role.admin, None))
    journey.goto("/")
    switch_language(page, lang)
    journey.check_accessibility()
    journey.shot("home")

    # The admin logs in with the keyboard only and invites a focal point.
    page.get_by_role("link", name=TEXT[lang]["login"]).click()
    journey.check_accessibility()
    keyboard_login(page, "admin@example.org", ADMIN_PW, remember=True)
    expect(page.get_by_role("link", name="Ada Admin")).to_be_visible()
    journey.goto("/admin/users/")
    journey.check_accessibility()
    page.locator("#email").fill(f"tj.{lang}@example.org")
    page.locator("#name").fill("Нигина Рахимова")
    page.locator("#role").select_option("focal_point")
    page.locator("#state").select_option("TJ")
    page.locator("#locale").select_option(lang)
    page.locator("form:has(#email) button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text(TEXT[lang]["invited"])
    journey.shot("invited")
    logout(page)

    # The invitee opens the link from the e-mail and chooses a password.
    journey.page.goto(last_mail_link(app))
    journey.check_accessibility()
    page.locator("#password").fill(NEW_PW)
    page.locator("#confirm").fill(NEW_PW)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text(TEXT[lang]["welcome"])
    journey.shot("accepted")

    # Log out, then log in again with the keyboard only.
    logout(page)
    journey.goto("/auth/login")
    keyboard_login(page, f"tj.{lang}@example.org", NEW_PW, remember=True)
    expect(page.get_by_role("link", name=re.compile("Нигина Рахимова"))).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    journey.shot("logged-in")
