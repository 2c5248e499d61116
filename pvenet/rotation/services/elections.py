"""Electing a term's chair: open, cast (changeable until closing), close, break a tie.

An election decides the holder of one term not yet started: term 1 after UNODC's
inaugural term, or a later term to restart the rotation from the elected state.
Candidates are the states in the rotation (active, not suspended); each such state has
one ballot, cast and changed by any of its focal points until the election closes.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...audit.services import record
from ...auth.models import Role
from ...extensions import db
from ...states.models import MemberState
from .. import notices
from ..models import Ballot, Election, ElectionStatus
from ..schedule import restart_from
from .errors import RotationError
from .store import (
    _schedule,
    ensure_stored,
    save_upcoming,
    schedule_as_of,
    split_plan,
    upcoming_window,
)

__all__ = [
    "break_tie",
    "candidates",
    "cast_ballot",
    "close_election",
    "open_election",
    "open_elections",
    "tally",
]


def candidates() -> list[MemberState]:
    """The states that may be elected and vote: in the rotation, active, not suspended."""
    schedule = _schedule()
    return [s for s in schedule.states if s.code in schedule.rules.eligible]


def open_elections() -> list[Election]:
    return list(db.session.scalars(select(Election).where(Election.status == ElectionStatus.open)))


def _params(election: Election, **extra: Any) -> dict[str, Any]:
    return {
        "election_id": election.id,
        "sequence": election.term_sequence,
        "closes_at": election.closes_at.isoformat(),
        **extra,
    }


def open_election(
    actor: Any, *, term_sequence: int, closes_at: datetime, now: datetime, today: date
) -> Election:
    """Open an election for a term not yet started; it must close before that term starts.

    ``closes_at`` and ``now`` are naive UTC, like every stored instant.
    """
    schedule = schedule_as_of(today)
    prev, upcoming = upcoming_window(schedule, today, 1)
    if term_sequence <= prev.sequence:
        raise RotationError(
            _l("Term %(n)s has already started; elect the chair of a later term.", n=term_sequence),
            "term_sequence",
        )
    if open_elections():
        raise RotationError(_l("Another election is still open; close it first."))
    if closes_at <= now:
        raise RotationError(_l("The closing time must be in the future."), "closes_at")
    target = schedule.slot_by_sequence(term_sequence)
    start_utc = _naive_utc(schedule.handover_instant(target.starts_on))
    if closes_at >= start_utc:
        raise RotationError(
            _l("The election must close before term %(n)s starts.", n=term_sequence), "closes_at"
        )
    election = Election(
        term_sequence=term_sequence,
        closes_at=closes_at,
        opened_at=now,
        opened_by_id=getattr(actor, "id", None),
        status=ElectionStatus.open,
        tally={},
    )
    db.session.add(election)
    db.session.flush()
    record(actor, "rotation.election_opened", election, term=term_sequence, closes_at=closes_at)
    voters = notices.focal_points([s.id for s in candidates()]) + notices.admins()
    notices.tell(
        voters,
        "rotation.election_opened",
        _params(election),
        f"election:{election.id}:opened",
        notices.rotation_path("rotation.election", election_id=election.id),
    )
    return election


def _naive_utc(instant: datetime) -> datetime:
    from datetime import UTC

    return instant.astimezone(UTC).replace(tzinfo=None)


def cast_ballot(
    user: Any, election: Election, *, state: MemberState, candidate: MemberState, now: datetime
) -> Ballot:
    """Cast or change ``state``'s ballot; only its own focal points may, until closing."""
    if user.role != Role.focal_point or user.state_id is None:
        raise RotationError(_l("Only national focal points vote, each for their own state."))
    if user.state_id != state.id:
        raise RotationError(_l("You may cast a ballot only for your own state."))
    if election.status != ElectionStatus.open or now >= election.closes_at:
        raise RotationError(_l("This election is closed; ballots are no longer accepted."))
    eligible = {s.id for s in candidates()}
    if state.id not in eligible:
        raise RotationError(_l("Your state does not take part in the rotation at present."))
    if candidate.id not in eligible:
        raise RotationError(_l("That state is not a candidate in this election."), "candidate")
    ballot = db.session.scalar(
        select(Ballot).where(Ballot.election_id == election.id, Ballot.state_id == state.id)
    )
    previous = ballot.candidate.code if ballot is not None else None
    if ballot is None:
        ballot = Ballot(election_id=election.id, state_id=state.id)
        db.session.add(ballot)
    ballot.candidate_state_id = candidate.id
    ballot.cast_by_id = user.id
    ballot.cast_at = now
    db.session.flush()
    record(
        user,
        "rotation.ballot_cast",
        election,
        state=state.code,
        candidate=candidate.code,
        previous=previous,
    )
    return ballot


