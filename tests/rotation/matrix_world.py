"""The rotation's part of the permission matrix (tests/hardening/matrix.py).

:func:`rot` sets up, once per world, the rotation policy (anchor 2019-01-01, default
order, so Uzbekistan, the state of ``fp_chair``, chairs in the second half of 2026) and an
open election for a later term.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from pvenet import clock
from pvenet.extensions import db
from pvenet.rotation.services.elections import open_election
from pvenet.rotation.services.store import create_policy

ORDER = ["KZ", "KG", "TJ", "TM", "UZ"]


def setup_rotation(admin: Any) -> int:
    """Set the rotation up as of today, with an election open; returns the election's id."""
    today = clock.today("Asia/Almaty")
    create_policy(None, anchor_on=date(2019, 1, 1), order=list(ORDER), today=today)
    from pvenet.rotation.services.queries import current_term

    election = open_election(
        admin,
        term_sequence=current_term(today).sequence + 2,
        closes_at=clock.utcnow_naive() + timedelta(days=20),
        now=clock.utcnow_naive(),
        today=today,
    )
    db.session.commit()
    return election.id


def rot(w: Any) -> SimpleNamespace:
    if not hasattr(w, "rotation"):
        w.rotation = SimpleNamespace(election=setup_rotation(w.users["admin"]))
    return w.rotation


def entries(public, admins) -> dict[tuple[str, str], tuple[Any, dict[str, str], Any]]:
    def fixed(path: str) -> Any:
        return lambda w: (rot(w), path)[1]

    def election(suffix: str = "", admin: bool = False) -> Any:
        prefix = "/admin/rotation" if admin else "/rotation"
        return lambda w: f"{prefix}/elections/{rot(w).election}{suffix}"

    admin_bad = {**admins(), "admin": "bad"}  # an empty form is refused with a 400
    policy = {
        "anchor_on": "2019-01-01",
        "term_months": "6",
        "timezone": "Asia/Almaty",
        "reminder_days": "30, 7",
    }
    return {
        ("GET", "rotation.timeline"): (fixed("/rotation/"), public(), None),
        ("GET", "rotation.election"): (election(), public(), None),
        # focal points vote for their state; everyone else just sees the page again
        ("POST", "rotation.election"): (election(), public(), {"candidate": "KZ"}),
        ("GET", "rotation_admin.index"): (fixed("/admin/rotation/"), admins(), None),
        ("GET", "rotation_admin.policy"): (fixed("/admin/rotation/policy"), admins(), None),
        ("POST", "rotation_admin.policy"): (fixed("/admin/rotation/policy"), admins(), policy),
        ("GET", "rotation_admin.new_election"): (
            fixed("/admin/rotation/elections/new"),
            admins(),
            None,
        ),
        ("POST", "rotation_admin.new_election"): (
            fixed("/admin/rotation/elections/new"),
            admin_bad,
            {},
        ),
        ("GET", "rotation_admin.election"): (election(admin=True), admins(), None),
        ("POST", "rotation_admin.close_election"): (
            election("/close", admin=True),
            admins(),
            {},
        ),
        ("POST", "rotation_admin.break_tie"): (election("/tie", admin=True), admins(), {}),
        ("GET", "rotation_admin.override"): (
            fixed("/admin/rotation/overrides/waive"),
            admins(),
            None,
        ),
        ("POST", "rotation_admin.override"): (
            fixed("/admin/rotation/overrides/waive"),
            admin_bad,
            {},
        ),
        ("GET", "rotation_api.terms"): (fixed("/api/v1/terms"), public(), None),
        ("GET", "rotation_api.chair"): (fixed("/api/v1/chair"), public(), None),
        ("GET", "rotation_calendar.feed"): (fixed("/calendar/rotation.ics"), public(), None),
    }
