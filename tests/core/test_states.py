"""Member states and their names as the UN writes them."""

from __future__ import annotations

import pytest

from pvenet.states.names import country_name
from pvenet.states.services import MEMBER_STATES, StateError, update_state

EXPECTED = {
    "en": {
        "KZ": "Kazakhstan",
        "KG": "Kyrgyzstan",
        "TJ": "Tajikistan",
        "TM": "Turkmenistan",
        "UZ": "Uzbekistan",
    },
    "ru": {
        "KZ": "Казахстан",
        "KG": "Кыргызстан",
        "TJ": "Таджикистан",
        "TM": "Туркменистан",
        "UZ": "Узбекистан",
    },
}


@pytest.mark.parametrize("locale", ["en", "ru"])
@pytest.mark.parametrize("code", MEMBER_STATES)
def test_all_ten_names(locale, code):
    assert country_name(code, locale) == EXPECTED[locale][code]


def test_home_page_lists_states_in_russian_with_un_name(client, states):
    res = client.get("/", headers={"Accept-Language": "ru"})
    assert "Кыргызстан" in res.text
    assert "Киргизия" not in res.text


def test_rotation_position_swap_and_last_active_state(db, states, admin):
    update_state(states["UZ"], actor=admin, is_active=True, rotation_position=1)
    assert states["UZ"].rotation_position == 1
    assert states["KZ"].rotation_position == 5
    for code in ("KZ", "KG", "TJ", "TM"):
        update_state(
            states[code],
            actor=admin,
            is_active=False,
            rotation_position=states[code].rotation_position,
        )
    with pytest.raises(StateError):
        update_state(states["UZ"], actor=admin, is_active=False, rotation_position=1)


def test_admin_state_page_updates_and_audits(client, auth, admin, states, db):
    from pvenet.audit.models import AuditEvent

    auth.login(admin)
    res = client.post(
        f"/admin/states/{states['TM'].id}", data={"rotation_position": "4"}, follow_redirects=True
    )
    assert res.status_code == 200
    db.session.refresh(states["TM"])
    assert states["TM"].is_active is False
    event = db.session.query(AuditEvent).filter_by(action="state.updated").one()
    assert event.details["is_active"] == [True, False]
    res = client.post(
        f"/admin/states/{states['TM'].id}",
        data={"rotation_position": "abc", "is_active": "1"},
        follow_redirects=True,
    )
    assert "whole number" in res.text