def tally(election: Election) -> Counter[str]:
    counts: Counter[str] = Counter()
    for ballot in election.ballots:
        counts[ballot.candidate.code] += 1
    return counts


def close_election(actor: Any, election: Election, *, now: datetime, today: date) -> Election:
    """Count the ballots: the most votes win; a tie waits for an admin."""
    if election.status != ElectionStatus.open:
        raise RotationError(_l("This election is already closed."))
    counts = tally(election)
    election.tally = dict(counts)
    election.closed_at = now
    top = counts.most_common()
    leaders = [code for code, n in top if n == top[0][1]] if top else []
    if len(leaders) == 1:
        winner = next(s for s in candidates() if s.code == leaders[0])
        election.status = ElectionStatus.closed
        election.winner = winner
        db.session.flush()
        _apply(election, winner, today)
    else:
        election.status = ElectionStatus.tied
        db.session.flush()
    record(
        actor,
        "rotation.election_closed",
        election,
        tally=dict(counts),
        winner=leaders[0] if len(leaders) == 1 else None,
        tied=leaders if len(leaders) != 1 else None,
    )
    _announce(election, leaders[0] if len(leaders) == 1 else None)
    return election


def break_tie(
    actor: Any, election: Election, *, winner: MemberState, reason: str, today: date
) -> Election:
    """An admin decides a tied election among the leaders, with a written reason."""
    if election.status != ElectionStatus.tied:
        raise RotationError(_l("Only a tied election needs its tie broken."))
    reason = (reason or "").strip()
    if not reason:
        raise RotationError(_l("Give the reason for breaking the tie."), "reason")
    counts = Counter(election.tally or {})
    best = max(counts.values(), default=0)
    leaders = {c for c, n in counts.items() if n == best} if counts else None
    eligible = {s.code for s in candidates()}
    if winner.code not in eligible or (leaders is not None and winner.code not in leaders):
        raise RotationError(_l("Choose one of the states that tied."), "winner")
    election.status = ElectionStatus.closed
    election.winner = winner
    election.tie_break_reason = reason
    db.session.flush()
    _apply(election, winner, today)
    record(actor, "rotation.election_tie_broken", election, winner=winner.code, reason=reason)
    _announce(election, winner.code)
    return election


def _apply(election: Election, winner: MemberState, today: date) -> None:
    schedule = schedule_as_of(today)
    prev, upcoming = split_plan(schedule, today)
    index = next((i for i, s in enumerate(upcoming) if s.sequence == election.term_sequence), None)
    if index is None:
        prev, upcoming = upcoming_window(schedule, today, election.term_sequence - prev.sequence)
        index = next(
            (i for i, s in enumerate(upcoming) if s.sequence == election.term_sequence), None
        )
    if index is None:
        raise RotationError(
            _l(
                "Term %(n)s has already started; the result cannot change it.",
                n=election.term_sequence,
            )
        )
    save_upcoming(schedule, prev, restart_from(prev, upcoming, index, winner.code, schedule.rules))
    ensure_stored(today)


def _announce(election: Election, winner: str | None) -> None:
    link = notices.rotation_path("rotation.election", election_id=election.id)
    key = f"election:{election.id}:result"
    if winner is None:
        notices.tell(
            notices.admins(), "rotation.election_result", _params(election), key + ":tied", link
        )
        return
    notices.tell(
        notices.everyone(), "rotation.election_result", _params(election, winner=winner), key, link
    )
