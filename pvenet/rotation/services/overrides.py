"""Overrides of the schedule (DESIGN.md): previewed, then applied with a reason, audited.

:func:`plan_override` computes the schedule an override would produce beside the current
one, refusing what the rules refuse; :func:`apply_override` stores it, records the
override (schedule before and after), writes the audit event and tells the focal points
of every state whose terms changed. Past and current terms keep their holders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l

from ...audit.services import record
from ...extensions import db
from .. import notices
from ..models import Override, OverrideKind
from ..schedule import (
    Rules,
    ScheduleError,
    Selection,
    Slot,
    defer,
    extend,
    interim,
    rederive,
    step_down,
    swap,
    waive,
)
from .errors import RotationError
from .queries import Schedule
from .store import (
    _schedule,
    cycle_length,
    ensure_stored,
    extra_months_of,
    save_upcoming,
    schedule_as_of,
    set_extra_months,
    slot_dict,
    upcoming_window,
)

__all__ = ["OverridePlan", "apply_override", "plan_override"]

_MESSAGES = {
    "no_eligible_state": _l("No other state is in the rotation to take the term."),
    "not_a_state": _l("UNODC holds that term; only a state's term can be changed this way."),
    "same_term": _l("A term cannot be swapped with itself."),
    "same_holder": _l("Both terms have the same holder; swapping them changes nothing."),
    "no_next_term": _l("There is no next term to swap with."),
    "already_secretariat": _l("UNODC already holds that term."),
    "not_within_term": _l(
        "The interim must start after the current term began and before it ends."
    ),
    "bad_months": _l("An extension is 1 to 12 whole months."),
}


@dataclass
class OverridePlan:
    kind: OverrideKind
    params: dict[str, Any]
    before: list[Slot]
    after: list[Slot]
    policy_changes: dict[str, Any] = field(default_factory=dict)
    extra_months: int | None = None

    @property
    def changed_after(self) -> set[int]:
        """Sequences of the terms in ``after`` that differ from every term in ``before``."""
        old = {(s.holder, s.starts_on, s.ends_on) for s in self.before}
        return {s.sequence for s in self.after if (s.holder, s.starts_on, s.ends_on) not in old}

    @property
    def changed_before(self) -> set[int]:
        new = {(s.holder, s.starts_on, s.ends_on) for s in self.after}
        return {s.sequence for s in self.before if (s.holder, s.starts_on, s.ends_on) not in new}

    @property
    def affected_states(self) -> set[str]:
        seqs_b, seqs_a = self.changed_before, self.changed_after
        codes = {s.holder for s in self.before if s.sequence in seqs_b}
        codes |= {s.holder for s in self.after if s.sequence in seqs_a}
        return {c for c in codes if len(c) == 2}


def _past(sequence: int) -> RotationError:
    return RotationError(
        _l(
            "Term %(n)s has already started or ended; past and current terms cannot be changed.",
            n=sequence,
        ),
        "sequence",
    )


def _index(upcoming: list[Slot], sequence: int) -> int:
    for i, slot in enumerate(upcoming):
        if slot.sequence == sequence:
            return i
    raise RotationError(_l("There is no term %(n)s in the schedule.", n=sequence), "sequence")


def _int(params: dict[str, Any], name: str) -> int:
    try:
        return int(params[name])
    except (KeyError, TypeError, ValueError):
        raise RotationError(_l("A whole number is needed."), name) from None


def plan_override(kind: OverrideKind | str, params: dict[str, Any], today: date) -> OverridePlan:
    """The schedule ``kind`` with ``params`` would produce, beside the current one."""
    kind = OverrideKind(kind)
    schedule = schedule_as_of(today)
    cycle = cycle_length(schedule)
    target = params.get("sequence")
    reach = max(2 * cycle, 1)
    prev, _stored = upcoming_window(schedule, today, 1)
    if target is not None:
        seq = _int(params, "sequence")
        reach = max(reach, seq - prev.sequence + cycle)
    if params.get("other") is not None:
        reach = max(reach, _int(params, "other") - prev.sequence + cycle)
    prev, upcoming = upcoming_window(schedule, today, reach)
    started = schedule.slot_on(today) is not None
    rules = schedule.rules
    try:
        return _plan(kind, params, schedule, prev, upcoming, rules, today, started)
    except ScheduleError as exc:
        raise RotationError(_MESSAGES.get(exc.code, exc.code)) from None


def _plan(
    kind: OverrideKind,
    params: dict[str, Any],
    schedule: Schedule,
    prev: Slot,
    upcoming: list[Slot],
    rules: Rules,
    today: date,
    started: bool,
) -> OverridePlan:
    before = [prev, *upcoming]

    def plan(after: list[Slot], **kw: Any) -> OverridePlan:
        return OverridePlan(kind, params, before, after, **kw)

    if kind in (OverrideKind.waive, OverrideKind.defer, OverrideKind.interim, OverrideKind.swap):
        seq = _int(params, "sequence")
        if kind == OverrideKind.interim and seq == prev.sequence and started:
            return _step_down(params, prev, upcoming, rules, today, plan)
        if seq <= prev.sequence:
            raise _past(seq)
        i = _index(upcoming, seq)
        if kind == OverrideKind.waive:
            return plan([prev, *waive(prev, upcoming, i, rules)])
        if kind == OverrideKind.defer:
            return plan([prev, *defer(upcoming, i)])
        if kind == OverrideKind.interim:
            return plan([prev, *interim(prev, upcoming, i, rules)])
        other = _int(params, "other")
        if other == seq:
            raise RotationError(_MESSAGES["same_term"], "other")
        if other <= prev.sequence:
            raise _past(other)
        return plan([prev, *swap(upcoming, i, _index(upcoming, other))])
    if kind == OverrideKind.extend:
        months = _int(params, "months")
        if not 1 <= months <= 12:
            raise RotationError(_MESSAGES["bad_months"], "months")
        if not started:
            raise RotationError(_l("No term is under way to extend."))
        extra = extra_months_of(schedule, prev.sequence)
        longer, moved = extend(prev, upcoming, months, extra, rules)
        return plan([longer, *moved], extra_months=extra + months)
    if kind in (OverrideKind.suspend, OverrideKind.reinstate):
        code = str(params.get("state", "")).upper()
        if code not in rules.order:
            raise RotationError(_l("Choose a state in the rotation order."), "state")
        suspended = set(schedule.policy.suspended or ())
        if kind == OverrideKind.suspend:
            if code in suspended:
                raise RotationError(_l("That state is already suspended."), "state")
            suspended.add(code)
            if not [c for c in rules.eligible if c not in suspended]:
                raise RotationError(
                    _l("The last state in the rotation cannot be suspended."), "state"
                )
        else:
            if code not in suspended:
                raise RotationError(_l("That state is not suspended."), "state")
            suspended.discard(code)
        inactive = {s.code for s in schedule.states if not s.is_active}
        new_rules = Rules(rules.order, rules.term_months, frozenset(suspended | inactive))
        return plan(
            [prev, *rederive(prev, upcoming, new_rules)],
            policy_changes={"suspended": sorted(suspended)},
        )
    # reorder
    order = [c.strip().upper() for c in params.get("order", []) if c and c.strip()]
    if sorted(order) != sorted(rules.order) or len(set(order)) != len(order):
        raise RotationError(
            _l("The new order must name each state of the rotation exactly once."), "order"
        )
    if order == list(rules.order):
        raise RotationError(_l("The new order is the same as the current one."), "order")
    new_rules = Rules(tuple(order), rules.term_months, rules.skip)
    return plan(
        [prev, *rederive(prev, upcoming, new_rules, relabel=Selection.reorder)],
        policy_changes={"order": order},
    )


def _step_down(params, prev, upcoming, rules, today, plan) -> OverridePlan:
    raw = params.get("from_on") or (today + timedelta(days=1)).isoformat()
    try:
        day = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
    except ValueError:
        raise RotationError(_l("Give the first day of the interim as a date."), "from_on") from None
    if day <= today:
        raise RotationError(
            _l("The interim can start tomorrow at the earliest; past days keep their chair."),
            "from_on",
        )
    shortened, after = step_down(prev, upcoming, day, rules)
    params["from_on"] = day.isoformat()
    return plan([shortened, *after])


def apply_override(
    actor: Any, kind: OverrideKind | str, params: dict[str, Any], *, reason: str, today: date
) -> Override:
    """Apply an override after the admin saw its preview; ``reason`` is required."""
    reason = (reason or "").strip()
    if not reason:
        raise RotationError(_l("Give the reason for the override."), "reason")
    plan = plan_override(kind, params, today)
    if not plan.changed_after and not plan.policy_changes:
        raise RotationError(_l("This override would not change the schedule."))
    schedule = _schedule()
    policy = schedule.policy
    for name, value in plan.policy_changes.items():
        setattr(policy, name, value)
    head, *rest = plan.after
    save_upcoming(schedule, head, rest)
    if plan.extra_months is not None:
        set_extra_months(schedule, head.sequence, plan.extra_months)
    db.session.flush()
    ensure_stored(today)
    override = Override(
        kind=plan.kind,
        reason=reason,
        actor_id=getattr(actor, "id", None),
        params={k: (v.isoformat() if isinstance(v, date) else v) for k, v in params.items()},
        before=[slot_dict(s) for s in plan.before],
        after=[slot_dict(s) for s in plan.after],
    )
    db.session.add(override)
    db.session.flush()
    record(
        actor,
        f"rotation.override.{plan.kind.value}",
        override,
        reason=reason,
        params=override.params,
        changed=sorted(plan.changed_after),
        **plan.policy_changes,
    )
    by_code = {s.code: s.id for s in schedule.states}
    state_ids = [by_code[c] for c in sorted(plan.affected_states) if c in by_code]
    if state_ids:
        notices.tell(
            notices.focal_points(state_ids),
            "rotation.override",
            {"kind": plan.kind.value, "reason": reason, "override_id": override.id},
            f"override:{override.id}",
            notices.rotation_path(),
        )
    return override
