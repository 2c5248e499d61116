"""Pooled database connections are checked before use only after they sat idle.

SQLAlchemy's ``pool_pre_ping`` sends a ping on every checkout: on PostgreSQL a round trip
per request, a fifth of a signed-in page's time when the pages come from the page cache
(``bench/RESULTS.md``). What the ping guards against is a connection the server dropped
(a restart, a failover, an idle timeout), which happens while the connection waits in the
pool. So a connection is pinged when it has been idle longer than ``DB_PING_AFTER_IDLE``
seconds (default 10); a busy worker's connections are not. A dead one is replaced before
the request uses it (the pool retries the checkout), as with ``pool_pre_ping``.

Not for SQLite: there is no server to lose.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask
from sqlalchemy import Engine, event, exc

from .extensions import db

_RETURNED = "pvenet.pool.returned"


def init_app(app: Flask) -> None:
    app.config.setdefault("DB_PING_AFTER_IDLE", 10.0)
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        return
    install(engine, float(app.config["DB_PING_AFTER_IDLE"]))


def install(engine: Engine, after_idle: float) -> None:
    """Ping a connection at checkout when it was returned more than ``after_idle`` s ago."""

    def note_returned(_dbapi_connection: Any, record: Any, *_args: Any) -> None:
        record.info[_RETURNED] = time.monotonic()

    def ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get(_RETURNED)
        if returned is None or time.monotonic() - returned <= after_idle:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool discards this connection and checks out another.
            raise exc.DisconnectionError(str(error)) from error

    event.listen(engine, "connect", note_returned)  # a new connection needs no ping
    event.listen(engine, "checkin", note_returned)
    event.listen(engine, "checkout", ping_if_idle)
