"""Real scheduler processes: two at once (exactly one acts), one killed mid-reconcile."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pvenet import clock, create_app
from pvenet.auth.models import Role, User
from pvenet.extensions import db
from pvenet.notifications.models import Notification
from pvenet.rotation.jobs import run_reconcile
from pvenet.rotation.lock import lock_for
from pvenet.rotation.models import ChairTerm, RotationMarker
from pvenet.rotation.services.store import create_policy
from pvenet.states.services import ensure_member_states
from tests.conftest import PG_URL, reset_schema

ROOT = Path(__file__).resolve().parents[2]
USERS = 6
# 2020-07-02 00:00 in Almaty: terms 1, 2 and 3 have started since the set-up.
INSTANT = datetime(2020, 7, 1, 19, 0, tzinfo=UTC)


@pytest.fixture
def world(tmp_path):
    url = PG_URL or f"sqlite:///{tmp_path}/scheduler.db"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "x",
            "TESTING": True,
            "SCHEDULER_MODE": "off",
            "MAIL_BACKEND": "log",
        }
    )
    with app.app_context():
        if PG_URL:
            reset_schema(app)
        else:
            db.create_all()
        states = {s.code: s for s in ensure_member_states()}
        for n in range(USERS):
            code = ["KZ", "KG", "TJ", "TM", "UZ", None][n]
            db.session.add(
                User(
                    email=f"u{n}@example.org",
                    name=f"U{n}",
                    role=Role.focal_point if code else Role.admin,
                    state=states[code] if code else None,
                )
            )
        create_policy(None, anchor_on=date(2019, 1, 1), order=list(states), today=date(2019, 1, 1))
        db.session.commit()
        yield app, url
        lock_for(app).release()
        db.session.remove()
        if not PG_URL:
            db.drop_all()
        db.engine.dispose()
    clock.set_now(None)


def spawn(url: str, mode: str, instant: datetime = INSTANT) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.rotation.scheduler_child", url, instant.isoformat(), mode],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def results(proc: subprocess.Popen) -> list[str]:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-3000:]
    return [line.split()[1] for line in out.splitlines() if line.startswith("RESULT")]


def handover_notices() -> int:
    db.session.expire_all()
    return db.session.scalar(
        select(func.count(Notification.id)).where(Notification.kind == "rotation.handover")
    )


def test_two_schedulers_started_at_once_one_acts(world):
    app, url = world
    first, second = spawn(url, "hold"), spawn(url, "hold")
    outcome = sorted(results(first) + results(second))
    assert outcome == ["acted", "skipped"]
    assert handover_notices() == 3 * USERS  # terms 1, 2, 3: each user told once each
    keys = db.session.scalars(select(RotationMarker.key)).all()
    assert len(keys) == len(set(keys))


def test_a_scheduler_killed_mid_reconcile_leaves_work_the_next_run_finishes(world):
    app, url = world
    child = spawn(url, "crash-after=6")
    assert child.stdout.readline().strip() == "COMMITTED"
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    partial = handover_notices()
    assert 0 < partial < 3 * USERS
    # the dead process's lease (SQLite) expires; PostgreSQL freed the lock at once
    clock.set_now(INSTANT + timedelta(minutes=5))
    done = run_reconcile(app)
    assert done, "the next scheduler must act"
    assert handover_notices() == 3 * USERS
    keys = db.session.scalars(select(Notification.dedup_key)).all()
    assert len(keys) == len(set(keys))
    terms = db.session.scalars(select(ChairTerm).order_by(ChairTerm.sequence))
    statuses = [t.status for t in terms]
    assert statuses[:4] == ["completed", "completed", "completed", "active"]
    assert run_reconcile(app) == []  # and a further run has nothing left to do
