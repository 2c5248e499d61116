"""The scheduler's wiring: which jobs exist and when the handover job fires."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import func, select

from pvenet import clock
from pvenet.auth.models import Role
from pvenet.notifications.models import Notification
from pvenet.rotation.jobs import HANDOVER_JOB_ID, next_handover
from pvenet.rotation.services import elections as el
from pvenet.rotation.services.reconcile import reconcile
from pvenet.scheduler import configure


def test_jobs_daily_at_start_up_and_at_the_next_handover(app, policy):
    clock.set_now(datetime(2026, 8, 1, 7, 0, tzinfo=UTC))
    scheduler = BackgroundScheduler(timezone="UTC")
    configure(scheduler, app)  # not started: tests never run the scheduler
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert {"rotation.reconcile", "rotation.lease", "rotation.catch_up", HANDOVER_JOB_ID} <= set(
        jobs
    )
    handover = jobs[HANDOVER_JOB_ID].trigger.run_date
    assert handover == datetime(2026, 12, 31, 19, 0, tzinfo=UTC)  # midnight in Almaty
    assert jobs[HANDOVER_JOB_ID].misfire_grace_time is None
    assert next_handover(app) == handover


def test_voters_are_reminded_a_day_before_closing_once(db, policy, admin, make_user):
    fps = [make_user(Role.focal_point, code) for code in ("KZ", "KG")]
    e = el.open_election(
        admin, term_sequence=1, closes_at=datetime(2019, 6, 20, 12), now=datetime(2019, 6, 1),
        today=date(2019, 6, 1),
    )  # fmt: skip
    db.session.commit()

    def run(at: datetime) -> int:
        reconcile(at.date(), at, db.session.commit)
        return db.session.scalar(
            select(func.count(Notification.id)).where(
                Notification.kind == "rotation.election_closing"
            )
        )

    assert run(e.closes_at - timedelta(hours=25)) == 0
    assert run(e.closes_at - timedelta(hours=23)) == len(fps)
    assert run(e.closes_at - timedelta(hours=1)) == len(fps)
