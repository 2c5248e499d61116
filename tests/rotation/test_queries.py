"""Reading the schedule: stored and projected terms, the troika, who chairs at an instant."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from pvenet.library.services import chairing_state_id as library_chair
from pvenet.rotation.models import ChairTerm
from pvenet.rotation.services import queries as q


def test_nobody_chairs_without_a_policy(app, states):
    assert q.get_policy() is None
    assert q.term_on(date(2026, 1, 1)) is None
    assert q.chairing_state_id(datetime(2026, 1, 1, tzinfo=UTC)) is None
    assert q.troika(date(2026, 1, 1)).current is None


def test_setup_stores_the_inaugural_term_and_a_full_cycle(db, policy):
    terms = list(db.session.scalars(select(ChairTerm).order_by(ChairTerm.sequence)))
    assert [t.sequence for t in terms] == [0, 1, 2, 3, 4, 5]
    assert terms[0].state is None and terms[0].selection == "inaugural"
    assert terms[0].ends_on == date(2019, 6, 30)
    assert [t.holder_code for t in terms[1:]] == ["KZ", "KG", "TJ", "TM", "UZ"]


def test_term_on_projects_beyond_the_stored_terms(db, policy):
    term = q.term_on(date(2026, 8, 1), today=date(2026, 8, 1))
    assert term.sequence == 15 and term.state_code == "UZ" and term.is_projected
    assert (term.starts_on, term.ends_on) == (date(2026, 7, 1), date(2026, 12, 31))
    assert term.status == "active"
    stored = q.term_by_sequence(3, date(2026, 8, 1))
    assert not stored.is_projected and stored.status == "completed"
    assert db.session.scalar(select(func.count(ChairTerm.id))) == 6  # reading stores nothing


def test_troika(policy):
    t = q.troika(date(2026, 12, 1))
    assert (t.previous.state_code, t.current.state_code, t.next.state_code) == ("TM", "UZ", "KZ")
    assert t.days_to_handover == 31
    assert t.handover_at == datetime(2027, 1, 1, tzinfo=t.handover_at.tzinfo)
    assert str(t.handover_at.tzinfo) == "Asia/Almaty"


def test_chairing_state_at_the_handover_minute_in_almaty(policy, states):
    # 2027-01-01 00:00 in Almaty (UTC+5) is 2026-12-31 19:00 UTC
    before = datetime(2026, 12, 31, 18, 59, tzinfo=UTC)  # 23:59 in Almaty
    after = datetime(2026, 12, 31, 19, 0, tzinfo=UTC)  # 00:00 in Almaty
    assert q.chairing_state_id(before) == states["UZ"].id
    assert q.chairing_state_id(after) == states["KZ"].id
    assert q.handover_instant(date(2027, 1, 1)).astimezone(UTC) == after


def test_the_library_asks_the_rotation_who_chairs(policy, states):
    assert library_chair(datetime(2026, 8, 1, 12)) == states["UZ"].id
    assert library_chair(datetime(2019, 3, 1, 12)) is None  # UNODC's inaugural term


def test_who_chairs_is_loaded_once_per_request(app, policy, states):
    from sqlalchemy import event

    from pvenet.extensions import db

    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    with app.test_request_context("/"):
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            for _ in range(10):
                assert q.chairing_state_id(datetime(2026, 8, 1, tzinfo=UTC)) == states["UZ"].id
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    assert len(statements) == 3  # policy, terms, states


def test_a_new_term_length_applies_to_terms_not_yet_started(db, policy):
    from pvenet.rotation.services.store import update_policy

    today = date(2026, 8, 1)
    update_policy(
        policy, None, anchor_on=policy.anchor_on, term_months=4, timezone="Asia/Almaty",
        reminder_days=[30, 7], today=today,
    )  # fmt: skip
    db.session.commit()
    assert q.term_by_sequence(15, today).ends_on == date(2026, 12, 31)  # the current term
    nxt = q.term_by_sequence(16, today)
    assert (nxt.starts_on, nxt.ends_on, nxt.state_code) == (
        date(2027, 1, 1),
        date(2027, 4, 30),
        "KZ",
    )
    stored = db.session.scalars(select(ChairTerm.sequence).order_by(ChairTerm.sequence)).all()
    assert stored == list(range(stored[-1] + 1))  # no gap in the stored terms
