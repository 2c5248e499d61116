"""Logging in and out, throttling, safe redirects, session invalidation, CSRF."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pvenet import clock
from pvenet.audit.models import AuditEvent
from tests.conftest import PASSWORD

GENERIC = "The e-mail address or the password is not correct."


def test_login_and_logout(client, auth, focal_point, db):
    res = auth.login(focal_point)
    assert res.status_code == 302
    assert "Dana KZ" in client.get("/").text
    assert db.session.query(AuditEvent).filter_by(action="auth.login").count() == 1
    auth.logout()
    assert "Log in" in client.get("/").text


def test_login_is_case_insensitive_on_email(auth, focal_point):
    assert auth.login("FP.KZ@Example.ORG").status_code == 302


@pytest.mark.parametrize(
    "email,password",
    [
        ("fp.kz@example.org", "wrong-password"),
        ("nobody@example.org", PASSWORD),
    ],
)
def test_failure_never_tells_whether_the_email_exists(auth, focal_point, email, password):
    res = auth.login(email, password)
    assert res.status_code == 401
    assert GENERIC in res.text


def test_deactivated_account_cannot_log_in(auth, make_user):
    user = make_user(active=False)
    res = auth.login(user)
    assert res.status_code == 401
    assert GENERIC in res.text


def test_throttled_per_account(app, auth, focal_point):
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 3
    for _ in range(3):
        assert auth.login(focal_point, "bad-password").status_code == 401
    res = auth.login(focal_point)  # even the right password is refused now
    assert res.status_code == 429
    assert "Too many failed attempts" in res.text


def test_throttle_applies_to_unknown_emails_too(app, auth):
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 2
    for _ in range(2):
        auth.login("ghost@example.org", "x")
    assert auth.login("ghost@example.org", "x").status_code == 429


def test_throttled_per_address(app, auth, focal_point, other_focal_point):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 4
    for i in range(4):
        auth.login(f"guess{i}@example.org", "nope")
    assert auth.login(other_focal_point).status_code == 429


def test_throttle_expires_after_the_window(app, auth, focal_point):
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 2
    start = datetime(2026, 3, 1, 9, 0)
    clock.set_now(start)
    auth.login(focal_point, "bad")
    auth.login(focal_point, "bad")
    assert auth.login(focal_point).status_code == 429
    clock.set_now(start + timedelta(minutes=16))
    assert auth.login(focal_point).status_code == 302


@pytest.mark.parametrize(
    "target,expected",
    [
        ("/auth/profile", "/auth/profile"),
        ("https://evil.example/phish", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
    ],
)
def test_next_redirect_stays_on_this_site(client, auth, focal_point, target, expected):
    res = client.post(
        "/auth/login", data={"email": focal_point.email, "password": PASSWORD, "next": target}
    )
    assert res.status_code == 302
    assert res.headers["Location"] == expected


def test_login_required_redirects_with_next(client):
    res = client.get("/auth/profile")
    assert res.status_code == 302
    assert "/auth/login?next=%2Fauth%2Fprofile" in res.headers["Location"]


def test_copied_cookie_is_dead_after_logout(app, focal_point, auth, client):
    auth.login(focal_point)
    stolen = app.test_client()
    cookie = client.get_cookie("session")
    stolen.set_cookie("session", cookie.value)
    assert stolen.get("/auth/profile").status_code == 200
    auth.logout()
    assert stolen.get("/auth/profile").status_code == 302


def test_deactivated_user_is_logged_out_on_next_request(client, auth, focal_point, admin, db):
    from pvenet.auth.services import set_active

    auth.login(focal_point)
    assert client.get("/auth/profile").status_code == 200
    set_active(focal_point, actor=admin, active=False)
    db.session.commit()
    assert client.get("/auth/profile").status_code == 302


def test_session_cookie_flags(client, auth, focal_point):
    res = auth.login(focal_point, remember="y")
    cookies = res.headers.getlist("Set-Cookie")
    session = next(c for c in cookies if c.startswith("session="))
    assert "HttpOnly" in session and "SameSite=Lax" in session
    remember = next(c for c in cookies if c.startswith("remember_token="))
    assert "HttpOnly" in remember and "SameSite=Lax" in remember


@pytest.fixture
def csrf_app_config(app_config):
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


class TestCsrf:
    @pytest.fixture
    def app_config(self, tmp_path):
        from tests.conftest import base_config

        cfg = base_config(tmp_path)
        cfg["WTF_CSRF_ENABLED"] = True
        return cfg

    def test_post_without_token_is_rejected(self, client, focal_point):
        res = client.post("/auth/login", data={"email": focal_point.email, "password": PASSWORD})
        assert res.status_code == 400
        assert "CSRF" in res.text

    def test_post_with_token_is_accepted(self, client, focal_point):
        import re

        page = client.get("/auth/login").text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        res = client.post(
            "/auth/login",
            data={"email": focal_point.email, "password": PASSWORD, "csrf_token": token},
        )
        assert res.status_code == 302


def test_older_password_hashes_are_upgraded_at_login(auth, focal_point, db):
    """Hashes made with argon2-cffi's default settings (64 MiB) or the platform's earlier
    ones (46 MiB) still log in, and are replaced by one with the OWASP settings in use."""
    from argon2 import PasswordHasher

    for hasher in (PasswordHasher(), PasswordHasher(time_cost=1, memory_cost=46 * 1024)):
        old = hasher.hash(PASSWORD)
        focal_point.password_hash = old
        db.session.commit()
        assert auth.login(focal_point).status_code == 302
        db.session.refresh(focal_point)
        assert focal_point.password_hash != old
        assert "$m=19456,t=2,p=1$" in focal_point.password_hash
        auth.logout()
