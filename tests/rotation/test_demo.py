"""The demo data: the rotation since 2019, so that today's chair follows from the rules."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from pvenet import clock
from pvenet.demo import seed
from pvenet.notifications.models import Notification
from pvenet.rotation.models import Election, TermStatus
from pvenet.rotation.services import queries as q
from pvenet.rotation.services.reconcile import reconcile


def test_demo_rotation(app, db):
    clock.set_now(datetime(2026, 8, 1, 7, 0, tzinfo=UTC))
    seed()
    db.session.commit()
    today = date(2026, 8, 1)
    election = db.session.scalar(select(Election))
    assert election.winner.code == "KZ" and election.closes_at.month == 6
    assert len(election.ballots) == 5
    t1 = q.term_by_sequence(1, today)
    assert (t1.state_code, t1.selection, t1.starts_on) == ("KZ", "election", date(2019, 7, 1))
    current = q.current_term(today)
    assert (current.sequence, current.state_code) == (15, "UZ")
    assert current.ends_on == date(2026, 12, 31) and not current.is_projected
    assert q.term_on(date(2027, 1, 1)).state_code == "KZ"
    assert q.term_by_sequence(14, today).status == TermStatus.completed
    # the past is recorded as handled: the scheduler sends no old notice
    before = db.session.scalar(select(func.count(Notification.id)))
    assert reconcile(today, clock.utcnow_naive(), db.session.commit) == []
    assert db.session.scalar(select(func.count(Notification.id))) == before
    assert not db.session.scalar(
        select(func.count(Notification.id)).where(Notification.kind.like("rotation.%"))
    )
