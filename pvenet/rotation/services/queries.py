"""Reading the schedule: stored terms, and beyond them the terms the rules project.

These are the names other features use (themes, the library's reviewer hook):
:func:`get_policy`, :func:`term_on`, :func:`term_by_sequence`, :func:`current_term`,
:func:`troika`, :func:`handover_instant`, :func:`chairing_state_id`. Without a stored
policy the rotation is not set up and nobody chairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import select

from ...extensions import db
from ...states.models import MemberState
from ...states.names import country_name
from ..models import ChairTerm, HolderKind, RotationPolicy, TermStatus
from ..schedule import SECRETARIAT, Rules, Selection, Slot, follow, inaugural

__all__ = [
    "Schedule",
    "TermView",
    "Troika",
    "chairing_state_id",
    "current_term",
    "get_policy",
    "handover_instant",
    "load_schedule",
    "term_by_sequence",
    "term_on",
    "troika",
]


@dataclass(frozen=True)
class TermView:
    """A term as readers see it, stored or projected."""

    sequence: int
    holder_kind: str  # "state" | "secretariat"
    state_id: int | None
    state_code: str | None
    starts_on: date
    ends_on: date  # the last day of the term
    status: str  # scheduled | active | completed (as of the day asked about)
    selection: str
    is_projected: bool

    @property
    def holder_code(self) -> str:
        return self.state_code or SECRETARIAT

    @property
    def state_name(self) -> str | None:
        """The state's UN short name in the reader's language (``None`` for UNODC)."""
        if self.state_code is None:
            return None
        from flask_babel import get_locale

        return country_name(self.state_code, str(get_locale() or "en"))

    def holder_name(self, locale: str | None = None) -> str:
        if self.state_code is None:
            return _("UNODC (secretariat)")
        from flask_babel import get_locale

        return country_name(self.state_code, locale or str(get_locale() or "en"))

    @property
    def length_days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


@dataclass(frozen=True)
class Troika:
    previous: TermView | None
    current: TermView | None
    next: TermView | None
    #: Days until the next handover (the start of ``next``), counted from ``today``.
    days_to_handover: int | None
    handover_at: datetime | None


def get_policy() -> RotationPolicy | None:
    return db.session.scalar(select(RotationPolicy).order_by(RotationPolicy.id).limit(1))


def rules_for(policy: RotationPolicy, states: list[MemberState]) -> Rules:
    inactive = {s.code for s in states if not s.is_active}
    return Rules(
        order=tuple(policy.order),
        term_months=policy.term_months,
        skip=frozenset(set(policy.suspended or ()) | inactive),
    )


def slot_of(term: ChairTerm) -> Slot:
    return Slot(
        sequence=term.sequence,
        holder=term.holder_code,
        cursor=term.cursor_code,
        starts_on=term.starts_on,
        ends_on=term.ends_on,
        selection=Selection(term.selection),
        stretch_start=term.stretch_starts_on,
        stretch_index=term.stretch_index,
    )


def status_on(slot: Slot, today: date) -> TermStatus:
    if slot.ends_on < today:
        return TermStatus.completed
    if slot.starts_on <= today:
        return TermStatus.active
    return TermStatus.scheduled


class Schedule:
    """The policy, the stored terms and the member states, loaded once (three queries)."""

    def __init__(self, policy: RotationPolicy, terms: list[ChairTerm], states: list[MemberState]):
        self.policy = policy
        self.terms = terms
        self.states = states
        self.by_code = {s.code: s for s in states}
        self.rules = rules_for(policy, states)
        self.tz = ZoneInfo(policy.timezone)
        self.slots = [slot_of(t) for t in terms] or [
            inaugural(policy.anchor_on, policy.term_months)
        ]
        self.stored_count = len(terms)
        self._projected: list[Slot] = []

    # -- slots ---------------------------------------------------------------------------

    def _extend_to(self, predicate) -> None:
        """Project terms after the last known one until ``predicate(last)`` holds."""
        last = self._projected[-1] if self._projected else self.slots[-1]
        guard = 0
        while not predicate(last):
            last = follow(last, self.rules)
            self._projected.append(last)
            guard += 1
            if guard > 10_000:  # a schedule never needs this many terms; stop a runaway
                raise RuntimeError("schedule projection did not converge")

    def all_slots(self) -> list[Slot]:
        return self.slots + self._projected

    def slot_on(self, day: date) -> Slot | None:
        if day < self.slots[0].starts_on:
            return None
        self._extend_to(lambda last: last.ends_on >= day)
        for slot in self.all_slots():
            if slot.covers(day):
                return slot
        return None

    def slot_by_sequence(self, sequence: int) -> Slot | None:
        if sequence < self.slots[0].sequence:
            return None
        self._extend_to(lambda last: last.sequence >= sequence)
        for slot in self.all_slots():
            if slot.sequence == sequence:
                return slot
        return None

    def slots_between(self, start: date, end: date) -> list[Slot]:
        self._extend_to(lambda last: last.ends_on >= end)
        return [s for s in self.all_slots() if s.ends_on >= start and s.starts_on <= end]

    def is_stored(self, slot: Slot) -> bool:
        return slot.sequence < self.slots[0].sequence + self.stored_count and bool(self.terms)

    # -- views ---------------------------------------------------------------------------

    def view(self, slot: Slot | None, today: date | None = None) -> TermView | None:
        if slot is None:
            return None
        state = self.by_code.get(slot.holder)
        stored = self.is_stored(slot)
        return TermView(
            sequence=slot.sequence,
            holder_kind=(HolderKind.secretariat if slot.is_secretariat else HolderKind.state).value,
            state_id=state.id if state is not None else None,
            state_code=None if slot.is_secretariat else slot.holder,
            starts_on=slot.starts_on,
            ends_on=slot.ends_on,
            status=status_on(slot, today if today is not None else slot.starts_on).value,
            selection=slot.selection.value,
            is_projected=not stored,
        )

    def term_on(self, day: date, today: date | None = None) -> TermView | None:
        return self.view(self.slot_on(day), today if today is not None else day)

    def term_by_sequence(self, sequence: int, today: date) -> TermView | None:
        return self.view(self.slot_by_sequence(sequence), today)

    def terms_between(self, start: date, end: date, today: date) -> list[TermView]:
        return [v for s in self.slots_between(start, end) if (v := self.view(s, today))]

    def handover_instant(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self.tz)

    def troika(self, today: date) -> Troika:
        current = self.term_on(today, today)
        if current is None:
            first = self.view(self.slots[0], today)
            return Troika(
                None, None, first, (first.starts_on - today).days if first else None, None
            )
        previous = self.term_by_sequence(current.sequence - 1, today)
        following = self.term_by_sequence(current.sequence + 1, today)
        handover_day = current.ends_on + timedelta(days=1)
        return Troika(
            previous,
            current,
            following,
            (handover_day - today).days,
            self.handover_instant(handover_day),
        )


def load_schedule() -> Schedule | None:
    """The schedule as stored now, or ``None`` while no rotation policy exists."""
    policy = get_policy()
    if policy is None:
        return None
    terms = list(db.session.scalars(select(ChairTerm).order_by(ChairTerm.sequence)))
    states = list(db.session.scalars(select(MemberState).order_by(MemberState.rotation_position)))
    return Schedule(policy, terms, states)


def term_on(day: date, today: date | None = None) -> TermView | None:
    """The term covering ``day`` (stored or projected); ``today`` sets its status."""
    schedule = load_schedule()
    return schedule.term_on(day, today) if schedule else None


def term_by_sequence(sequence: int, today: date) -> TermView | None:
    schedule = load_schedule()
    return schedule.term_by_sequence(sequence, today) if schedule else None


def current_term(today: date) -> TermView | None:
    return term_on(today, today)


def troika(today: date) -> Troika:
    schedule = load_schedule()
    if schedule is None:
        return Troika(None, None, None, None, None)
    return schedule.troika(today)


def handover_instant(day: date) -> datetime:
    """Midnight at the start of ``day`` in the policy's handover time zone (aware)."""
    policy = get_policy()
    tz = ZoneInfo(policy.timezone if policy else "Asia/Almaty")
    return datetime.combine(day, time(0), tzinfo=tz)


def local_day(now: datetime, tz: str | ZoneInfo) -> date:
    """The calendar day in the handover time zone at the instant ``now`` (naive = UTC)."""
    from datetime import UTC

    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    aware = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
    return aware.astimezone(zone).date()


def chairing_state_id(now: datetime) -> int | None:
    """The member state chairing at the instant ``now`` (``None``: UNODC or not set up).

    Within a request the schedule is loaded once: permission checks ask this for every
    item of a listing, and a request that changes the schedule redirects afterwards.
    """
    from flask import g, has_request_context

    if has_request_context():
        if "_pvenet_chair_schedule" not in g:
            g._pvenet_chair_schedule = load_schedule()
        schedule = g._pvenet_chair_schedule
    else:
        schedule = load_schedule()
    if schedule is None:
        return None
    term = schedule.term_on(local_day(now, schedule.tz))
    return term.state_id if term is not None else None
