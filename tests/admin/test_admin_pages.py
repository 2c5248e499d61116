"""Admin pages: users, permissions, the audit log, and the admin CLI."""

from __future__ import annotations

import csv
import io

import pytest

from pvenet.audit.models import AuditEvent
from pvenet.auth.models import Role, User


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/users/", "/admin/states/", "/admin/audit/", "/admin/audit/audit.csv"],
)
def test_admin_pages_need_an_admin(client, auth, focal_point, observer, path):
    res = client.get(path)
    assert res.status_code == 302 and "/auth/login" in res.headers["Location"]
    for user in (focal_point, observer):
        auth.login(user)
        res = client.get(path, headers={"Accept-Language": "en"})
        assert res.status_code == 403
        if not path.endswith(".csv"):
            assert "This page needs an administrator" in res.text
        auth.logout()


def test_403_page_says_what_is_needed_in_russian(client, auth, focal_point):
    auth.login(focal_point)
    res = client.get("/admin/users/", headers={"Accept-Language": "ru"})
    # The user's own setting is empty, so Accept-Language decides.
    assert res.status_code == 403
    assert "Доступ запрещён" in res.text or "Доступ запрещен" in res.text
    assert "администратор" in res.text


def test_admin_sees_everything(client, auth, admin):
    auth.login(admin)
    for path in ["/admin/", "/admin/users/", "/admin/states/", "/admin/audit/"]:
        assert client.get(path).status_code == 200


def test_change_role_requires_state_for_focal_points(client, auth, admin, observer, db):
    auth.login(admin)
    res = client.post(f"/admin/users/{observer.id}", data={"role": "focal_point", "state": ""})
    assert "A focal point must belong to a member state." in res.text
    res = client.post(f"/admin/users/{observer.id}", data={"role": "focal_point", "state": "UZ"})
    assert res.status_code == 302
    db.session.refresh(observer)
    assert observer.role == Role.focal_point and observer.state.code == "UZ"
    event = db.session.query(AuditEvent).filter_by(action="auth.role_changed").one()
    assert event.details == {"before": ["observer", None], "after": ["focal_point", "UZ"]}


def test_admin_cannot_deactivate_or_demote_themselves(client, auth, admin, db):
    auth.login(admin)
    res = client.post(
        f"/admin/users/{admin.id}/active", data={"active": "0"}, follow_redirects=True
    )
    assert "You cannot deactivate your own account." in res.text
    res = client.post(f"/admin/users/{admin.id}", data={"role": "observer", "state": ""})
    assert "You cannot take the admin role from yourself." in res.text
    db.session.refresh(admin)
    assert admin.is_active and admin.role == Role.admin


def test_invite_refuses_duplicate_email_and_keeps_the_input(client, auth, admin, focal_point):
    auth.login(admin)
    res = client.post(
        "/admin/users/",
        data={
            "email": "FP.KZ@example.org",
            "name": "Typed Name",
            "role": "observer",
            "state": "",
            "locale": "en",
        },
    )
    assert "A user with this e-mail address already exists." in res.text
    assert 'value="Typed Name"' in res.text


def test_deactivate_and_reactivate(client, auth, admin, focal_point, db):
    auth.login(admin)
    client.post(f"/admin/users/{focal_point.id}/active", data={"active": "0"})
    db.session.refresh(focal_point)
    assert not focal_point.is_active
    client.post(f"/admin/users/{focal_point.id}/active", data={"active": "1"})
    db.session.refresh(focal_point)
    assert focal_point.is_active
    actions = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions[-2:] == ["auth.deactivated", "auth.activated"]


def test_audit_log_filters_and_csv(client, auth, admin, focal_point, db):
    auth.login(focal_point)
    auth.logout()
    auth.login(admin)
    res = client.get("/admin/audit/", query_string={"action": "auth.logout"})
    assert "auth.logout" in res.text and "auth.login_failed" not in res.text
    res = client.get("/admin/audit/", query_string={"actor": focal_point.id})
    assert "fp.kz@example.org" in res.text
    res = client.get("/admin/audit/", query_string={"from": "not-a-date"})
    assert res.status_code == 400 and "YYYY-MM-DD" in res.text
    res = client.get("/admin/audit/audit.csv", query_string={"actor": focal_point.id})
    assert res.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(res.text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["time_utc", "actor", "action"]
    assert {r[2] for r in rows[1:]} == {"auth.login", "auth.logout"}


def test_create_admin_command(runner, db, states):
    res = runner.invoke(
        args=["pvenet", "create-admin", "--email", "Boss@Example.org", "--name", "Boss"],
        input="long-enough-pass\nlong-enough-pass\n",
    )
    assert res.exit_code == 0, res.output
    user = db.session.query(User).filter_by(email="boss@example.org").one()
    assert user.role == Role.admin and user.has_password
    res = runner.invoke(
        args=["pvenet", "create-admin", "--email", "boss@example.org", "--name", "Boss"],
        input="long-enough-pass\nlong-enough-pass\n",
    )
    assert res.exit_code != 0 and "already exists" in res.output


def test_seed_demo_once(runner, db):
    res = runner.invoke(args=["pvenet", "seed-demo"])
    assert res.exit_code == 0, res.output
    assert "admin@demo.pvenet.org" in res.output
    counts = {r: db.session.query(User).filter_by(role=r).count() for r in Role}
    assert counts == {Role.admin: 1, Role.observer: 1, Role.focal_point: 10}
    for code in ("KZ", "KG", "TJ", "TM", "UZ"):
        assert db.session.query(User).filter(User.state.has(code=code)).count() == 2
    res = runner.invoke(args=["pvenet", "seed-demo"])
    assert res.exit_code != 0 and "only once" in res.output
