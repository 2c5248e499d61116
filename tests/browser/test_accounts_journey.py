"""Accounts in a real browser: invitation, password, language, keyboard-only login."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from pvenet.auth.models import Role, User
from pvenet.auth.passwords import hash_password
from pvenet.extensions import db
from pvenet.mail.models import OutboxMessage
from pvenet.states.services import ensure_member_states

ADMIN_PW = "admin-password-123"
NEW_PW = "focal-point-pass-42"

TEXT = {
    "en": {
        "invited": "An invitation has been sent to",
        "welcome": "Welcome to pvenet",
        "login": "Log in",
        "switch": "English",
        "users": "Users",
    },
    "ru": {
        "invited": "Приглашение отправлено",
        "welcome": "Добро пожаловать в pvenet",
        "login": "Войти",
        "switch": "Русский",
        "users": "Пользователи",
    },
}


def _seed(app) -> None:
    with app.app_context():
        ensure_member_states()
        db.session.add(
            User(
                email="admin@example.org",
                name="Ada Admin",
                role=Role.admin,
                password_hash=hash_password(ADMIN_PW),
            )
        )
        db.session.commit()
        db.session.remove()


def _last_mail_link(app) -> str:
    with app.app_context():
        body = db.session.query(OutboxMessage).order_by(OutboxMessage.id.desc()).first().body
        db.session.remove()
    return re.search(r"https?://\S+", body).group(0)


def _switch_language(page, lang: str) -> None:
    page.get_by_role("button", name=TEXT[lang]["switch"]).click()
    expect(page.locator("html")).to_have_attribute("lang", lang)


def _keyboard_login(page, email: str, password: str) -> None:
    """Fill the login form with the keyboard only: Tab through fields, Enter to submit."""
    page.locator("#email").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Tab")  # the "keep me logged in" checkbox
    page.keyboard.press("Space")
    page.keyboard.press("Enter")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_invitation_to_first_login(journey, live_server, lang):
    app, page = live_server.app, journey.page
    _seed(app)
    journey.goto("/")
    _switch_language(page, lang)
    journey.check_accessibility()
    journey.shot("home")

    # The admin logs in with the keyboard only and invites a focal point.
    page.get_by_role("link", name=TEXT[lang]["login"]).click()
    journey.check_accessibility()
    _keyboard_login(page, "admin@example.org", ADMIN_PW)
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
    page.locator("form[action='/auth/logout'] button").click()

    # The invitee opens the link from the e-mail and chooses a password.
    journey.page.goto(_last_mail_link(app))
    journey.check_accessibility()
    page.locator("#password").fill(NEW_PW)
    page.locator("#confirm").fill(NEW_PW)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text(TEXT[lang]["welcome"])
    journey.shot("accepted")

    # Log out, then log in again with the keyboard only.
    page.locator("form[action='/auth/logout'] button").click()
    journey.goto("/auth/login")
    _keyboard_login(page, f"tj.{lang}@example.org", NEW_PW)
    expect(page.get_by_role("link", name=re.compile("Нигина Рахимова"))).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    journey.shot("logged-in")
