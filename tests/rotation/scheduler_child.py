"""A scheduler process for the multi-process tests: ``python -m tests.rotation.scheduler_child``.

Arguments: database URL, the instant (ISO, UTC) the clock is frozen at, a mode:
- ``hold``: take the scheduler lock, reconcile, print ``RESULT acted|skipped``, then keep
  the lock for a few seconds as a running scheduler would;
- ``crash-after=N``: reconcile, and after the N-th commit print ``COMMITTED`` and wait to
  be killed (the parent sends SIGKILL).
"""

from __future__ import annotations

import sys
import time
from datetime import datetime

from pvenet import clock, create_app
from pvenet.extensions import db
from pvenet.rotation.jobs import run_reconcile
from pvenet.rotation.lock import lock_for
from pvenet.rotation.services.queries import get_policy, local_day
from pvenet.rotation.services.reconcile import reconcile


def main(url: str, instant: str, mode: str) -> None:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "x",
            "TESTING": True,
            "SCHEDULER_MODE": "off",
            "MAIL_BACKEND": "log",
        }
    )
    clock.set_now(datetime.fromisoformat(instant))
    if mode == "hold":
        done = run_reconcile(app)
        print("RESULT", "skipped" if done is None else "acted", flush=True)
        time.sleep(4)
        return
    crash_after = int(mode.split("=", 1)[1])
    commits = {"n": 0}

    def commit() -> None:
        db.session.commit()
        commits["n"] += 1
        if commits["n"] == crash_after:
            print("COMMITTED", flush=True)
            time.sleep(120)  # killed here

    with app.app_context():
        if not lock_for(app).acquire(clock.utcnow_naive()):
            print("RESULT skipped", flush=True)
            return
        today = local_day(clock.now(), get_policy().timezone)
        reconcile(today, clock.utcnow_naive(), commit)
        db.session.commit()
    print("RESULT finished", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
