"""Pooled connections are pinged only after they sat idle (pvenet/pool.py), and a
connection the server dropped while it waited is replaced before a page uses it."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.conftest import is_postgres

pytestmark = pytest.mark.skipif(not is_postgres(), reason="a server connection to lose")


@pytest.fixture
def app_config(app_config, request):
    """``DB_PING_AFTER_IDLE`` as the test asks (parametrized indirectly), else the default."""
    if hasattr(request, "param"):
        app_config["DB_PING_AFTER_IDLE"] = request.param
    return app_config


@pytest.fixture
def pings(app, db, monkeypatch) -> list[int]:
    """Counts the pings of the app's engine."""
    dialect = db.engine.dialect
    original = dialect.do_ping
    count: list[int] = []

    def counted(dbapi_connection):
        count.append(1)
        return original(dbapi_connection)

    monkeypatch.setattr(dialect, "do_ping", counted)
    return count


def drop_the_pools_connections(db) -> None:
    """What a server restart does to the connections waiting in the pool."""
    outside = create_engine(db.engine.url, poolclass=NullPool)
    with outside.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    outside.dispose()


def test_a_busy_connection_is_not_pinged(app, client, pings):
    assert app.config["DB_PING_AFTER_IDLE"] == 10.0
    for _ in range(3):
        assert client.get("/library/").status_code == 200
    assert pings == []


@pytest.mark.parametrize("app_config", [0.0], indirect=True)
def test_a_connection_dropped_while_idle_is_replaced_before_use(app, client, db, pings):
    assert client.get("/library/").status_code == 200
    drop_the_pools_connections(db)
    time.sleep(0.05)
    page = client.get("/library/")
    assert page.status_code == 200
    assert pings
