"""Security headers and request logs that never leak secrets."""

from __future__ import annotations

import logging
import re

from pvenet import create_app
from tests.conftest import PASSWORD, link_in, outbox


def test_security_headers_on_every_page(client):
    res = client.get("/")
    csp = res.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert res.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in res.headers  # development: no HSTS


def test_pages_have_no_inline_script_or_style(client, auth, admin):
    auth.login(admin)
    for path in (
        "/",
        "/auth/login",
        "/admin/",
        "/admin/users/",
        "/admin/states/",
        "/admin/audit/",
        "/auth/profile",
    ):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert " style=" not in html and "<style" not in html, path
        assert not re.search(r"\son[a-z]+=", html), path


def test_hsts_in_production(monkeypatch):
    monkeypatch.setenv("PVENET_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("PVENET_DATABASE_URL", "sqlite://")
    app = create_app({"ENV": "production", "SCHEDULER_MODE": "off"})
    res = app.test_client().get("/healthz")
    assert "max-age=31536000" in res.headers["Strict-Transport-Security"]


def test_private_pages_are_not_cached(client, auth, focal_point):
    auth.login(focal_point)
    assert client.get("/auth/profile").headers["Cache-Control"] == "no-store"


def test_one_log_line_per_request_with_request_id(client, caplog):
    caplog.set_level(logging.INFO, logger="pvenet.request")
    res = client.get("/auth/login", headers={"X-Request-ID": "abcdef1234567890"})
    assert res.headers["X-Request-ID"] == "abcdef1234567890"
    lines = [r for r in caplog.records if r.name == "pvenet.request"]
    assert len(lines) == 1 and "GET /auth/login 200" in lines[0].getMessage()
    res = client.get("/auth/login", headers={"X-Request-ID": "<script>"})
    assert re.fullmatch(r"[0-9a-f]{32}", res.headers["X-Request-ID"])


def test_passwords_tokens_and_links_never_reach_the_logs(
    client, auth, admin, focal_point, db, caplog
):
    caplog.set_level(logging.DEBUG)
    auth.login(focal_point, "a-wrong-password-123")
    auth.login(focal_point)
    res = client.post("/auth/tokens", data={"name": "script"})
    token = re.search(r'value="(pvn_[^"]+)"', res.text).group(1)
    client.get("/auth/profile", headers={"Authorization": f"Bearer {token}"})
    auth.logout()
    client.post("/auth/reset", data={"email": focal_point.email})
    from pvenet import clock
    from pvenet.mail.services import send_pending

    send_pending(clock.utcnow_naive())
    reset_link = link_in(outbox(db)[-1].body)
    client.get(reset_link)
    secret_token = reset_link.rsplit("/", 1)[1]
    text = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    handler_text = caplog.text
    for secret in (PASSWORD, "a-wrong-password-123", token, secret_token):
        assert secret not in text and secret not in handler_text, secret[:12]
    assert "/auth/reset/<token>" in text
