"""Themes and meetings: the editing window, the one-to-five rule, scope, audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pvenet.audit.models import AuditEvent
from pvenet.auth.models import Role
from pvenet.themes.models import Theme, ThemeScope
from pvenet.themes.services import ThemeError
from pvenet.themes.services.access import may_edit
from pvenet.themes.services.meetings import MeetingContent, add_meeting
from pvenet.themes.services.themes import (
    ThemeContent,
    ThemeTextContent,
    add_theme,
    delete_theme,
    edit_theme,
    move_theme,
    term_themes,
)

from .conftest import almaty, content

IN_TERM1 = almaty(date(2019, 9, 1), 12)


def test_terms_are_the_rotations(term1, term2):
    assert (term1.state.code, term1.starts_on, term1.ends_on) == (
        "KZ",
        date(2019, 7, 1),
        date(2019, 12, 31),
    )
    assert term2.state.code == "KG"


def test_incoming_chair_from_day_minus_30(db, term1, focal_point):
    day_minus_31 = term1.starts_on - timedelta(days=31)
    day_minus_30 = term1.starts_on - timedelta(days=30)
    assert not may_edit(focal_point, term1, almaty(day_minus_31, 23, 59))
    with pytest.raises(ThemeError):
        add_theme(term1, focal_point, content(), now=almaty(day_minus_31, 23, 59))
    assert may_edit(focal_point, term1, almaty(day_minus_30))
    theme = add_theme(term1, focal_point, content(), now=almaty(day_minus_30))
    assert theme.position == 1 and theme.term_id == term1.id


def test_outgoing_chair_refused_from_the_handover_minute(db, term1, focal_point, admin):
    theme = add_theme(term1, focal_point, content(), now=IN_TERM1)
    handover = almaty(term1.ends_on + timedelta(days=1))
    last_minute = handover - timedelta(minutes=1)
    assert edit_theme(theme, focal_point, content("Changed"), now=last_minute)
    assert not may_edit(focal_point, term1, handover)
    with pytest.raises(ThemeError):
        edit_theme(theme, focal_point, content("Too late"), now=handover)
    # Past terms are read-only for everyone, administrators included.
    assert not may_edit(admin, term1, handover)


def test_who_may_edit(db, term1, term2, focal_point, other_focal_point, admin, observer):
    assert may_edit(admin, term2, IN_TERM1)  # admins: any term not ended, any time
    assert not may_edit(other_focal_point, term2, IN_TERM1)  # KG: 4 months before its term
    assert may_edit(other_focal_point, term2, almaty(date(2019, 12, 2)))
    assert not may_edit(other_focal_point, term1, IN_TERM1)  # not its term
    assert not may_edit(observer, term1, IN_TERM1)
    assert not may_edit(focal_point, term2, IN_TERM1)


def test_one_to_five_themes(db, term1, focal_point):
    for n in range(5):
        add_theme(term1, focal_point, content(f"Theme {n}"), now=IN_TERM1)
    with pytest.raises(ThemeError, match="at most 5"):
        add_theme(term1, focal_point, content("Sixth"), now=IN_TERM1)
    themes = term_themes(term1)
    assert [t.position for t in themes] == [1, 2, 3, 4, 5]
    for theme in themes[1:]:
        delete_theme(theme, focal_point, now=IN_TERM1)
    # The term has started: its last theme stays.
    with pytest.raises(ThemeError, match="at least one"):
        delete_theme(themes[0], focal_point, now=IN_TERM1)
    assert len(term_themes(term1)) == 1


def test_incoming_chair_may_remove_every_theme_before_its_term(db, term2, other_focal_point):
    before = almaty(date(2019, 12, 15))
    theme = add_theme(term2, other_focal_point, content(), now=before)
    delete_theme(theme, other_focal_point, now=before)
    assert term_themes(term2) == []


def test_reorder(db, term1, focal_point):
    a, b, c = (add_theme(term1, focal_point, content(x), now=IN_TERM1) for x in "ABC")
    assert move_theme(c, focal_point, -1, now=IN_TERM1)
    assert [t.title_for("en") for t in term_themes(term1)] == ["A", "C", "B"]
    assert not move_theme(a, focal_point, -1, now=IN_TERM1)
    assert move_theme(a, focal_point, +1, now=IN_TERM1)
    assert [t.title_for("en") for t in term_themes(term1)] == ["C", "A", "B"]
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "themes.reordered"))
    assert len(list(events)) == 2


def test_languages_are_marked_and_blank_ones_dropped(db, term1, focal_point):
    theme = add_theme(
        term1,
        focal_point,
        ThemeContent(
            texts={
                "ru": ThemeTextContent("Молодёжь", "Описание"),
                "en": ThemeTextContent("  ", ""),
            }
        ),
        now=IN_TERM1,
    )
    assert theme.languages == ["ru"]
    # A reader of English gets the Russian text, and knows it is Russian.
    assert theme.text_for("en").language == "ru"
    with pytest.raises(ThemeError, match="title"):
        add_theme(
            term1,
            focal_point,
            ThemeContent(texts={"en": ThemeTextContent("", "Only a description")}),
            now=IN_TERM1,
        )
    with pytest.raises(ThemeError):
        add_theme(term1, focal_point, ThemeContent(texts={}), now=IN_TERM1)


def test_national_scope_needs_a_state(db, term1, focal_point):
    with pytest.raises(ThemeError, match="member state"):
        add_theme(term1, focal_point, content(scope=ThemeScope.national), now=IN_TERM1)
    theme = add_theme(
        term1, focal_point, content(scope=ThemeScope.national, state_code="tj"), now=IN_TERM1
    )
    assert theme.state.code == "TJ"
    regional = content(scope=ThemeScope.regional, state_code="TJ")
    edit_theme(theme, focal_point, regional, now=IN_TERM1)
    assert theme.state is None


def test_every_change_is_audited(db, term1, focal_point):
    theme = add_theme(term1, focal_point, content(), now=IN_TERM1)
    edit_theme(theme, focal_point, content("Renamed"), now=IN_TERM1)
    add_theme(term1, focal_point, content("Other"), now=IN_TERM1)
    delete_theme(theme, focal_point, now=IN_TERM1)
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
    actions = [e.action for e in events if e.action.startswith("themes.")]
    assert actions == ["themes.created", "themes.updated", "themes.created", "themes.deleted"]
    updated = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "themes.updated"))
    assert updated.actor_id == focal_point.id
    assert updated.details["texts"][1]["en"]["title"] == "Renamed"
    assert db.session.scalar(select(Theme).where(Theme.id == theme.id)) is None


def test_meetings_follow_the_same_window(db, term1, term2, focal_point, other_focal_point):
    meeting = MeetingContent(
        title="Network meeting",
        starts_on=date(2019, 10, 3),
        ends_on=date(2019, 10, 4),
        city="Almaty",
        is_online=False,
        agenda="Youth",
        language="en",
    )
    m = add_meeting(term1, focal_point, meeting, now=IN_TERM1)
    assert m.term_id == term1.id
    with pytest.raises(ThemeError):
        add_meeting(term1, other_focal_point, meeting, now=IN_TERM1)
    outside = MeetingContent(**{**meeting.__dict__, "starts_on": date(2020, 1, 5)})
    with pytest.raises(ThemeError, match="starts between"):
        add_meeting(term1, focal_point, outside, now=IN_TERM1)
    no_city = MeetingContent(**{**meeting.__dict__, "city": ""})
    with pytest.raises(ThemeError, match="online"):
        add_meeting(term1, focal_point, no_city, now=IN_TERM1)


def test_secretariat_term_only_admins(db, policy, make_user, admin):
    from pvenet.themes.services import stored_term

    term0 = stored_term(0)
    fp = make_user(Role.focal_point, "KZ")
    now = almaty(date(2019, 2, 1))
    assert not may_edit(fp, term0, now)
    assert may_edit(admin, term0, now)
