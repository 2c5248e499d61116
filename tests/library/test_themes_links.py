"""Practices linked to the chair's themes: the form, the page, the theme facet with its
counts, the API and exports, and the term report's figures from the library."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from pvenet.extensions import db as _db
from pvenet.library import facets
from pvenet.library.models import FacetCount, Practice
from pvenet.rotation.services.store import create_policy
from pvenet.themes.services import stored_term
from pvenet.themes.services.report import build_report
from pvenet.themes.services.themes import ThemeContent, ThemeTextContent, add_theme

from .conftest import NOW, form_data


@pytest.fixture
def themes(db, states, admin):
    """Turkmenistan's term 14 (2026-01-01 .. 2026-06-30) is current on NOW."""
    create_policy(
        None, anchor_on=date(2019, 1, 1), order=["KZ", "KG", "TJ", "TM", "UZ"], today=NOW.date()
    )
    term = stored_term(14)
    a = add_theme(term, admin, ThemeContent(texts={"en": ThemeTextContent("Youth", "")}), now=NOW)
    b = add_theme(term, admin, ThemeContent(texts={"ru": ThemeTextContent("Женщины", "")}), now=NOW)
    db.session.commit()
    return a, b


@pytest.fixture
def linked(themes, make_practice):
    a, b = themes
    kz1 = make_practice(state="KZ", title="Clubs", themes=[a.id])
    kz2 = make_practice(state="KZ", title="Mentors", themes=[a.id])
    kg = make_practice(state="KG", title="Imams", themes=[a.id, b.id])
    make_practice(state="TJ", status="submitted", title="Schools", themes=[b.id])
    make_practice(state="UZ", status="draft", title="Draft")
    make_practice(state="TM", title="Unlinked")
    return kz1, kz2, kg


def _rows():
    return sorted(
        (
            r.visibility,
            r.state_id,
            r.type,
            r.year,
            r.original_language,
            r.is_translated,
            r.theme_id,
            r.count,
            r.topic_0,
        )
        for r in _db.session.scalars(select(FacetCount))
        if r.count
    )


def test_theme_facet_counts_and_filter(client, linked, themes):
    a, b = themes
    data = client.get("/api/v1/practices").get_json()
    assert data["facets"]["theme"] == {str(a.id): 3, str(b.id): 1}
    data = client.get(f"/api/v1/practices?theme={a.id}").get_json()
    assert data["total"] == 3 and data["facets"]["state"] == {"KZ": 2, "KG": 1}
    # The theme facet itself is counted without the theme filter.
    assert data["facets"]["theme"] == {str(a.id): 3, str(b.id): 1}
    both = client.get(f"/api/v1/practices?theme={a.id}&theme={b.id}").get_json()
    assert both["total"] == 3
    search = client.get(f"/api/v1/practices?q=imams&theme={b.id}").get_json()
    assert search["total"] == 1 and search["facets"]["theme"] == {str(a.id): 1, str(b.id): 1}
    assert client.get("/api/v1/practices?theme=999").status_code == 400
    page = client.get(f"/library/?theme={a.id}", headers={"Accept-Language": "en"}).text
    assert "Theme of the chair" in page and "Youth (term 14: Turkmenistan)" in page


def test_counts_follow_links_and_match_a_rebuild(db, linked, themes):
    kz1, _kz2, kg = linked
    a, b = themes
    kz1.themes = []
    kg.themes = [b]
    db.session.flush()
    incremental = _rows()
    facets.rebuild(db.session)
    assert _rows() == incremental
    totals = {}
    for r in db.session.scalars(select(FacetCount).where(FacetCount.theme_id != 0)):
        totals[r.theme_id] = totals.get(r.theme_id, 0) + r.count
    assert totals == {a.id: 1, b.id: 1}


