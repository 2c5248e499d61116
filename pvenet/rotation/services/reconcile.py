"""What the scheduler does as of a day: everything that follows from the dates, once.

:func:`reconcile` is idempotent: it keeps the next full cycle of terms stored, closes
elections whose time is up, reminds voters a day before closing, applies every handover
whose day has come (in order, so a catch-up after downtime replays each missed one),
falls back to rotation when a term starts without an election result, and reminds the
incoming chair at each offset. Each side effect is followed by ``commit()``, and a stored
marker (or the notification's own dedup key) makes sure it never happens twice: a run
killed halfway leaves a consistent database and the next run finishes the work.

The caller injects ``commit`` (the job passes the session's commit): this module never
decides on its own when a transaction ends, and never reads the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import select

from ...audit.services import record
from ...extensions import db
from .. import notices
from ..models import (
    ChairTerm,
    Election,
    ElectionStatus,
    RotationMarker,
    Selection,
    TermStatus,
)
from .elections import close_election
from .queries import get_policy, local_day
from .store import ensure_stored

__all__ = ["has_marker", "mark", "reconcile"]


def has_marker(key: str) -> bool:
    return db.session.scalar(select(RotationMarker.id).where(RotationMarker.key == key)) is not None


def mark(key: str, now: datetime) -> None:
    db.session.add(RotationMarker(key=key, created_at=now))
    db.session.flush()


def _term_params(term: ChairTerm, **extra: object) -> dict[str, object]:
    return {
        "sequence": term.sequence,
        "holder": term.holder_code,
        "starts_on": term.starts_on.isoformat(),
        "ends_on": term.ends_on.isoformat(),
        **extra,
    }


def reconcile(today: date, now: datetime, commit: Callable[[], None]) -> list[str]:
    """Bring the stored state up to ``today`` (``now``: naive UTC); returns what was done."""
    if get_policy() is None:
        return []
    done: list[str] = []
    created = ensure_stored(today)
    if created:
        done.append(f"stored terms {created[0].sequence}..{created[-1].sequence}")
        commit()
    _elections(now, today, done, commit)
    _handovers(today, now, done, commit)
    _reminders(today, now, done, commit)
    return done


def _elections(now: datetime, today: date, done: list[str], commit: Callable[[], None]) -> None:
    elections = db.session.scalars(
        select(Election).where(Election.status == ElectionStatus.open).order_by(Election.id)
    ).all()
    for election in elections:
        if now >= election.closes_at:
            # As of its closing instant, which is before its term starts (open_election
            # checks), so a catch-up elects the holder before applying the handover.
            closing_day = local_day(election.closes_at, get_policy().timezone)
            close_election(None, election, now=election.closes_at, today=closing_day)
            done.append(f"closed election {election.id}: {election.status.value}")
            commit()
            continue
        key = f"election:{election.id}:closing"
        if now >= election.closes_at - timedelta(hours=24) and not has_marker(key):
            sequence = election.term_sequence
            voters = notices.focal_points()
            link = notices.rotation_path("rotation.election", election_id=election.id)
            params = {
                "election_id": election.id,
                "sequence": sequence,
                "closes_at": election.closes_at.isoformat(),
            }
            for user in voters:
                if notices.tell([user], "rotation.election_closing", params, key, link):
                    commit()
            mark(key, now)
            done.append(f"election {election.id}: closing reminder sent")
            commit()


def _handovers(today: date, now: datetime, done: list[str], commit: Callable[[], None]) -> None:
    terms = db.session.scalars(
        select(ChairTerm).where(ChairTerm.starts_on <= today).order_by(ChairTerm.sequence)
    ).all()
    previous: ChairTerm | None = None
    for term in terms:
        key = f"term:{term.sequence}:activated"
        if not has_marker(key):
            _fall_back_if_unelected(term, now, done, commit)
            if previous is not None and previous.status != TermStatus.completed:
                previous.status = TermStatus.completed
            if term.status == TermStatus.scheduled:
                term.status = TermStatus.active
            mark(key, now)
            record(
                None,
                "rotation.handover",
                term,
                sequence=term.sequence,
                holder=term.holder_code,
                starts_on=term.starts_on,
            )
            done.append(f"term {term.sequence} ({term.holder_code}) activated")
            commit()
        notified = f"term:{term.sequence}:handover_notified"
        if term.sequence > 0 and not has_marker(notified):
            link = notices.rotation_path()
            params = _term_params(term)
            key = f"handover:{term.sequence}"
            for user in notices.everyone():
                if notices.tell([user], "rotation.handover", params, key, link):
                    commit()
            mark(notified, now)
            done.append(f"term {term.sequence}: handover notices sent")
            commit()
        if term.ends_on < today and term.status != TermStatus.completed:
            term.status = TermStatus.completed
            done.append(f"term {term.sequence} completed")
            commit()
        previous = term


def _fall_back_if_unelected(
    term: ChairTerm, now: datetime, done: list[str], commit: Callable[[], None]
) -> None:
    """A term starting while its election has no result goes to the rotation's state."""
    pending = db.session.scalars(
        select(Election).where(
            Election.term_sequence == term.sequence,
            Election.status.in_([ElectionStatus.open, ElectionStatus.tied]),
        )
    ).all()
    unelected = term.sequence == 1 and term.selection == Selection.rotation
    for election in pending:
        election.status = ElectionStatus.lapsed
        election.closed_at = now
        record(None, "rotation.election_lapsed", election, term=term.sequence)
        unelected = unelected or term.selection == Selection.rotation
    if not unelected:
        return
    term.selection = Selection.rotation_no_election
    db.session.flush()
    notices.tell(
        notices.admins(),
        "rotation.no_election_result",
        _term_params(term),
        f"term:{term.sequence}:no_election",
        notices.rotation_path(),
    )
    done.append(f"term {term.sequence}: no election result, rotation order applied")


def _reminders(today: date, now: datetime, done: list[str], commit: Callable[[], None]) -> None:
    policy = get_policy()
    offsets = sorted(policy.reminder_days or [], reverse=True)
    upcoming = db.session.scalar(
        select(ChairTerm).where(ChairTerm.starts_on > today).order_by(ChairTerm.sequence).limit(1)
    )
    if upcoming is None or upcoming.state_id is None or not offsets:
        return
    if has_marker(f"term:{upcoming.sequence}:activated"):
        return  # the clock was set back: that handover has happened already
    days = (upcoming.starts_on - today).days
    reached = [d for d in offsets if days <= d]
    if not reached:
        return
    code = upcoming.holder_code
    keys = [f"reminder:{upcoming.sequence}:{code}:{d}" for d in reached]
    if all(has_marker(k) for k in keys):
        return
    # After downtime only the latest reminder due is sent; the earlier ones count as done.
    latest = reached[-1]
    key = f"reminder:{upcoming.sequence}:{code}:{latest}"
    link = notices.rotation_path()
    params = _term_params(upcoming, days=days)
    for user in notices.focal_points([upcoming.state_id]):
        if notices.tell([user], "rotation.incoming", params, key, link):
            commit()
    for k in keys:
        if not has_marker(k):
            mark(k, now)
    done.append(f"term {upcoming.sequence} ({code}): incoming chair reminded ({latest} days)")
    commit()
