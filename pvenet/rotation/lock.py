"""One scheduler acts at a time, however many processes start one.

APScheduler cannot share its job store between processes, so every process that starts a
scheduler fires every job. The jobs therefore ask for this lock first and skip their run
when another process holds it:

- PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) held on a
  dedicated connection for as long as this process is the acting scheduler; it is freed
  when the process dies, whatever way it dies.
- SQLite (the embedded default, one machine): a lease row in ``scheduler_leases`` taken
  or renewed in one short write transaction; a holder that dies stops renewing and the
  lease expires, so another process takes over after ``lease`` at most.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from datetime import datetime, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import delete, insert, or_, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from ..extensions import db
from .models import SchedulerLease

log = logging.getLogger(__name__)

#: The advisory lock key: an arbitrary constant of this application ("pvenet" in ASCII).
ADVISORY_KEY = 0x7076656E6574
LEASE_NAME = "scheduler"


class SchedulerLock:
    def __init__(self, lease: timedelta = timedelta(seconds=120)) -> None:
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lease = lease
        self._conn: Any = None

    def acquire(self, now: datetime) -> bool:
        """Take (or keep) the lock; ``now`` is naive UTC. False: another process acts."""
        if db.engine.dialect.name == "postgresql":
            return self._advisory()
        return self._lease(now)

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                self._conn.commit()
            finally:
                self._conn.close()
                self._conn = None
            return
        if db.engine.dialect.name != "postgresql":
            table = SchedulerLease.__table__
            with db.engine.begin() as conn:
                conn.execute(
                    delete(table).where(table.c.name == LEASE_NAME, table.c.holder == self.holder)
                )

    # -- PostgreSQL ----------------------------------------------------------------------

    def _advisory(self) -> bool:
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT 1"))
                self._conn.commit()
                return True
            except OperationalError:  # the connection (and with it the lock) is gone
                self._conn = None
        conn = db.engine.connect()
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar()
        conn.commit()
        if got:
            self._conn = conn
            return True
        conn.close()
        return False

    # -- SQLite --------------------------------------------------------------------------

    def _lease(self, now: datetime) -> bool:
        table = SchedulerLease.__table__
        with db.engine.begin() as conn:
            taken = conn.execute(
                update(table)
                .where(
                    table.c.name == LEASE_NAME,
                    or_(table.c.holder == self.holder, table.c.expires_at < now),
                )
                .values(holder=self.holder, expires_at=now + self.lease)
            ).rowcount
        if taken:
            return True
        try:
            with db.engine.begin() as conn:
                conn.execute(
                    insert(table).values(
                        name=LEASE_NAME, holder=self.holder, expires_at=now + self.lease
                    )
                )
        except IntegrityError:
            return False
        return True


def lock_for(app: Flask) -> SchedulerLock:
    """This process's lock object (one per app)."""
    return app.extensions.setdefault("pvenet.rotation.lock", SchedulerLock())
