"""The scheduler's work: idempotent, catching up in order, each notice once, crash-safe."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from pvenet import clock
from pvenet.audit.models import AuditEvent
from pvenet.auth.models import Role
from pvenet.mail.models import OutboxMessage
from pvenet.notifications.models import Notification
from pvenet.rotation.jobs import run_reconcile
from pvenet.rotation.models import ChairTerm, RotationMarker, TermStatus
from pvenet.rotation.services import elections as el
from pvenet.rotation.services.reconcile import reconcile


@pytest.fixture
def people(make_user, admin):
    fps = {code: make_user(Role.focal_point, code) for code in ("KZ", "KG", "TJ", "TM", "UZ")}
    return {"admin": admin, **fps}


def tick(db, day: date, commit=None) -> list[str]:
    now = datetime.combine(day, datetime.min.time())
    done = reconcile(day, now, commit or db.session.commit)
    db.session.commit()
    return done


def count(db, model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def notices(db, kind: str) -> int:
    return count(db, Notification, Notification.kind == kind)


def term(db, sequence: int) -> ChairTerm:
    return db.session.scalar(select(ChairTerm).where(ChairTerm.sequence == sequence))


def snapshot(db):
    return (
        count(db, Notification),
        count(db, OutboxMessage),
        count(db, RotationMarker),
        count(db, AuditEvent),
        [(t.sequence, t.status, t.state_id) for t in db.session.scalars(select(ChairTerm))],
    )


def test_term_one_without_election_falls_back_to_rotation_and_admins_are_told(db, policy, people):
    done = tick(db, date(2019, 7, 1))
    assert "term 1 (KZ) activated" in done
    t1 = term(db, 1)
    assert t1.status == TermStatus.active and t1.selection == "rotation_no_election"
    assert term(db, 0).status == TermStatus.completed
    assert notices(db, "rotation.no_election_result") == 1  # one admin
    assert notices(db, "rotation.handover") == len(people)


def _election(db, people):
    e = el.open_election(
        people["admin"],
        term_sequence=1,
        closes_at=datetime(2019, 6, 30, 12),
        now=datetime(2019, 6, 1),
        today=date(2019, 6, 1),
    )
    db.session.commit()
    return e


def test_a_catch_up_closes_the_election_before_the_handover(db, policy, people, states):
    e = _election(db, people)
    for voter in ("KZ", "KG", "TJ"):
        el.cast_ballot(
            people[voter], e, state=states[voter], candidate=states["KG"], now=datetime(2019, 6, 2)
        )
    db.session.commit()
    done = tick(db, date(2019, 7, 3))  # the scheduler was down over the closing and handover
    assert done.index("closed election 1: closed") < done.index("term 1 (KG) activated")
    assert e.status == "closed" and e.winner.code == "KG"
    assert term(db, 1).selection == "election" and term(db, 2).state.code == "TJ"


def test_a_term_starting_without_result_falls_back_to_rotation(db, policy, people):
    e = _election(db, people)
    done = tick(db, date(2019, 7, 1))
    assert "closed election 1: tied" in done  # no ballot at all: nobody leads
    assert e.status == "lapsed"
    assert term(db, 1).selection == "rotation_no_election" and term(db, 1).state.code == "KZ"
    assert notices(db, "rotation.no_election_result") == 1


def test_running_twice_changes_nothing_and_notifies_once(db, policy, people):
    tick(db, date(2019, 7, 1))
    first = snapshot(db)
    assert tick(db, date(2019, 7, 1)) == []
    assert snapshot(db) == first
    assert notices(db, "rotation.handover") == len(people)
    assert count(db, OutboxMessage, OutboxMessage.subject.like("Handover%")) == len(people)


def test_catch_up_after_fourteen_months_applies_both_handovers_in_order(db, policy, people):
    tick(db, date(2019, 10, 1))  # term 1 (KZ) under way
    before = notices(db, "rotation.handover")
    done = tick(db, date(2020, 12, 1))  # down since: missed 2020-01-01 and 2020-07-01
    activated = [line for line in done if line.endswith("activated")]
    assert activated == ["term 2 (KG) activated", "term 3 (TJ) activated"]
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "rotation.handover").order_by(AuditEvent.id)
    ).all()
    assert [e.details["sequence"] for e in events] == [0, 1, 2, 3]
    assert notices(db, "rotation.handover") - before == 2 * len(people)
    assert [term(db, n).status for n in (1, 2, 3)] == ["completed", "completed", "active"]
    assert tick(db, date(2020, 12, 1)) == []
    assert notices(db, "rotation.handover") - before == 2 * len(people)


def test_the_incoming_chair_is_reminded_at_each_offset_once(db, policy, people):
    tick(db, date(2019, 12, 1))  # 31 days before KG's term 2: nothing yet
    assert notices(db, "rotation.incoming") == 0
    tick(db, date(2019, 12, 2))  # 30 days
    tick(db, date(2019, 12, 3))
    assert notices(db, "rotation.incoming") == 1
    mine = db.session.scalar(select(Notification).where(Notification.kind == "rotation.incoming"))
    assert mine.user_id == people["KG"].id and mine.params["days"] == 30
    tick(db, date(2019, 12, 25))  # 7 days
    tick(db, date(2019, 12, 26))
    assert notices(db, "rotation.incoming") == 2


def test_after_downtime_only_the_latest_reminder_is_sent(db, policy, people):
    tick(db, date(2019, 12, 28))  # both offsets passed unseen
    assert notices(db, "rotation.incoming") == 1


def test_the_clock_set_back_neither_undoes_nor_repeats_a_handover(db, policy, people):
    tick(db, date(2020, 1, 2))
    first = snapshot(db)
    assert tick(db, date(2019, 12, 30)) == []
    assert snapshot(db) == first
    assert term(db, 2).status == TermStatus.active


class Crash(Exception):
    pass


def test_a_crash_after_the_first_side_effect_is_finished_by_the_next_run(db, policy, people):
    calls = {"n": 0}

    def crashing_commit():
        db.session.commit()
        calls["n"] += 1
        if calls["n"] == 3:
            raise Crash

    with pytest.raises(Crash):
        tick(db, date(2020, 7, 2), commit=crashing_commit)
    db.session.rollback()
    partial = notices(db, "rotation.handover")
    assert 0 < partial < 3 * len(people) or count(db, RotationMarker) > 0
    tick(db, date(2020, 7, 2))
    # each of the three handovers (terms 1, 2, 3) told each user exactly once
    assert notices(db, "rotation.handover") == 3 * len(people)
    keys = db.session.scalars(select(Notification.dedup_key)).all()
    assert len(keys) == len(set(keys))
    assert [term(db, n).status for n in (1, 2, 3)] == ["completed", "completed", "active"]


def test_the_handover_minute_in_almaty(app, db, policy, people, states):
    tick(db, date(2026, 12, 31))
    # 2027-01-01 00:00 in Almaty (UTC+5) is 2026-12-31 19:00 UTC
    clock.set_now(datetime(2026, 12, 31, 18, 59, tzinfo=UTC))
    done = run_reconcile(app)
    assert not any("16" in line and "activated" in line for line in done)
    assert db.session.get(ChairTerm, term(db, 15).id).status == TermStatus.active
    clock.set_now(datetime(2026, 12, 31, 19, 0, tzinfo=UTC))
    done = run_reconcile(app)
    assert "term 16 (KZ) activated" in done
    db.session.expire_all()
    assert term(db, 16).status == TermStatus.active and term(db, 15).status == "completed"


def test_cli_tick_and_show(runner, policy, people):
    res = runner.invoke(args=["rotation", "tick", "--today", "2019-07-01"])
    assert res.exit_code == 0, res.output
    assert "term 1 (KZ) activated" in res.output
    again = runner.invoke(args=["rotation", "tick", "--today", "2019-07-01"])
    assert "Nothing to do." in again.output
    show = runner.invoke(args=["rotation", "show", "--cycles", "2", "--today", "2026-08-01"])
    assert show.exit_code == 0, show.output
    lines = [line for line in show.output.splitlines() if "2026-07-01 .. 2026-12-31" in line]
    assert lines and "UZ" in lines[0] and lines[0].startswith("*")
    assert "2031-07-01" in show.output  # two cycles ahead: term 25


def test_cli_tick_refuses_a_bad_date(runner, policy):
    res = runner.invoke(args=["rotation", "tick", "--today", "2019-13-01"])
    assert res.exit_code != 0 and "Invalid value" in res.output