def test_practice_page_api_and_exports_show_themes(client, linked, themes):
    a, b = themes
    kg = linked[2]
    page = client.get(f"/library/{kg.id}", headers={"Accept-Language": "en"}).text
    assert "Themes of the chair" in page and "/programme/14#theme-" in page
    assert "Женщины" in page and "In Russian" in page
    data = client.get(f"/api/v1/practices/{kg.id}", headers={"Accept-Language": "en"}).get_json()
    assert [(t["id"], t["language"]) for t in data["themes"]] == [(a.id, "en"), (b.id, "ru")]
    csv = client.get("/library/export.csv").text
    assert f"{a.id}:Youth;{b.id}:Женщины" in csv
    exported = client.get("/library/export.json").get_json()
    items = exported["items"] if isinstance(exported, dict) else exported
    assert any(item["themes"] for item in items)


def test_form_links_themes_of_started_terms(client, auth, db, themes, focal_point):
    a, b = themes
    future = add_theme(
        stored_term(15),
        _admin(db),
        ThemeContent(texts={"en": ThemeTextContent("Next chair's theme", "")}),
        now=NOW,
    )
    db.session.commit()
    auth.login(focal_point)
    page = client.get("/library/new", headers={"Accept-Language": "en"}).text
    assert "Youth (term 14: Turkmenistan)" in page and "Next chair" not in page
    res = client.post("/library/new", data=form_data(themes=[str(a.id), str(b.id)]))
    assert res.status_code == 302
    practice = db.session.scalar(select(Practice).order_by(Practice.id.desc()))
    assert [t.id for t in practice.themes] == [a.id, b.id]
    res = client.post("/library/new", data=form_data(themes=[str(future.id)]))
    assert res.status_code == 200  # not a choice: refused on the form
    res = client.post("/library/new", data=form_data(themes=["abc"]))
    assert res.status_code == 200


def _admin(db):
    from pvenet.auth.models import Role, User

    return db.session.scalar(select(User).where(User.role == Role.admin))


def test_term_report_counts_the_library(db, linked, themes):
    a, b = themes
    data = build_report(stored_term(14), NOW)
    assert data["has_figures"] and not data["is_final"]
    assert data["by_state"] == {
        "KZ": {"contributed": 2, "published": 2},
        "KG": {"contributed": 1, "published": 1},
        "TJ": {"contributed": 1, "published": 0},
        "TM": {"contributed": 1, "published": 1},
        "UZ": {"contributed": 0, "published": 0},
    }
    assert data["by_theme"] == {
        str(a.id): {"contributed": 3, "published": 3},
        str(b.id): {"contributed": 2, "published": 1},
    }
    # Contributions 2, 1, 1, 1, 0: Gini 0.32, so the balance index is 0.68.
    assert data["balance"]["index"] == 0.68
    assert data["balance"]["shares"]["KZ"] == 0.4
    # Nothing of it happened in the previous term.
    before = build_report(stored_term(13), NOW)
    assert before["balance"] is None and before["by_state"]["KZ"]["contributed"] == 0


def test_a_removed_theme_leaves_no_counts(client, db, linked, themes, admin):
    from pvenet.themes.services.themes import delete_theme

    a, b = themes
    delete_theme(b, admin, now=NOW)
    db.session.commit()
    ids = set(db.session.scalars(select(FacetCount.theme_id).where(FacetCount.theme_id != 0)))
    assert ids == {a.id}
    assert client.get("/api/v1/practices").get_json()["facets"]["theme"] == {str(a.id): 3}
    kg = db.session.get(Practice, linked[2].id)
    db.session.refresh(kg)
    assert [t.id for t in kg.themes] == [a.id]


def test_api_creates_a_practice_linked_to_themes(client, db, themes, focal_point):
    from pvenet.auth.services import create_api_token

    a, _b = themes
    _token, plain = create_api_token(focal_point, "t")
    db.session.commit()
    body = {
        "type": "guidance",
        "year": 2025,
        "original_language": "en",
        "texts": {"en": {"title": "T", "summary": "S", "body": "B"}},
        "themes": [a.id],
    }
    headers = {"Authorization": f"Bearer {plain}"}
    res = client.post("/api/v1/practices", json=body, headers=headers)
    assert res.status_code == 201, res.get_json()
    assert [t["id"] for t in res.get_json()["themes"]] == [a.id]
    for bad in ([999_999], ["x"], "1"):
        res = client.post("/api/v1/practices", json={**body, "themes": bad}, headers=headers)
        assert res.status_code == 400
