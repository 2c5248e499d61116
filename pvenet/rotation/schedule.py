"""The arithmetic of chair terms: pure functions, no Flask, no database, no clock.

A term is a :class:`Slot`: its sequence, its holder (a state code or ``SECRETARIAT``),
its first and last day, how the holder was chosen, and two things that decide the terms
after it:

- the *stretch* it belongs to (``stretch_start``, ``stretch_index``): term ``n`` of an
  unbroken stretch starts on ``stretch_start + months·n``, computed from the stretch's
  start, never from the previous term, so a 31st does not drift to the 28th for good.
  A term whose last day is not where its stretch would end it (an extension, a state
  stepping down mid-term) makes the next term start a new stretch on the following day;
- the *cursor*: the state of the rotation order that this term used up. The next term by
  rotation goes to the next eligible state after the cursor. A one-off swap changes the
  holders but not the cursors, so the order after the swapped pair stays as it was; an
  election or a waive restarts the rotation from the holder; UNODC's terms use up no turn.

The overrides of DESIGN.md are functions from a plan (the term before the first upcoming
one, and the upcoming terms) to a new list of upcoming terms. Past and current terms are
never given to them, so their holders cannot change.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

SECRETARIAT = "UNODC"


class Selection(enum.StrEnum):
    """How a term's holder was chosen."""

    inaugural = "inaugural"
    election = "election"
    rotation = "rotation"
    rotation_no_election = "rotation_no_election"
    waive = "waive"
    defer = "defer"
    swap = "swap"
    interim = "interim"
    extension = "extension"
    reorder = "reorder"


#: The holder is the cursor: the rotation restarts from it.
RESTART = {Selection.election, Selection.waive}
#: UNODC holds the term; no state's turn is used up.
HOLD = {Selection.inaugural, Selection.interim}
#: The holder was set by hand; the rotation carries on beneath it.
PINNED = {Selection.swap, Selection.defer}


class ScheduleError(ValueError):
    """An operation the rules refuse; ``code`` names the reason for the caller's message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Rules:
    """What the policy says about the terms not yet started."""

    order: tuple[str, ...]
    term_months: int = 6
    #: States the rotation skips (suspended or inactive).
    skip: frozenset[str] = frozenset()

    @property
    def eligible(self) -> tuple[str, ...]:
        return tuple(c for c in self.order if c not in self.skip)


@dataclass(frozen=True)
class Slot:
    sequence: int
    holder: str
    cursor: str | None
    starts_on: date
    ends_on: date
    selection: Selection
    stretch_start: date
    stretch_index: int

    @property
    def is_secretariat(self) -> bool:
        return self.holder == SECRETARIAT

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


# -- dates -------------------------------------------------------------------------------


def stretch_bounds(stretch_start: date, index: int, months: int) -> tuple[date, date]:
    """First and last day of term ``index`` of the stretch starting on ``stretch_start``."""
    start = stretch_start + relativedelta(months=months * index)
    end = stretch_start + relativedelta(months=months * (index + 1)) - timedelta(days=1)
    return start, end


def next_stretch(prev: Slot, months: int) -> tuple[date, int]:
    """The stretch (start, index) of the term after ``prev``."""
    _start, natural_end = stretch_bounds(prev.stretch_start, prev.stretch_index, months)
    if prev.ends_on == natural_end:
        return prev.stretch_start, prev.stretch_index + 1
    return prev.ends_on + timedelta(days=1), 0


def extended_end(slot: Slot, months: int, extra_months: int) -> date:
    """The last day of ``slot`` lengthened to ``extra_months`` beyond its stretch's end."""
    return (
        slot.stretch_start
        + relativedelta(months=months * (slot.stretch_index + 1) + extra_months)
        - timedelta(days=1)
    )


# -- holders -----------------------------------------------------------------------------


def next_eligible(rules: Rules, cursor: str | None, *, also_skip: Iterable[str] = ()) -> str:
    """The first eligible state after ``cursor`` in rotation order, cycling."""
    skip = rules.skip | frozenset(also_skip)
    order = rules.order
    start = order.index(cursor) + 1 if cursor in order else 0
    for k in range(len(order)):
        code = order[(start + k) % len(order)]
        if code not in skip:
            return code
    raise ScheduleError("no_eligible_state")


def inaugural(anchor: date, months: int) -> Slot:
    """Term 0: UNODC's inaugural term from the anchor date."""
    start, end = stretch_bounds(anchor, 0, months)
    return Slot(0, SECRETARIAT, None, start, end, Selection.inaugural, anchor, 0)


def follow(prev: Slot, rules: Rules, selection: Selection = Selection.rotation) -> Slot:
    """The term after ``prev`` by plain rotation."""
    s_start, s_index = next_stretch(prev, rules.term_months)
    start, end = stretch_bounds(s_start, s_index, rules.term_months)
    holder = next_eligible(rules, prev.cursor)
    return Slot(prev.sequence + 1, holder, holder, start, end, selection, s_start, s_index)


def project(prev: Slot, rules: Rules, count: int) -> list[Slot]:
    """``count`` terms after ``prev`` by plain rotation."""
    out: list[Slot] = []
    for _ in range(count):
        prev = follow(prev, rules)
        out.append(prev)
    return out


def project_until(prev: Slot, rules: Rules, day: date) -> list[Slot]:
    """The terms after ``prev`` up to the one covering ``day`` (none if ``prev`` does)."""
    out: list[Slot] = []
    while prev.ends_on < day:
        prev = follow(prev, rules)
        out.append(prev)
    return out


