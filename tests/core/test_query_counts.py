"""Foundation pages run a fixed number of SQL statements whatever the number of rows."""

from __future__ import annotations

from pvenet.audit.services import record
from pvenet.auth.models import Role
from pvenet.notifications import services as notes
from tests.querycount import assert_no_n_plus_one


def test_users_page(client, auth, admin, make_user):
    auth.login(admin)

    def add(n):
        for i in range(n):
            make_user(Role.focal_point if i % 2 else Role.observer, "TJ" if i % 2 else None)

    assert_no_n_plus_one(client, "/admin/users/", add)


def test_audit_page(client, auth, admin, make_user, db):
    auth.login(admin)

    def add(n):
        for _ in range(n):
            record(make_user(), "test.event", None, object_type="thing", object_id=1)
        db.session.commit()

    assert_no_n_plus_one(client, "/admin/audit/", add)


def test_notifications_page(client, auth, focal_point, db):
    auth.login(focal_point)

    @notes.kind("test.count")
    def _render(params):
        return "Hello", "Body"

    def add(n):
        for _ in range(n):
            notes.notify(focal_point, "test.count", email=False)
        db.session.commit()

    try:
        assert_no_n_plus_one(client, "/notifications/", add)
    finally:
        notes._KINDS.pop("test.count", None)
