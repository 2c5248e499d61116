"""The rotation's scheduled jobs: a daily reconcile, one at each handover, one at start-up.

Every run first takes the scheduler lock (:mod:`.lock`): when another process holds it,
the run does nothing. The work itself is :func:`services.reconcile.reconcile`, which is
idempotent and commits after each side effect, so a run twice changes nothing and a run
killed halfway is finished by the next one.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

from apscheduler.schedulers.base import BaseScheduler
from flask import Flask

from .. import clock
from ..extensions import db
from ..scheduler import STARTUP_HOOKS, job
from .lock import lock_for
from .services.queries import get_policy, handover_instant, load_schedule
from .services.reconcile import reconcile

log = logging.getLogger(__name__)

HANDOVER_JOB_ID = "rotation.handover"
CATCH_UP_JOB_ID = "rotation.catch_up"
_SCHEDULER_KEY = "pvenet.rotation.scheduler"


def run_reconcile(app: Flask, *, today: date | None = None) -> list[str] | None:
    """Reconcile as of ``today`` (default: today in the handover time zone).

    Returns what was done, or ``None`` when another scheduler holds the lock.
    """
    with app.app_context():
        try:
            if not lock_for(app).acquire(clock.utcnow_naive()):
                log.info("rotation: another scheduler is acting; this run does nothing")
                return None
            policy = get_policy()
            if policy is None:
                return []
            if today is None:
                today = clock.today(policy.timezone)
                now = clock.utcnow_naive()
            else:
                now = handover_instant(today).astimezone(UTC).replace(tzinfo=None)
            done = reconcile(today, now, db.session.commit)
            db.session.commit()
            for line in done:
                log.info("rotation: %s", line)
            return done
        except Exception:
            db.session.rollback()
            raise
        finally:
            db.session.remove()


@job("rotation.reconcile", "cron", hour=0, minute=5)
def daily_reconcile(app: Flask) -> list[str] | None:
    """Once a day (00:05 UTC): everything that follows from the dates."""
    done = run_reconcile(app)
    schedule_next_handover(app)
    return done


@job("rotation.lease", "interval", seconds=30)
def keep_lease(app: Flask) -> bool:
    """Renew the scheduler lock so that the acting process stays the one acting."""
    with app.app_context():
        try:
            return lock_for(app).acquire(clock.utcnow_naive())
        finally:
            db.session.remove()


def handover_job(app: Flask) -> list[str] | None:
    """At the handover instant (midnight in the handover time zone)."""
    done = run_reconcile(app)
    schedule_next_handover(app)
    return done


def next_handover(app: Flask) -> datetime | None:
    """The next handover instant after now (aware), or ``None`` without a policy."""
    with app.app_context():
        try:
            schedule = load_schedule()
            if schedule is None:
                return None
            today = clock.today(schedule.tz)
            current = schedule.slot_on(today)
            day = current.ends_on + timedelta(days=1) if current else schedule.slots[0].starts_on
            return schedule.handover_instant(day)
        finally:
            db.session.remove()


def schedule_next_handover(app: Flask) -> None:
    scheduler: BaseScheduler | None = app.extensions.get(_SCHEDULER_KEY)
    instant = next_handover(app)
    if scheduler is None or instant is None:
        return
    scheduler.add_job(
        handover_job,
        "date",
        run_date=instant,
        args=[app],
        id=HANDOVER_JOB_ID,
        replace_existing=True,
        misfire_grace_time=None,
        coalesce=True,
    )


def _on_start(app: Flask, scheduler: BaseScheduler) -> None:
    """At start-up: catch up on every missed handover now, then wait for the next one."""
    app.extensions[_SCHEDULER_KEY] = scheduler
    scheduler.add_job(
        run_reconcile,
        "date",
        run_date=clock.now(),
        args=[app],
        id=CATCH_UP_JOB_ID,
        replace_existing=True,
        misfire_grace_time=None,
    )
    schedule_next_handover(app)


STARTUP_HOOKS.append(_on_start)