def rederive(
    prev: Slot, upcoming: Sequence[Slot], rules: Rules, relabel: Selection | None = None
) -> list[Slot]:
    """Recompute the dates, cursors and rotation holders of ``upcoming`` after ``prev``.

    Holders set by hand (an election, a waive, a swap, an interim term) stay, unless the
    state is now skipped, when the term falls back to rotation. ``relabel`` renames the
    selection of the terms the rotation gave (a reorder).
    """
    out: list[Slot] = []
    for slot in upcoming:
        s_start, s_index = next_stretch(prev, rules.term_months)
        start, end = stretch_bounds(s_start, s_index, rules.term_months)
        selection = slot.selection
        holder = slot.holder
        if holder in rules.skip and selection not in HOLD:
            selection = relabel or Selection.rotation
        if selection in HOLD:
            cursor = prev.cursor
        elif selection in RESTART:
            cursor = holder
        elif selection in PINNED:
            cursor = next_eligible(rules, prev.cursor)
        else:
            cursor = holder = next_eligible(rules, prev.cursor)
            if relabel is not None:
                selection = relabel
        new = Slot(prev.sequence + 1, holder, cursor, start, end, selection, s_start, s_index)
        out.append(new)
        prev = new
    return out


# -- overrides on a plan -----------------------------------------------------------------


def _prev_of(prev: Slot, upcoming: Sequence[Slot], i: int) -> Slot:
    return upcoming[i - 1] if i > 0 else prev


def waive(prev: Slot, upcoming: Sequence[Slot], i: int, rules: Rules) -> list[Slot]:
    """The holder of ``upcoming[i]`` declines; the next state in order takes the term."""
    target = upcoming[i]
    if target.is_secretariat:
        raise ScheduleError("not_a_state")
    taker = next_eligible(rules, target.holder, also_skip=[target.holder])
    new = replace(target, holder=taker, cursor=taker, selection=Selection.waive)
    return [*upcoming[:i], new, *rederive(new, upcoming[i + 1 :], rules)]


def swap(upcoming: Sequence[Slot], i: int, j: int, selection: Selection = Selection.swap):
    """Exchange the holders of two upcoming terms; the cursors (the order) stay."""
    if i == j:
        raise ScheduleError("same_term")
    out = list(upcoming)
    a, b = out[i], out[j]
    if a.holder == b.holder:
        raise ScheduleError("same_holder")
    out[i] = replace(a, holder=b.holder, selection=_label(b.holder, selection))
    out[j] = replace(b, holder=a.holder, selection=_label(a.holder, selection))
    return out


def _label(holder: str, selection: Selection) -> Selection:
    return Selection.interim if holder == SECRETARIAT else selection


def defer(upcoming: Sequence[Slot], i: int) -> list[Slot]:
    """The holder of ``upcoming[i]`` swaps its term with the next term's holder."""
    if i + 1 >= len(upcoming):
        raise ScheduleError("no_next_term")
    if upcoming[i].is_secretariat or upcoming[i + 1].is_secretariat:
        raise ScheduleError("not_a_state")
    if upcoming[i].holder == upcoming[i + 1].holder:
        raise ScheduleError("same_holder")
    return swap(upcoming, i, i + 1, Selection.defer)


def interim(prev: Slot, upcoming: Sequence[Slot], i: int, rules: Rules) -> list[Slot]:
    """UNODC holds ``upcoming[i]``; the state whose turn it was chairs the term after."""
    target = upcoming[i]
    if target.is_secretariat:
        raise ScheduleError("already_secretariat")
    before = _prev_of(prev, upcoming, i)
    new = replace(target, holder=SECRETARIAT, cursor=before.cursor, selection=Selection.interim)
    return [*upcoming[:i], new, *rederive(new, upcoming[i + 1 :], rules)]


def step_down(
    current: Slot, upcoming: Sequence[Slot], day: date, rules: Rules
) -> tuple[Slot, list[Slot]]:
    """The current holder steps down; UNODC holds the rest of the term from ``day``.

    Returns the shortened current term and the new upcoming terms: the interim term, then
    the former upcoming terms one sequence later, on their own dates.
    """
    if current.is_secretariat:
        raise ScheduleError("already_secretariat")
    if not (current.starts_on < day <= current.ends_on):
        raise ScheduleError("not_within_term")
    shortened = replace(current, ends_on=day - timedelta(days=1))
    rest = Slot(
        current.sequence + 1,
        SECRETARIAT,
        current.cursor,
        day,
        current.ends_on,
        Selection.interim,
        current.stretch_start,
        current.stretch_index,
    )
    return shortened, [rest, *rederive(rest, upcoming, rules)]


def extend(current: Slot, upcoming: Sequence[Slot], months: int, extra: int, rules: Rules):
    """Lengthen ``current`` by ``months`` (1–12) whole months; all later terms move.

    ``extra`` is how many months the term was already extended by.
    """
    if not 1 <= months <= 12:
        raise ScheduleError("bad_months")
    longer = replace(
        current,
        ends_on=extended_end(current, rules.term_months, extra + months),
        selection=Selection.extension,
    )
    return longer, rederive(longer, upcoming, rules)


def restart_from(prev: Slot, upcoming: Sequence[Slot], i: int, holder: str, rules: Rules):
    """An election result: ``holder`` takes ``upcoming[i]`` and the rotation follows it."""
    new = replace(upcoming[i], holder=holder, cursor=holder, selection=Selection.election)
    return [*upcoming[:i], new, *rederive(new, upcoming[i + 1 :], rules)]


# -- checks used by tests and services ---------------------------------------------------


def is_contiguous(slots: Sequence[Slot]) -> bool:
    """No gaps and no overlaps, sequences consecutive, every term non-empty."""
    for a, b in zip(slots, slots[1:], strict=False):
        if b.sequence != a.sequence + 1 or b.starts_on != a.ends_on + timedelta(days=1):
            return False
    return all(s.starts_on <= s.ends_on for s in slots)
