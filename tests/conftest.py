"""Shared fixtures: app, db, client, runner, users of every role, a login helper.

The suite runs on in-memory SQLite by default; set ``PVENET_TEST_DATABASE_URL`` (e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/test``) to run it on PostgreSQL. There the
schema is built once per session and every table is emptied after each test.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import text

from pvenet import clock, create_app
from pvenet.auth.models import Role, User
from pvenet.auth.passwords import hash_password
from pvenet.extensions import db as _db
from pvenet.states.models import MemberState
from pvenet.states.services import ensure_member_states

PG_URL = os.environ.get("PVENET_TEST_DATABASE_URL")
PASSWORD = "correct-horse-battery"
_PASSWORD_HASH = hash_password(PASSWORD)  # hashed once: Argon2 is slow on purpose
_schema_ready = False


def is_postgres() -> bool:
    return bool(PG_URL)


def base_config(tmp_path) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": PG_URL or "sqlite://",
        "WTF_CSRF_ENABLED": False,
        "MAIL_BACKEND": "log",
        "SCHEDULER_MODE": "off",
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "RATELIMIT_ENABLED": False,
    }


def reset_schema(app: Flask) -> None:
    """Empty (PostgreSQL) or create (SQLite in memory) every table."""
    global _schema_ready
    with app.app_context():
        if not is_postgres():
            _db.create_all()
            return
        if not _schema_ready:
            _db.drop_all()
            with _db.engine.begin() as conn:
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
            _db.create_all()
            _schema_ready = True
        tables = ", ".join(f'"{t.name}"' for t in _db.metadata.sorted_tables)
        with _db.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def app_config(tmp_path) -> dict[str, Any]:
    """Override this (or update it) in a test module to change the configuration."""
    return base_config(tmp_path)


@pytest.fixture
def app(app_config) -> Iterator[Flask]:
    application = create_app(app_config)
    reset_schema(application)
    with application.app_context():
        yield application
        _db.session.remove()
        if not is_postgres():
            _db.drop_all()
        _db.engine.dispose()
    clock.set_now(None)
    _reset_hooks()


def _reset_hooks() -> None:
    """Process-wide hooks a test may have set (the library's chair provider)."""
    from pvenet.library.services import register_chair_provider

    register_chair_provider(None)


@pytest.fixture
def db(app):
    return _db


class FreshContextClient(FlaskClient):
    """Each request runs in its own app context, as in production.

    The ``app`` fixture keeps a context pushed for the test body; without this, requests
    would reuse it and share ``g`` (the cached locale, the current user) and the session.
    """

    def open(self, *args: Any, **kwargs: Any):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def client(app) -> FlaskClient:
    app.test_client_class = FreshContextClient
    return app.test_client()


@pytest.fixture
def runner(app) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def states(db) -> dict[str, MemberState]:
    result = {s.code: s for s in ensure_member_states()}
    db.session.commit()
    return result


@pytest.fixture
def make_user(db, states) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def _make(
        role: Role | str = Role.focal_point,
        state: str | None = "KZ",
        *,
        email: str | None = None,
        name: str | None = None,
        password: bool = True,
        locale: str | None = None,
        active: bool = True,
    ) -> User:
        role = Role(role)
        n = next(counter)
        user = User(
            email=email or f"{role.value}{n}@example.org",
            name=name or f"{role.value.replace('_', ' ').title()} {n}",
            role=role,
            state=states[state] if role == Role.focal_point and state else None,
            password_hash=_PASSWORD_HASH if password else None,
            locale=locale,
            is_active_flag=active,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return _make


@pytest.fixture
def admin(make_user) -> User:
    return make_user(Role.admin, email="admin@example.org", name="Ada Admin")


@pytest.fixture
def focal_point(make_user) -> User:
    return make_user(Role.focal_point, "KZ", email="fp.kz@example.org", name="Dana KZ")


@pytest.fixture
def other_focal_point(make_user) -> User:
    return make_user(Role.focal_point, "KG", email="fp.kg@example.org", name="Aida KG")


@pytest.fixture
def observer(make_user) -> User:
    return make_user(Role.observer, None, email="observer@example.org", name="Otto Observer")


class AuthActions:
    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, user_or_email: User | str, password: str = PASSWORD, **extra: Any):
        email = user_or_email if isinstance(user_or_email, str) else user_or_email.email
        return self._client.post(
            "/auth/login", data={"email": email, "password": password, **extra}
        )

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


def outbox(db) -> list:
    from pvenet.mail.models import OutboxMessage

    return list(db.session.scalars(_select_outbox(OutboxMessage)))


def _select_outbox(model):
    from sqlalchemy import select

    return select(model).order_by(model.id)


LINK_RE = re.compile(r"https?://\S+")


def link_in(body: str) -> str:
    """The path of the first link in an e-mail body."""
    m = LINK_RE.search(body)
    assert m, body
    return "/" + m.group(0).split("/", 3)[3]
