"""Many writers at once: nothing lost, no 'database is locked' and no 500 reaches a user."""

from __future__ import annotations

import threading

import pytest

from pvenet import create_app
from pvenet.auth.models import Role, User
from pvenet.auth.passwords import hash_password
from pvenet.extensions import db
from tests.conftest import PASSWORD, PG_URL, reset_schema


@pytest.fixture
def shared_app(tmp_path):
    """An app on a file database (SQLite) or PostgreSQL, shared by several threads."""
    url = PG_URL or f"sqlite:///{tmp_path}/concurrent.db"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "x",
            "TESTING": True,
            "SCHEDULER_MODE": "off",
            "WTF_CSRF_ENABLED": False,
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 10, "max_overflow": 10} if PG_URL else {},
        }
    )
    with app.app_context():
        if PG_URL:
            reset_schema(app)
        else:
            db.create_all()
        from pvenet.states.services import ensure_member_states

        ensure_member_states()
        db.session.add(
            User(
                email="admin@example.org",
                name="Admin",
                role=Role.admin,
                password_hash=hash_password(PASSWORD),
            )
        )
        db.session.commit()
        db.session.remove()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _run_threads(n, target):
    errors: list[BaseException] = []

    def wrapped(i):
        try:
            target(i)
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    if errors:
        raise errors[0]


def _admin_client(app):
    client = app.test_client()
    assert (
        client.post(
            "/auth/login", data={"email": "admin@example.org", "password": PASSWORD}
        ).status_code
        == 302
    )
    return client


def test_many_invitations_at_once_are_all_kept(shared_app):
    codes: list[int] = []

    def invite(i):
        client = _admin_client(shared_app)
        for j in range(5):
            res = client.post(
                "/admin/users/",
                data={
                    "email": f"user{i}-{j}@example.org",
                    "name": f"User {i}-{j}",
                    "role": "focal_point",
                    "state": "KZ",
                    "locale": "en",
                },
            )
            codes.append(res.status_code)

    _run_threads(8, invite)
    assert set(codes) == {302}, codes
    with shared_app.app_context():
        assert db.session.query(User).filter(User.role == Role.focal_point).count() == 40
        db.session.remove()


def test_same_email_invited_at_once_gives_one_user_and_clear_messages(shared_app):
    codes: list[int] = []
    barrier = threading.Barrier(6)

    def invite(i):
        client = _admin_client(shared_app)
        barrier.wait()
        res = client.post(
            "/admin/users/",
            data={
                "email": "same@example.org",
                "name": f"Same {i}",
                "role": "observer",
                "state": "",
                "locale": "ru",
            },
        )
        codes.append(res.status_code)
        assert res.status_code < 500
        if res.status_code == 409:
            assert "Someone else changed the same thing" in res.text
        elif res.status_code == 200:
            assert "already exists" in res.text

    _run_threads(6, invite)
    assert codes.count(302) == 1, codes
    with shared_app.app_context():
        assert db.session.query(User).filter_by(email="same@example.org").count() == 1
        db.session.remove()


def test_concurrent_profile_edits_never_fail(shared_app):
    codes: list[int] = []

    def edit(i):
        client = _admin_client(shared_app)
        for j in range(10):
            codes.append(
                client.post(
                    "/auth/profile",
                    data={"name": f"Admin {i}.{j}", "locale": "ru" if j % 2 else "en"},
                ).status_code
            )

    _run_threads(6, edit)
    assert set(codes) == {302}, codes
