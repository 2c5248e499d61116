"""The few reads every request makes before its own work, outside a transaction.

A signed-in request reads its user, and a kept page reads the content version and the
unread count, before the page does anything of its own. Through the session each of them
would open a transaction: on PostgreSQL a ``BEGIN`` and a ``ROLLBACK`` round trip around
them, each waking a server process on the same cores as the workers. They read one row
each and need no transaction: under PostgreSQL's READ COMMITTED every statement sees its
own snapshot anyway. So until the session has begun a transaction of its own, they run on
one pooled connection in autocommit, checked out once per request (:func:`connection`).
Once the session has begun, they run inside its transaction, as any other read.

Writes never go through this connection: the session and its one commit at the edge are
unchanged.
"""

from __future__ import annotations

from typing import Any, TypeVar

from flask import Flask, g, has_request_context
from sqlalchemy import Connection, event
from sqlalchemy.orm import Session, SessionTransaction

from .extensions import db

T = TypeVar("T")

_BEGUN = "pvenet.reads.begun"
_CONNECTION = "pvenet_autocommit_reads"  # this request's connection, in flask.g


@event.listens_for(Session, "after_begin")
def _begun(session: Session, _transaction: Any, _connection: Connection) -> None:
    # Fired when the session's transaction takes a connection (not at its "autobegin",
    # which a merge or an add does without any SQL).
    session.info[_BEGUN] = True


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_BEGUN, None)


def through_session() -> bool:
    """Whether these reads go through the session: once it holds a database transaction
    (it has read or written), outside a request (a command, a job, a test), and on
    SQLite, whose driver opens a transaction only before a write (nothing to spare) and
    whose in-memory database is one shared connection (autocommit on it would reach the
    session's writes)."""
    return (
        not has_request_context()
        or db.engine.dialect.name == "sqlite"
        or bool(db.session().info.get(_BEGUN))
    )


def connection() -> Connection:
    """The session's connection inside its transaction if it has begun one; otherwise this
    request's autocommit connection (closed when the request ends)."""
    return db.session.connection() if through_session() else _autocommit()


def _autocommit() -> Connection:
    conn = g.get(_CONNECTION)
    if conn is None:
        conn = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        setattr(g, _CONNECTION, conn)
    return conn


def get(model: type[T], ident: Any) -> T | None:
    """``db.session.get(model, ident)`` without opening the session's transaction.

    The row is read on :func:`connection` and the object handed to the session as it is
    (``merge(load=False)``: no second query), so changes to it are flushed and committed
    by the session as usual.
    """
    session = db.session()
    if through_session():
        return session.get(model, ident)
    with Session(bind=_autocommit(), expire_on_commit=False) as reader:
        found = reader.get(model, ident)
        return None if found is None else session.merge(found, load=False)


def close(_exc: BaseException | None = None) -> None:
    conn = g.pop(_CONNECTION, None)
    if conn is not None:
        conn.close()


def init_app(app: Flask) -> None:
    app.teardown_request(close)
