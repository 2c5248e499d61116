"""The rotation policy and the stored terms: setting up, keeping a full cycle stored.

Stored terms are rewritten only from the first term not yet started: a past or current
term's holder never changes (an extension or a mid-term step-down changes only the
current term's last day).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...audit.services import record
from ...extensions import db
from ...states.models import MemberState
from ..models import ChairTerm, HolderKind, RotationPolicy
from ..schedule import SECRETARIAT, Slot, inaugural, project
from .errors import RotationError
from .queries import Schedule, get_policy, load_schedule

DEFAULT_TIMEZONE = "Asia/Almaty"
DEFAULT_REMINDERS = [30, 7]


def slot_dict(slot: Slot) -> dict[str, Any]:
    """A slot as stored in an override's before/after record."""
    return {
        "sequence": slot.sequence,
        "holder": slot.holder,
        "starts_on": slot.starts_on.isoformat(),
        "ends_on": slot.ends_on.isoformat(),
        "selection": slot.selection.value,
    }


def check_policy_values(
    *, term_months: int, timezone: str, reminder_days: list[int], order: list[str]
) -> None:
    if not 1 <= term_months <= 24:
        raise RotationError(_l("The term length must be between 1 and 24 months."), "term_months")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # a directory, a path, too long
        raise RotationError(_l("Unknown time zone: %(tz)s", tz=timezone[:60]), "timezone") from None
    if any(d < 1 or d > 365 for d in reminder_days) or len(set(reminder_days)) != len(
        reminder_days
    ):
        raise RotationError(
            _l("Reminder offsets are distinct numbers of days between 1 and 365."), "reminder_days"
        )
    if not order or len(set(order)) != len(order):
        raise RotationError(_l("The rotation order must name each state once."), "order")


def create_policy(
    actor: Any,
    *,
    anchor_on: date,
    order: list[str],
    term_months: int = 6,
    timezone: str = DEFAULT_TIMEZONE,
    reminder_days: list[int] | None = None,
    today: date,
) -> RotationPolicy:
    """Set up the rotation: the policy, UNODC's inaugural term and the next full cycle."""
    if get_policy() is not None:
        raise RotationError(_l("The rotation policy already exists; edit it instead."))
    reminders = sorted(reminder_days if reminder_days is not None else DEFAULT_REMINDERS)[::-1]
    check_policy_values(
        term_months=term_months, timezone=timezone, reminder_days=reminders, order=order
    )
    known = set(db.session.scalars(select(MemberState.code)))
    if set(order) - known:
        raise RotationError(_l("The rotation order names an unknown state."), "order")
    policy = RotationPolicy(
        anchor_on=anchor_on,
        term_months=term_months,
        order=list(order),
        suspended=[],
        timezone=timezone,
        reminder_days=reminders,
    )
    db.session.add(policy)
    db.session.flush()
    add_term(inaugural(anchor_on, term_months))
    ensure_stored(today)
    record(
        actor,
        "rotation.policy_created",
        policy,
        anchor_on=anchor_on,
        order=list(order),
        term_months=term_months,
        timezone=timezone,
        reminder_days=reminders,
    )
    return policy


def update_policy(
    policy: RotationPolicy,
    actor: Any,
    *,
    anchor_on: date,
    term_months: int,
    timezone: str,
    reminder_days: list[int],
    today: date,
) -> dict[str, Any]:
    """Change the policy; the anchor only before the first term starts, the term length
    for terms not yet started. Returns the changes."""
    reminders = sorted(reminder_days)[::-1]
    check_policy_values(
        term_months=term_months, timezone=timezone, reminder_days=reminders, order=policy.order
    )
    ensure_stored(today)  # the terms so far are stored under the rules they had
    changes: dict[str, Any] = {}
    if anchor_on != policy.anchor_on:
        if today >= min(policy.anchor_on, anchor_on):
            raise RotationError(
                _l("The anchor date can change only before the first term starts."), "anchor_on"
            )
        changes["anchor_on"] = [policy.anchor_on, anchor_on]
        policy.anchor_on = anchor_on
    for name, value in (
        ("term_months", term_months),
        ("timezone", timezone),
        ("reminder_days", reminders),
    ):
        if getattr(policy, name) != value:
            changes[name] = [getattr(policy, name), value]
            setattr(policy, name, value)
    if not changes:
        return changes
    db.session.flush()
    if "anchor_on" in changes:
        for term in db.session.scalars(select(ChairTerm)):
            db.session.delete(term)
        db.session.flush()
        add_term(inaugural(policy.anchor_on, policy.term_months))
    elif "term_months" in changes:
        from ..schedule import rederive

        schedule = schedule_as_of(today)
        prev, upcoming = split_plan(schedule, today)
        save_upcoming(schedule, prev, rederive(prev, upcoming, schedule.rules))
    ensure_stored(today)
    record(actor, "rotation.policy_updated", policy, **changes)
    return changes


