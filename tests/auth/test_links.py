"""Invitations and password resets: signed, expiring, single-use links sent by e-mail."""

from __future__ import annotations

from datetime import datetime, timedelta

from pvenet import clock
from pvenet.auth.models import Role, User
from pvenet.auth.services import invite_user
from tests.conftest import PASSWORD, link_in, outbox

NEW_PASSWORD = "a-new-long-password"


def _invite(db, admin, states, **kw) -> User:
    user = invite_user(
        actor=admin,
        email=kw.get("email", "new.fp@example.org"),
        name="New Person",
        role=Role.focal_point,
        state=states["TJ"],
        locale=kw.get("locale", "en"),
        now=clock.utcnow_naive(),
    )
    db.session.commit()
    return user


def test_admin_invites_and_the_user_accepts(client, auth, admin, states, db):
    auth.login(admin)
    res = client.post(
        "/admin/users/",
        data={
            "email": "Nigina@Example.org",
            "name": "Nigina R.",
            "role": "focal_point",
            "state": "TJ",
            "locale": "ru",
        },
        follow_redirects=True,
    )
    assert "An invitation has been sent to nigina@example.org" in res.text
    mail = outbox(db)[-1]
    assert mail.recipient == "nigina@example.org"
    assert "Приглашение" in mail.subject  # in the invitee's language
    auth.logout()
    link = link_in(mail.body)
    assert client.get(link).status_code == 200
    res = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert res.status_code == 302
    assert "Nigina R." in client.get("/").text
    # Single use: the same link no longer works.
    auth.logout()
    res = client.get(link)
    assert res.status_code == 400
    assert "already been used" in res.text


def test_invitation_expires(client, admin, states, db):
    start = datetime(2026, 1, 10, 12, 0)
    clock.set_now(start)
    _invite(db, admin, states)
    link = link_in(outbox(db)[-1].body)
    clock.set_now(start + timedelta(days=7, minutes=1))
    res = client.get(link)
    assert res.status_code == 400
    assert "expired" in res.text


def test_reinvitation_kills_the_previous_link(client, auth, admin, states, db):
    user = _invite(db, admin, states)
    first = link_in(outbox(db)[-1].body)
    auth.login(admin)
    client.post(f"/admin/users/{user.id}/reinvite")
    second = link_in(outbox(db)[-1].body)
    auth.logout()
    assert client.get(first).status_code == 400
    assert client.get(second).status_code == 200


def test_tampered_link_is_refused(client, admin, states, db):
    _invite(db, admin, states)
    link = link_in(outbox(db)[-1].body)
    assert client.get(link[:-3] + "abc").status_code == 400


def test_weak_password_is_refused_and_nothing_is_lost(client, admin, states, db):
    _invite(db, admin, states)
    link = link_in(outbox(db)[-1].body)
    res = client.post(link, data={"password": "short", "confirm": "short"})
    assert res.status_code == 200
    assert "The password must have at least 10 characters." in res.text
    res = client.post(link, data={"password": NEW_PASSWORD, "confirm": "different-one!"})
    assert "The passwords differ." in res.text


def test_password_reset_flow(client, auth, focal_point, db):
    res = client.post("/auth/reset", data={"email": focal_point.email}, follow_redirects=True)
    assert "If an account exists" in res.text
    link = link_in(outbox(db)[-1].body)
    res = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert res.status_code == 302
    assert auth.login(focal_point, PASSWORD).status_code == 401
    assert auth.login(focal_point, NEW_PASSWORD).status_code == 302
    auth.logout()
    assert client.get(link).status_code == 400  # used once


def test_reset_for_unknown_email_says_the_same_and_sends_nothing(client, db):
    res = client.post("/auth/reset", data={"email": "nobody@example.org"}, follow_redirects=True)
    assert "If an account exists" in res.text
    assert outbox(db) == []


def test_reset_link_expires(client, focal_point, db):
    start = datetime(2026, 5, 1, 8, 0)
    clock.set_now(start)
    client.post("/auth/reset", data={"email": focal_point.email})
    link = link_in(outbox(db)[-1].body)
    clock.set_now(start + timedelta(hours=2, minutes=1))
    res = client.get(link)
    assert res.status_code == 400 and "expired" in res.text


def test_change_password_ends_other_sessions(app, client, auth, focal_point):
    auth.login(focal_point)
    other = app.test_client()
    other.post("/auth/login", data={"email": focal_point.email, "password": PASSWORD})
    assert other.get("/auth/profile").status_code == 200
    res = client.post(
        "/auth/password",
        data={"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert res.status_code == 302
    assert client.get("/auth/profile").status_code == 200  # this session survives
    assert other.get("/auth/profile").status_code == 302  # the other one is gone


def test_change_password_needs_the_current_one(client, auth, focal_point):
    auth.login(focal_point)
    res = client.post(
        "/auth/password",
        data={"current": "wrong", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert "The current password is not correct." in res.text
