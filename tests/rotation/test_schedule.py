"""The pure schedule arithmetic, checked with property-based tests (no Flask, no database)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pvenet.rotation import schedule as s
from pvenet.rotation.schedule import SECRETARIAT, Rules, ScheduleError, Selection

ORDER = ("KZ", "KG", "TJ", "TM", "UZ")
#: No per-example deadline: the machine is shared and slow runs are not failures.
SLOW_OK = settings(deadline=None)

anchors = st.dates(min_value=date(2000, 1, 1), max_value=date(2080, 12, 31))
months = st.sampled_from([1, 3, 4, 6, 12])
orders = st.permutations(ORDER).map(tuple)
skips = st.sets(st.sampled_from(ORDER), max_size=4).map(frozenset)


def plan(anchor, rules, n):
    first = s.inaugural(anchor, rules.term_months)
    return first, s.project(first, rules, n)


@SLOW_OK
@given(anchors, months, orders, skips, st.integers(1, 40))
def test_no_gaps_no_overlaps(anchor, m, order, skip, n):
    rules = Rules(order, m, skip)
    first, later = plan(anchor, rules, n)
    assert s.is_contiguous([first, *later])


@SLOW_OK
@given(anchors, months, orders, st.integers(1, 8))
def test_each_active_state_chairs_once_per_cycle(anchor, m, order, cycles):
    rules = Rules(order, m)
    _first, later = plan(anchor, rules, len(order) * cycles)
    for c in range(cycles):
        cycle = [t.holder for t in later[c * len(order) : (c + 1) * len(order)]]
        assert sorted(cycle) == sorted(order)
        assert tuple(cycle) == order  # term 1 goes to the first state when nobody was elected


@SLOW_OK
@given(anchors, months, orders, st.integers(1, 60))
def test_starts_follow_the_anchor_in_whole_months(anchor, m, order, n):
    rules = Rules(order, m)
    first, later = plan(anchor, rules, n)
    for t in [first, *later]:
        assert t.starts_on == anchor + relativedelta(months=m * t.sequence)
        assert t.ends_on == anchor + relativedelta(months=m * (t.sequence + 1)) - timedelta(1)


def test_end_of_month_clamping_without_drift():
    rules = Rules(ORDER, 6)
    first, later = plan(date(2025, 8, 31), rules, 3)
    assert [t.starts_on for t in later] == [date(2026, 2, 28), date(2026, 8, 31), date(2027, 2, 28)]
    assert first.ends_on == date(2026, 2, 27)


@SLOW_OK
@given(anchors, orders, skips, st.integers(1, 30))
def test_suspended_states_are_skipped(anchor, order, skip, n):
    assume(len(skip) < len(order))
    rules = Rules(order, 6, skip)
    _first, later = plan(anchor, rules, n)
    assert not {t.holder for t in later} & skip
    assert all(t.holder in order for t in later)


def test_everyone_suspended_is_refused():
    with pytest.raises(ScheduleError):
        s.next_eligible(Rules(ORDER, 6, frozenset(ORDER)), None)


@SLOW_OK
@given(anchors, orders, st.integers(0, 8), st.integers(2, 20))
def test_a_waiving_state_keeps_its_later_turns(anchor, order, i, n):
    assume(i < n)
    rules = Rules(order, 6)
    first, later = plan(anchor, rules, n + 10)
    waiver = later[i].holder
    after = s.waive(first, later, i, rules)
    assert after[i].holder != waiver
    assert after[i].holder == order[(order.index(waiver) + 1) % len(order)]
    assert waiver in [t.holder for t in after[i + 1 : i + 1 + len(order)]]
    assert after[:i] == later[:i]
    assert s.is_contiguous([first, *after])
    # no state chairs twice in a row
    assert all(a.holder != b.holder for a, b in zip(after, after[1:], strict=False))


@SLOW_OK
@given(anchors, orders, st.integers(0, 10), st.integers(12, 30))
def test_a_defer_changes_nothing_after_the_swapped_pair(anchor, order, i, n):
    rules = Rules(order, 6)
    first, later = plan(anchor, rules, n)
    after = s.defer(later, i)
    assert after[i].holder == later[i + 1].holder
    assert after[i + 1].holder == later[i].holder
    assert after[:i] == later[:i]
    assert after[i + 2 :] == later[i + 2 :]
    # and the order after the pair survives a later re-derivation (e.g. another override)
    again = s.rederive(first, after, rules)
    assert [t.holder for t in again] == [t.holder for t in after]


@SLOW_OK
@given(anchors, orders, st.integers(0, 10), st.integers(0, 10))
def test_swap_exchanges_two_holders_only(anchor, order, i, j):
    rules = Rules(order, 6)
    _first, later = plan(anchor, rules, 12)
    if i == j:
        with pytest.raises(ScheduleError):
            s.swap(later, i, j)
        return
    assume(later[i].holder != later[j].holder)
    after = s.swap(later, i, j)
    assert (after[i].holder, after[j].holder) == (later[j].holder, later[i].holder)
    others = [k for k in range(len(later)) if k not in (i, j)]
    assert [after[k] for k in others] == [later[k] for k in others]


@SLOW_OK
@given(anchors, months, orders, st.integers(1, 12), st.integers(1, 12), st.integers(0, 12))
def test_extend_moves_later_terms_and_keeps_whole_months(anchor, m, order, k, cur, n):
    rules = Rules(order, m)
    first, later = plan(anchor, rules, cur + n + 1)
    current = later[cur - 1]
    upcoming = later[cur:]
    longer, moved = s.extend(current, upcoming, k, 0, rules)
    assert longer.holder == current.holder and longer.starts_on == current.starts_on
    # measured from the stretch's start, not the (maybe clamped) start of the term
    assert longer.ends_on == anchor + relativedelta(months=m * (cur + 1) + k) - timedelta(1)
    assert [t.holder for t in moved] == [t.holder for t in upcoming]
    assert s.is_contiguous([longer, *moved])
    for t in moved:
        assert t.starts_on == longer.ends_on + timedelta(1) + relativedelta(
            months=m * (t.sequence - longer.sequence - 1)
        )


def test_extend_refuses_zero_and_more_than_twelve_months():
    rules = Rules(ORDER, 6)
    first, later = plan(date(2019, 1, 1), rules, 3)
    for k in (0, 13, -1):
        with pytest.raises(ScheduleError):
            s.extend(later[0], later[1:], k, 0, rules)


@SLOW_OK
@given(anchors, orders, st.integers(0, 8))
def test_interim_holds_a_term_without_using_a_turn(anchor, order, i):
    rules = Rules(order, 6)
    first, later = plan(anchor, rules, 12)
    after = s.interim(first, later, i, rules)
    assert after[i].holder == SECRETARIAT
    assert after[i + 1].holder == later[i].holder  # the displaced state chairs next
    assert s.is_contiguous([first, *after])


def test_step_down_splits_the_current_term():
    rules = Rules(ORDER, 6)
    first, later = plan(date(2019, 1, 1), rules, 4)
    current, upcoming = later[0], later[1:]
    short, after = s.step_down(current, upcoming, date(2019, 9, 15), rules)
    assert short.holder == current.holder and short.ends_on == date(2019, 9, 14)
    assert after[0].holder == SECRETARIAT and after[0].starts_on == date(2019, 9, 15)
    assert after[0].ends_on == current.ends_on
    assert [t.starts_on for t in after[1:]] == [t.starts_on for t in upcoming]
    assert s.is_contiguous([first, short, *after])


@settings(max_examples=200, deadline=None)
@given(
    anchors,
    orders,
    st.lists(
        st.tuples(
            st.sampled_from(["waive", "defer", "swap", "interim", "suspend", "reorder"]),
            st.integers(0, 6),
            st.integers(0, 6),
            orders,
        ),
        max_size=6,
    ),
    st.integers(1, 6),
)
def test_overrides_never_touch_past_or_current_terms(anchor, order, ops, cur):
    """Any sequence of overrides leaves started terms alone and keeps the plan contiguous."""
    rules = Rules(order, 6)
    first, later = plan(anchor, rules, cur + 12)
    started = [first, *later[:cur]]
    prev, upcoming = started[-1], later[cur:]
    for name, i, j, new_order in ops:
        try:
            if name == "waive":
                upcoming = s.waive(prev, upcoming, i, rules)
            elif name == "defer":
                upcoming = s.defer(upcoming, i)
            elif name == "swap":
                upcoming = s.swap(upcoming, i, j)
            elif name == "interim":
                upcoming = s.interim(prev, upcoming, i, rules)
            elif name == "suspend":
                skip = rules.skip | {order[i % len(order)]}
                if len(skip) < len(order):
                    rules = Rules(rules.order, 6, frozenset(skip))
                    upcoming = s.rederive(prev, upcoming, rules)
            else:
                rules = Rules(new_order, 6, rules.skip)
                upcoming = s.rederive(prev, upcoming, rules, relabel=Selection.reorder)
        except ScheduleError:
            continue
        assert started == [first, *later[:cur]]
        assert s.is_contiguous([*started, *upcoming])
        assert len(upcoming) == 12


def test_election_restarts_the_rotation_from_the_elected_state():
    rules = Rules(ORDER, 6)
    first, later = plan(date(2019, 1, 1), rules, 6)
    after = s.restart_from(first, later, 0, "TJ", rules)
    assert [t.holder for t in after] == ["TJ", "TM", "UZ", "KZ", "KG", "TJ"]
    assert after[0].selection == Selection.election
