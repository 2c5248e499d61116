"""Elections: open, cast (changeable until closing), close, tie-break, fall back to rotation."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from pvenet.audit.models import AuditEvent
from pvenet.auth.models import Role
from pvenet.notifications.models import Notification
from pvenet.rotation.models import ElectionStatus
from pvenet.rotation.services import elections as el
from pvenet.rotation.services import queries as q
from pvenet.rotation.services.errors import RotationError

NOW = datetime(2019, 5, 1, 9, 0)
TODAY = date(2019, 5, 1)


@pytest.fixture
def voters(make_user):
    return {code: make_user(Role.focal_point, code) for code in ("KZ", "KG", "TJ", "TM", "UZ")}


@pytest.fixture
def election(db, policy, admin, voters):
    e = el.open_election(
        admin, term_sequence=1, closes_at=datetime(2019, 6, 1, 12), now=NOW, today=TODAY
    )
    db.session.commit()
    return e


def vote(voters, states, election, voter, candidate, now=NOW):
    return el.cast_ballot(
        voters[voter], election, state=states[voter], candidate=states[candidate], now=now
    )


def test_opening_tells_focal_points_and_is_audited(db, election, voters):
    kinds = db.session.scalars(
        select(Notification.kind).where(Notification.user_id == voters["TJ"].id)
    ).all()
    assert kinds == ["rotation.election_opened"]
    assert db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "rotation.election_opened")
    )


def test_most_votes_win_and_the_rotation_follows(db, states, admin, election, voters):
    vote(voters, states, election, "KZ", "KZ")
    vote(voters, states, election, "KG", "KZ")
    vote(voters, states, election, "TJ", "TJ")
    el.close_election(admin, election, now=datetime(2019, 6, 2), today=date(2019, 6, 2))
    db.session.commit()
    assert election.status == ElectionStatus.closed and election.winner.code == "KZ"
    assert election.tally == {"KZ": 2, "TJ": 1}
    t1 = q.term_by_sequence(1, TODAY)
    assert (t1.state_code, t1.selection) == ("KZ", "election")
    assert q.term_by_sequence(2, TODAY).state_code == "KG"


def test_an_elected_state_restarts_the_rotation(db, states, admin, election, voters):
    for v in ("KZ", "KG", "TJ"):
        vote(voters, states, election, v, "TM")
    el.close_election(admin, election, now=datetime(2019, 6, 2), today=date(2019, 6, 2))
    holders = [q.term_by_sequence(n, TODAY).state_code for n in range(1, 7)]
    assert holders == ["TM", "UZ", "KZ", "KG", "TJ", "TM"]


def test_a_ballot_can_be_changed_until_closing(db, states, admin, election, voters):
    vote(voters, states, election, "KZ", "KG")
    vote(voters, states, election, "KZ", "UZ")
    assert len(election.ballots) == 1 and election.ballots[0].candidate.code == "UZ"
    with pytest.raises(RotationError) as err:
        vote(voters, states, election, "KZ", "TJ", now=datetime(2019, 6, 1, 12))
    assert "closed" in str(err.value.message)


def test_a_ballot_for_another_state_is_refused_in_both_languages(states, election, voters):
    with pytest.raises(RotationError) as err:
        el.cast_ballot(voters["KZ"], election, state=states["KG"], candidate=states["KZ"], now=NOW)
    assert str(err.value.message) == "You may cast a ballot only for your own state."
    with force_locale("ru"):
        assert "только за своё государство" in str(err.value.message)


def test_admins_and_observers_do_not_vote(states, election, admin):
    with pytest.raises(RotationError):
        el.cast_ballot(admin, election, state=states["KZ"], candidate=states["KZ"], now=NOW)


def test_a_tie_waits_for_an_admin_with_a_reason(db, states, admin, election, voters):
    vote(voters, states, election, "KZ", "KZ")
    vote(voters, states, election, "KG", "KG")
    el.close_election(admin, election, now=datetime(2019, 6, 2), today=date(2019, 6, 2))
    assert election.status == ElectionStatus.tied and election.winner is None
    with pytest.raises(RotationError):
        el.break_tie(admin, election, winner=states["KG"], reason="  ", today=TODAY)
    with pytest.raises(RotationError):
        el.break_tie(admin, election, winner=states["TJ"], reason="not a leader", today=TODAY)
    el.break_tie(admin, election, winner=states["KG"], reason="Drawn by lot", today=TODAY)
    assert election.winner.code == "KG" and election.tie_break_reason == "Drawn by lot"
    assert q.term_by_sequence(1, TODAY).state_code == "KG"
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "rotation.election_tie_broken")
    )
    assert event.details["reason"] == "Drawn by lot"


def test_an_election_must_close_before_its_term_starts(policy, admin):
    with pytest.raises(RotationError):
        el.open_election(
            admin, term_sequence=1, closes_at=datetime(2019, 7, 2), now=NOW, today=TODAY
        )
    with pytest.raises(RotationError):
        el.open_election(
            admin, term_sequence=0, closes_at=datetime(2019, 6, 2), now=NOW, today=TODAY
        )


def test_only_one_election_at_a_time(election, admin):
    with pytest.raises(RotationError):
        el.open_election(
            admin, term_sequence=2, closes_at=datetime(2019, 6, 1), now=NOW, today=TODAY
        )
