"""Counting SQL statements per request, to catch N+1 queries."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event

from pvenet.extensions import db


@contextmanager
def count_queries() -> Iterator[list[str]]:
    statements: list[str] = []

    def _count(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("PRAGMA", "SAVEPOINT", "RELEASE")):
            statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", _count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", _count)


def queries_for(client, path: str) -> int:
    with count_queries() as statements:
        res = client.get(path)
    assert res.status_code == 200, (path, res.status_code)
    return len(statements)


def assert_no_n_plus_one(client, path: str, add_rows: Callable[[int], None], n: int = 5) -> None:
    """The page's statement count must not grow with the number of rows it shows."""
    add_rows(n)
    first = queries_for(client, path)
    add_rows(n)
    second = queries_for(client, path)
    assert second == first, f"{path}: {first} statements for {n} rows, {second} for {2 * n}"
