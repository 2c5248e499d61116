"""Profile, preferred language and personal API tokens."""

from __future__ import annotations

import re

from pvenet.auth.models import ApiToken


def test_profile_sets_preferred_language(client, auth, focal_point, db):
    auth.login(focal_point)
    res = client.post(
        "/auth/profile", data={"name": "Dana A.", "locale": "ru"}, follow_redirects=True
    )
    assert '<html lang="ru">' in res.text
    db.session.refresh(focal_point)
    assert focal_point.name == "Dana A." and focal_point.locale == "ru"


def test_profile_refuses_control_characters(client, auth, focal_point):
    auth.login(focal_point)
    res = client.post("/auth/profile", data={"name": "Dana\x1b[31m", "locale": ""})
    assert res.status_code == 200
    assert "not allowed" in res.text


def test_api_token_is_shown_once_stored_hashed_and_revocable(app, client, auth, focal_point, db):
    from flask import jsonify
    from flask_login import current_user

    @app.get("/api/v1/whoami-test")
    def _whoami():
        return jsonify(email=current_user.email if current_user.is_authenticated else None)

    auth.login(focal_point)
    res = client.post("/auth/tokens", data={"name": "My script"})
    plain = re.search(r'value="(pvn_[^"]+)"', res.text).group(1)
    token = db.session.query(ApiToken).one()
    assert token.digest != plain and plain not in token.digest
    auth.logout()
    assert _token_user(client, plain) == focal_point.email
    # A token works on the API only, never as a login to the HTML pages.
    page = client.get("/auth/profile", headers={"Authorization": f"Bearer {plain}"})
    assert page.status_code == 302
    auth.login(focal_point)
    client.post(f"/auth/tokens/{token.id}/revoke")
    auth.logout()
    assert _token_user(client, plain) is None


def _token_user(client, plain):
    """Who the API sees for this token (via a throw-away API route)."""
    res = client.get("/api/v1/whoami-test", headers={"Authorization": f"Bearer {plain}"})
    return res.json.get("email")


def test_cannot_revoke_someone_elses_token(client, auth, focal_point, other_focal_point, db):
    from pvenet.auth.services import create_api_token

    token, _plain = create_api_token(other_focal_point, "theirs")
    db.session.commit()
    auth.login(focal_point)
    assert client.post(f"/auth/tokens/{token.id}/revoke").status_code == 404
    assert db.session.get(ApiToken, token.id).revoked_at is None
