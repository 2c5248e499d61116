"""Steps every browser journey shares: people in the database, logging in and out with the
keyboard, the language switcher, links from e-mails."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from pvenet.auth.models import Role, User
from pvenet.auth.passwords import hash_password
from pvenet.extensions import db
from pvenet.mail.models import OutboxMessage
from pvenet.states.services import ensure_member_states

#: The label of each language in the switcher, written in that language.
SWITCH = {"en": "English", "ru": "Русский"}


def add_people(app, password: str, *people: tuple[str, str, Role, str | None]) -> None:
    """The five member states and one user per ``(email, name, role, state code)``."""
    with app.app_context():
        states = {s.code: s for s in ensure_member_states()}
        hashed = hash_password(password)
        db.session.add_all(
            User(
                email=email,
                name=name,
                role=role,
                state=states[code] if code else None,
                password_hash=hashed,
            )
            for email, name, role, code in people
        )
        db.session.commit()
        db.session.remove()


def last_mail_link(app, to: str | None = None) -> str:
    """The first link in the newest e-mail (to ``to`` when given) in the outbox."""
    with app.app_context():
        query = db.session.query(OutboxMessage)
        if to:
            query = query.filter(OutboxMessage.recipient == to)
        body = query.order_by(OutboxMessage.id.desc()).first().body
        db.session.remove()
    return re.search(r"https?://\S+", body).group(0)


def switch_language(page, lang: str) -> None:
    page.get_by_role("button", name=SWITCH[lang]).click()
    expect(page.locator("html")).to_have_attribute("lang", lang)


def keyboard_login(page, email: str, password: str, *, remember: bool = False) -> None:
    """Fill the login form with the keyboard only: Tab through fields, Enter to submit."""
    page.locator("#email").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    if remember:
        page.keyboard.press("Tab")  # the "keep me logged in" checkbox
        page.keyboard.press("Space")
    page.keyboard.press("Enter")


def login(journey, email: str, password: str, lang: str) -> None:
    """Log in from the login page and make sure the interface is in ``lang``."""
    journey.goto("/auth/login")
    keyboard_login(journey.page, email, password)
    expect(journey.page.locator("form[action='/auth/logout']")).to_be_visible()
    if journey.page.locator("html").get_attribute("lang") != lang:
        switch_language(journey.page, lang)


def logout(page) -> None:
    page.locator("form[action='/auth/logout'] button").click()
    expect(page.locator("form[action='/auth/logout']")).to_have_count(0)
