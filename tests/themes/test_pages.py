"""The programme pages: reading in both languages, editing, reordering without JavaScript."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from pvenet import clock
from pvenet.auth.models import Role
from pvenet.themes.models import Meeting, Theme
from pvenet.themes.services.themes import ThemeContent, ThemeTextContent, add_theme, term_themes

from .conftest import almaty, content

IN_TERM1 = almaty(date(2019, 9, 1), 12)


def test_programme_marks_the_other_language(client, db, term1, focal_point):
    add_theme(
        term1,
        focal_point,
        ThemeContent(texts={"ru": ThemeTextContent("Религиозные лидеры", "Диалог.")}),
        now=IN_TERM1,
    )
    add_theme(term1, focal_point, content("Youth"), now=IN_TERM1)
    db.session.commit()
    clock.set_now(IN_TERM1)
    res = client.get("/programme/1", headers={"Accept-Language": "en"})
    assert res.status_code == 200
    html = res.text
    assert "Религиозные лидеры" in html and 'lang="ru"' in html and "In Russian" in html
    assert "Youth" in html
    res = client.get("/programme/1", headers={"Accept-Language": "ru"})
    assert "На английском" in res.text


def test_chair_adds_reorders_and_removes_themes(client, auth, db, term1, focal_point):
    clock.set_now(IN_TERM1)
    auth.login(focal_point)
    for title in ("First", "Second"):
        res = client.post(
            "/programme/1/themes/new",
            data={"scope": "regional", "state": "", "title_en": title, "description_en": "D"},
        )
        assert res.status_code == 302, res.text
    first, second = term_themes(term1)
    res = client.post(f"/programme/1/themes/{second.id}/move", data={"direction": "up"})
    assert res.status_code == 302
    db.session.expire_all()
    assert [t.title_for("en") for t in term_themes(term1)] == ["Second", "First"]
    page = client.get("/programme/1").text
    assert "Move up" in page and "Move down" in page
    res = client.post(
        f"/programme/1/themes/{first.id}/edit",
        data={"scope": "national", "state": "TJ", "title_en": "First", "title_ru": "Первая"},
    )
    assert res.status_code == 302
    db.session.expire_all()
    theme = db.session.get(Theme, first.id)
    assert theme.state.code == "TJ" and theme.languages == ["en", "ru"]
    assert client.post(f"/programme/1/themes/{first.id}/delete").status_code == 302
    assert len(term_themes(term1)) == 1


def test_refusals_are_shown_on_the_form(client, auth, db, term1, focal_point):
    clock.set_now(IN_TERM1)
    auth.login(focal_point)
    res = client.post("/programme/1/themes/new", data={"scope": "national", "title_en": "X"})
    assert res.status_code == 200 and "member state" in res.text
    assert db.session.scalar(select(Theme)) is None


def test_other_states_and_observers_may_not_edit(
    client, auth, db, term1, other_focal_point, observer
):
    clock.set_now(IN_TERM1)
    for user in (other_focal_point, observer):
        auth.login(user)
        assert client.get("/programme/1/themes/new").status_code == 403
        assert client.post("/programme/1/themes/new", data={"title_en": "X"}).status_code == 403
        assert "Add a theme" not in client.get("/programme/1").text
        auth.logout()
    assert client.get("/programme/1/themes/new").status_code == 302  # visitor: log in


def test_incoming_chair_sees_the_notice(client, auth, db, term2, make_user):
    kg = make_user(Role.focal_point, "KG")
    clock.set_now(almaty(date(2019, 12, 10)))
    auth.login(kg)
    page = client.get("/programme/2").text
    assert "incoming chair" in page and "Add a theme" in page


def test_past_terms_are_read_only(client, auth, db, term1, admin, focal_point):
    add_theme(term1, focal_point, content("Kept"), now=IN_TERM1)
    db.session.commit()
    clock.set_now(almaty(date(2020, 2, 1)))
    auth.login(admin)
    page = client.get("/programme/1").text
    assert "Kept" in page and "can no longer be changed" in page and "Add a theme" not in page
    assert client.get("/programme/1/themes/new").status_code == 403


def test_meetings_planned_and_listed(client, auth, db, term1, focal_point):
    clock.set_now(IN_TERM1)
    auth.login(focal_point)
    res = client.post(
        "/programme/1/meetings/new",
        data={
            "title": "Annual meeting",
            "starts_on": "2019-10-03",
            "ends_on": "2019-10-04",
            "city": "Almaty",
            "agenda": "Youth",
            "language": "ru",
            "visibility": "network",
        },
    )
    assert res.status_code == 302, res.text
    meeting = db.session.scalar(select(Meeting))
    assert meeting.language == "ru"
    assert "Annual meeting" in client.get("/programme/1").text
    auth.logout()
    assert "Annual meeting" not in client.get("/programme/1").text  # network-only
    res = client.post("/programme/1/meetings/new", data={"title": "x"})
    assert res.status_code == 302  # the visitor is sent to log in


def test_index_lists_terms(client, db, term1):
    res = client.get("/programme/")
    assert res.status_code == 200 and "Term 1" in res.text
    assert client.get("/programme/99").status_code == 404
