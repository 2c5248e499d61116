"""The permission matrix: every route × every kind of user → the expected answer.

Answers:
  ok        allowed (any status below 500 other than the ones below)
  login     sent to log in (302 to /auth/login, or 401 from the API)
  forbidden 403
  notfound  404 (the object is hidden from this user)
  bad       400 (e.g. a link token that is not valid)

Users ("who"): visitor, observer, fp_own (focal point of the state that owns the object),
fp_other (focal point of another state), fp_chair (focal point of the chairing state),
admin, deactivated (was logged in, then deactivated), and the personal API token (no
session) of each of them: token_observer, token_fp (of fp_own), token_fp_other,
token_fp_chair, token_admin and token_deactivated (its owner deactivated since).

Each feature adds its routes here; a route missing from MATRIX fails the suite. A route
whose answer depends on the object (a draft, a submission, a network-only or restricted
practice) gets further probes in EXTRA.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.hardening.who import SESSION_USERS, TOKEN_OWNERS, TOKEN_USERS, WHO

__all__ = ["EXTRA", "MATRIX", "SESSION_USERS", "TOKEN_OWNERS", "TOKEN_USERS", "WHO"]


def same(answer: str) -> dict[str, str]:
    return dict.fromkeys(WHO, answer)


def public() -> dict[str, str]:
    return same("ok")


def members(*, html: bool = True) -> dict[str, str]:
    """Logged-in users of any role; tokens count only on the API, and a deactivated
    user's token no longer counts at all."""
    out = same("ok")
    out["visitor"] = out["deactivated"] = out["token_deactivated"] = "login"
    if html:
        for t in TOKEN_USERS:
            out[t] = "login"
    return out


def admins(*, html: bool = True) -> dict[str, str]:
    out = members(html=html)
    for w in ("observer", "fp_own", "fp_other", "fp_chair"):
        out[w] = "forbidden"
    if not html:
        for t in ("token_observer", "token_fp", "token_fp_other", "token_fp_chair"):
            out[t] = "forbidden"
    return out


def api_read() -> dict[str, str]:
    return public()


def api_write(allowed: tuple[str, ...]) -> dict[str, str]:
    """API writes: session users are refused (401: token needed), tokens by role; the
    token of a deactivated user is refused like a missing one."""
    out = same("login")
    for t in TOKEN_USERS:
        out[t] = "ok" if t in allowed else "forbidden"
    out["token_deactivated"] = "login"
    return out


# (method, endpoint) -> (url builder(world) -> str, expectations, form data or None)
Entry = tuple[Callable[[Any], str], dict[str, str], dict[str, Any] | None]
#: further probes of routes in MATRIX, on other objects: (method, endpoint, entry)
EXTRA: list[tuple[str, str, Entry]] = []

MATRIX: dict[tuple[str, str], Entry] = {
    ("GET", "home.index"): (lambda w: "/", public(), None),
    ("GET", "home.healthz"): (lambda w: "/healthz", public(), None),
    ("GET", "home.readyz"): (lambda w: "/readyz", public(), None),
    ("POST", "home.set_locale"): (lambda w: "/locale", public(), {"locale": "ru"}),
    ("GET", "auth.login"): (lambda w: "/auth/login", public(), None),
    # Wrong credentials: 401 on the login page; logged-in users are sent home first.
    ("POST", "auth.login"): (
        lambda w: "/auth/login",
        {**same("ok"), **dict.fromkeys(["visitor", "deactivated", *TOKEN_USERS], "login")},
        {"email": "nobody@example.org", "password": "x"},
    ),
    ("POST", "auth.logout"): (lambda w: "/auth/logout", members(), {}),
    ("GET", "auth.request_reset"): (lambda w: "/auth/reset", public(), None),
    # After asking for a reset link everybody is sent to the login page.
    ("POST", "auth.request_reset"): (
        lambda w: "/auth/reset",
        same("login"),
        {"email": "nobody@example.org"},
    ),
    ("GET", "auth.reset_password"): (lambda w: "/auth/reset/not-a-token", same("bad"), None),
    ("POST", "auth.reset_password"): (lambda w: "/auth/reset/not-a-token", same("bad"), {}),
    ("GET", "auth.accept_invitation"): (lambda w: "/auth/invitation/nope", same("bad"), None),
    ("POST", "auth.accept_invitation"): (lambda w: "/auth/invitation/nope", same("bad"), {}),
    ("GET", "auth.profile"): (lambda w: "/auth/profile", members(), None),
    ("POST", "auth.profile"): (lambda w: "/auth/profile", members(), {"name": "N"}),
    ("GET", "auth.change_password"): (lambda w: "/auth/password", members(), None),
    ("POST", "auth.change_password"): (lambda w: "/auth/password", members(), {}),
    ("POST", "auth.create_token"): (lambda w: "/auth/tokens", members(), {"name": "t"}),
    # A token of someone else is invisible: 404 for every other member.
    ("POST", "auth.revoke_token"): (
        lambda w: f"/auth/tokens/{w.fp_own_token_id}/revoke",
        {
            **members(),
            "observer": "notfound",
            "fp_other": "notfound",
            "fp_chair": "notfound",
            "admin": "notfound",
        },
        {},
    ),
    ("GET", "notifications.index"): (lambda w: "/notifications/", members(), None),
    ("POST", "notifications.mark_read"): (lambda w: "/notifications/read", members(), {}),
    ("GET", "admin.dashboard"): (lambda w: "/admin/", admins(), None),
    ("GET", "users_admin.index"): (lambda w: "/admin/users/", admins(), None),
    ("POST", "users_admin.index"): (lambda w: "/admin/users/", admins(), {}),
    ("GET", "users_admin.edit"): (
        lambda w: f"/admin/users/{w.users['observer'].id}",
        admins(),
        None,
    ),
    ("POST", "users_admin.edit"): (
        lambda w: f"/admin/users/{w.users['observer'].id}",
        admins(),
        {},
    ),
    ("POST", "users_admin.set_active"): (
        lambda w: f"/admin/users/{w.users['observer'].id}/active",
        admins(),
        {"active": "1"},
    ),
    ("POST", "users_admin.reinvite"): (
        lambda w: f"/admin/users/{w.users['observer'].id}/reinvite",
        admins(),
        {},
    ),
    ("GET", "states.index"): (lambda w: "/admin/states/", admins(), None),
    ("POST", "states.update"): (
        lambda w: f"/admin/states/{w.states['TM'].id}",
        admins(),
        {"rotation_position": "4", "is_active": "1"},
    ),
    ("GET", "audit.index"): (lambda w: "/admin/audit/", admins(), None),
    ("GET", "audit.export_csv"): (lambda w: "/admin/audit/audit.csv", admins(), None),
    ("GET", "apidoc.openapi"): (lambda w: "/api/v1/openapi.json", api_read(), None),
}


def _add_library() -> None:
    from tests.library.matrix_world import entries, extra

    MATRIX.update(entries())
    EXTRA.extend(extra())


_add_library()


def _add_rotation() -> None:
    from tests.rotation.matrix_world import entries

    MATRIX.update(entries(public, admins))


_add_rotation()


def _add_themes() -> None:
    from tests.themes.matrix_world import entries

    MATRIX.update(entries())


_add_themes()