def _schedule() -> Schedule:
    schedule = load_schedule()
    if schedule is None:
        raise RotationError(_l("The rotation has not been set up yet."))
    return schedule


def schedule_as_of(today: date) -> Schedule:
    """The schedule with every term up to a cycle after ``today`` stored, for changing it."""
    ensure_stored(today)
    return _schedule()


def state_id_for(code: str) -> int | None:
    if code == SECRETARIAT:
        return None
    return db.session.scalar(select(MemberState.id).where(MemberState.code == code))


def _fill(term: ChairTerm, slot: Slot) -> None:
    term.sequence = slot.sequence
    term.holder_kind = HolderKind.secretariat if slot.is_secretariat else HolderKind.state
    term.state_id = state_id_for(slot.holder)
    term.starts_on = slot.starts_on
    term.ends_on = slot.ends_on
    term.selection = slot.selection
    term.cursor_code = slot.cursor
    term.stretch_starts_on = slot.stretch_start
    term.stretch_index = slot.stretch_index


def add_term(slot: Slot) -> ChairTerm:
    term = ChairTerm()
    _fill(term, slot)
    db.session.add(term)
    db.session.flush()
    return term


def split_plan(schedule: Schedule, today: date) -> tuple[Slot, list[Slot]]:
    """The term covering ``today`` and the known terms after it (stored, then projected).

    Before the anchor, the inaugural term counts as started: it is always UNODC's.
    """
    prev = schedule.slot_on(today) or schedule.slots[0]
    return prev, [s for s in schedule.all_slots() if s.sequence > prev.sequence]


def cycle_length(schedule: Schedule) -> int:
    return max(len(schedule.rules.eligible), 1)


def ensure_stored(today: date) -> list[ChairTerm]:
    """Store terms up to one full cycle after the term covering ``today``."""
    schedule = _schedule()
    current = schedule.slot_on(today) or schedule.slots[0]
    wanted = current.sequence + cycle_length(schedule)
    last = schedule.slots[-1]
    if not schedule.terms:
        # Only the inaugural slot exists, unstored (fresh policy without rows).
        add_term(last)
    missing = wanted - last.sequence
    if missing <= 0:
        return []
    return [add_term(slot) for slot in project(last, schedule.rules, missing)]


def save_upcoming(schedule: Schedule, prev: Slot, upcoming: list[Slot]) -> None:
    """Rewrite the stored terms after ``prev`` (and ``prev``'s last day) as ``upcoming``.

    Existing rows keep their ids in order (themes may be attached to them); sequences are
    moved out of the way first when they shift.
    """
    rows = {t.sequence: t for t in schedule.terms}
    prev_row = rows.get(prev.sequence)
    if prev_row is not None and prev_row.ends_on != prev.ends_on:
        prev_row.ends_on = prev.ends_on
        prev_row.selection = prev.selection
    later = [t for t in schedule.terms if t.sequence > prev.sequence]
    for row in later:
        row.sequence = -row.sequence - 1_000_000  # free the unique sequences
    db.session.flush()
    for row, slot in zip(later, upcoming, strict=False):
        _fill(row, slot)
    for row in later[len(upcoming) :]:
        db.session.delete(row)
    for slot in upcoming[len(later) :]:
        db.session.add(_new(slot))
    db.session.flush()


def _new(slot: Slot) -> ChairTerm:
    term = ChairTerm()
    _fill(term, slot)
    return term


def extra_months_of(schedule: Schedule, sequence: int) -> int:
    for t in schedule.terms:
        if t.sequence == sequence:
            return t.extra_months
    return 0


def set_extra_months(schedule: Schedule, sequence: int, extra: int) -> None:
    for t in schedule.terms:
        if t.sequence == sequence:
            t.extra_months = extra


def upcoming_window(schedule: Schedule, today: date, count: int) -> tuple[Slot, list[Slot]]:
    """The last started term and at least ``count`` upcoming terms (projected if needed)."""
    prev, upcoming = split_plan(schedule, today)
    if len(upcoming) < count:
        last = upcoming[-1] if upcoming else prev
        upcoming = upcoming + project(last, schedule.rules, count - len(upcoming))
    return prev, upcoming


def end_of(slot: Slot) -> date:
    return slot.ends_on + timedelta(days=1)
