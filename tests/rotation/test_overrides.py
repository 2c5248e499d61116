"""Each override: its effect, its audit record, its notice, its refusals (in both languages)."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from pvenet.audit.models import AuditEvent
from pvenet.auth.models import Role
from pvenet.notifications.models import Notification
from pvenet.rotation.models import Override
from pvenet.rotation.services import queries as q
from pvenet.rotation.services.errors import RotationError
from pvenet.rotation.services.overrides import apply_override, plan_override

# Term 15 (2026-07-01..2026-12-31) is UZ's; term 16 (from 2027-01-01) KZ's.
TODAY = date(2026, 8, 1)


def holders(first, last, today=TODAY):
    return [q.term_by_sequence(n, today).holder_code for n in range(first, last + 1)]


@pytest.fixture
def fps(make_user):
    return {code: make_user(Role.focal_point, code) for code in ("KZ", "KG", "TJ", "TM", "UZ")}


def apply(admin, kind, reason="Agreed at the network meeting", **params):
    return apply_override(admin, kind, params, reason=reason, today=TODAY)


def test_waive(db, policy, admin, fps):
    assert holders(15, 21) == ["UZ", "KZ", "KG", "TJ", "TM", "UZ", "KZ"]
    override = apply(admin, "waive", sequence=16)
    db.session.commit()
    assert holders(15, 21) == ["UZ", "KG", "TJ", "TM", "UZ", "KZ", "KG"]
    assert q.term_by_sequence(16, TODAY).selection == "waive"
    assert override.before[1]["holder"] == "KZ" and override.after[1]["holder"] == "KG"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action.like("%waive")))
    assert event.details["reason"] == "Agreed at the network meeting"
    told = db.session.scalars(
        select(Notification.user_id).where(Notification.kind == "rotation.override")
    ).all()
    assert fps["KZ"].id in told and fps["KG"].id in told


def test_defer_changes_nothing_after_the_pair(db, policy, admin, fps):
    apply(admin, "defer", sequence=16)
    assert holders(15, 21) == ["UZ", "KG", "KZ", "TJ", "TM", "UZ", "KZ"]


def test_swap(db, policy, admin, fps):
    apply(admin, "swap", sequence=16, other=19)
    assert holders(15, 21) == ["UZ", "TM", "KG", "TJ", "KZ", "UZ", "KZ"]


def test_extend_moves_later_terms(db, policy, admin, fps):
    apply(admin, "extend", months=3)
    current = q.term_by_sequence(15, TODAY)
    assert current.ends_on == date(2027, 3, 31) and current.state_code == "UZ"
    nxt = q.term_by_sequence(16, TODAY)
    assert (nxt.starts_on, nxt.ends_on, nxt.state_code) == (
        date(2027, 4, 1),
        date(2027, 9, 30),
        "KZ",
    )
    assert q.term_on(date(2027, 2, 1)).state_code == "UZ"


def test_interim_upcoming_and_current(db, policy, admin, fps):
    apply(admin, "interim", sequence=17)
    assert holders(15, 19) == ["UZ", "KZ", "UNODC", "KG", "TJ"]
    apply(admin, "interim", sequence=15, from_on=date(2026, 9, 1))
    assert q.term_on(date(2026, 8, 31), TODAY).state_code == "UZ"
    interim = q.term_on(date(2026, 9, 1), TODAY)
    assert interim.holder_code == "UNODC" and interim.ends_on == date(2026, 12, 31)
    assert q.term_on(date(2027, 1, 1), TODAY).state_code == "KZ"


def test_suspend_and_reinstate(db, policy, admin, fps):
    apply(admin, "suspend", state="KZ")
    assert holders(15, 20) == ["UZ", "KG", "TJ", "TM", "UZ", "KG"]
    apply(admin, "reinstate", state="KZ")
    assert holders(15, 20) == ["UZ", "KZ", "KG", "TJ", "TM", "UZ"]


def test_reorder(db, policy, admin, fps):
    apply(admin, "reorder", order=["UZ", "TM", "TJ", "KG", "KZ"])
    assert holders(15, 20) == ["UZ", "TM", "TJ", "KG", "KZ", "UZ"]
    assert q.term_by_sequence(16, TODAY).selection == "reorder"


def test_preview_shows_before_and_after_without_storing(db, policy, admin):
    plan = plan_override("waive", {"sequence": 16}, TODAY)
    assert [s.holder for s in plan.before[:3]] == ["UZ", "KZ", "KG"]
    assert [s.holder for s in plan.after[:3]] == ["UZ", "KG", "TJ"]
    assert 16 in plan.changed_after
    assert holders(16, 16) == ["KZ"]
    assert db.session.scalar(select(Override.id)) is None


@pytest.mark.parametrize(
    "kind,params,english,russian",
    [
        ("waive", {"sequence": 14}, "past and current terms cannot be changed", "нельзя"),
        ("swap", {"sequence": 15, "other": 17}, "past and current terms", "нельзя"),
        ("swap", {"sequence": 17, "other": 17}, "swapped with itself", "сам"),
        ("extend", {"months": 0}, "1 to 12 whole months", "от 1 до 12"),
        ("extend", {"months": 13}, "1 to 12 whole months", "от 1 до 12"),
    ],
)
def test_invalid_requests_are_refused_clearly(policy, admin, kind, params, english, russian):
    with pytest.raises(RotationError) as err:
        apply(admin, kind, **params)
    assert english in str(err.value.message)
    with force_locale("ru"):
        assert russian in str(err.value.message)


def test_suspending_the_last_active_state_is_refused(policy, admin):
    for code in ("KZ", "KG", "TJ", "TM"):
        apply(admin, "suspend", state=code)
    with pytest.raises(RotationError) as err:
        apply(admin, "suspend", state="UZ")
    assert "last state" in str(err.value.message)
    with force_locale("ru"):
        assert "последнее" in str(err.value.message)


def test_a_reason_is_required(policy, admin):
    with pytest.raises(RotationError) as err:
        apply(admin, "waive", reason=" ", sequence=16)
    assert err.value.field == "reason"


def test_past_terms_never_change(db, policy, admin):
    past = [q.term_by_sequence(n, TODAY) for n in range(0, 16)]
    apply(admin, "reorder", order=["TM", "UZ", "KZ", "KG", "TJ"])
    apply(admin, "waive", sequence=17)
    apply(admin, "suspend", state="TM")
    after = [q.term_by_sequence(n, TODAY) for n in range(0, 16)]
    assert [(t.holder_code, t.starts_on, t.ends_on) for t in past] == [
        (t.holder_code, t.starts_on, t.ends_on) for t in after
    ]
