"""Every route of the URL map, asked by every kind of user, gives the expected answer."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pvenet.auth.models import Role
from pvenet.auth.services import create_api_token, set_active
from tests.conftest import PASSWORD, FreshContextClient
from tests.hardening.matrix import EXTRA, MATRIX, TOKEN_OWNERS, TOKEN_USERS, WHO

IGNORED = {"static"}


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in IGNORED or rule.rule.startswith("/__test__"):
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield method, rule.endpoint


def test_every_route_is_in_the_matrix(app):
    missing = sorted(set(_routes(app)) - set(MATRIX))
    assert not missing, f"add these routes to tests/hardening/matrix.py: {missing}"
    stale = sorted(set(MATRIX) - set(_routes(app)))
    assert not stale, f"routes in the matrix that no longer exist: {stale}"
    unknown = sorted({(m, e) for m, e, _entry in EXTRA} - set(MATRIX))
    assert not unknown, f"EXTRA probes of routes not in the matrix: {unknown}"


def test_every_entry_answers_for_every_kind_of_user():
    for (method, endpoint), (_url, expected, _data) in [
        *MATRIX.items(),
        *(((m, e), entry) for m, e, entry in EXTRA),
    ]:
        missing = sorted(set(WHO) - set(expected))
        assert not missing, f"{method} {endpoint}: no expectation for {missing}"


@pytest.fixture
def world(db, make_user, states):
    users = {
        "observer": make_user(Role.observer, None),
        "fp_own": make_user(Role.focal_point, "KZ"),
        "fp_other": make_user(Role.focal_point, "KG"),
        "fp_chair": make_user(Role.focal_point, "UZ"),
        "admin": make_user(Role.admin, None),
        "deactivated": make_user(Role.focal_point, "KZ"),
    }
    tokens = {who: create_api_token(users[owner], who)[1] for who, owner in TOKEN_OWNERS.items()}
    own_token, _plain = create_api_token(users["fp_own"], "own")
    db.session.commit()
    return SimpleNamespace(users=users, tokens=tokens, states=states, fp_own_token_id=own_token.id)


def _classify(res) -> str:
    loc = res.headers.get("Location", "")
    if res.status_code == 302 and "/auth/login" in loc:
        return "login"
    return {401: "login", 403: "forbidden", 404: "notfound", 400: "bad"}.get(res.status_code, "ok")


@pytest.mark.parametrize("who", WHO)
def test_permission_matrix(app, db, world, who):
    failures = []
    probes = [(m, e, entry) for (m, e), entry in sorted(MATRIX.items())] + EXTRA
    # "deactivated" logs in, then is deactivated; "token_deactivated" holds a token made
    # while its owner was active. Either way the owner is inactive during each request.
    owner = world.users["deactivated"]
    # each request in its own app context, as in production: a user cached in ``g`` by one
    # request (e.g. anonymous on a page, where tokens do not count) must not leak into the
    # next one
    app.test_client_class = FreshContextClient
    for method, _endpoint, (url_for_world, expected, data) in probes:
        client = app.test_client()
        headers = {}
        if who in TOKEN_USERS:
            headers["Authorization"] = f"Bearer {world.tokens[who]}"
        elif who != "visitor":
            user = world.users[who]
            res = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
            assert res.status_code == 302, (who, res.status_code)
        if who in ("deactivated", "token_deactivated"):
            set_active(owner, actor=world.users["admin"], active=False)
            db.session.commit()
        url = url_for_world(world)
        res = client.open(url, method=method, data=data, headers=headers)
        assert res.status_code < 500, (method, url, who, res.status_code)
        got = _classify(res)
        if got != expected[who]:
            failures.append(
                f"{method} {url} as {who}: expected {expected[who]}, got {got} ({res.status_code})"
            )
        if who in ("deactivated", "token_deactivated"):
            set_active(owner, actor=world.users["admin"], active=True)
            db.session.commit()
    assert not failures, "\n".join(failures)
