"""The library's JSON API: list, read, create a draft with a token; strict validation."""

from __future__ import annotations

import pytest

from pvenet.auth.models import Role
from pvenet.auth.services import create_api_token
from pvenet.library.models import Practice, PracticeStatus

VALID = {
    "type": "research",
    "year": 2023,
    "original_language": "ru",
    "topics": ["drivers_research", "youth"],
    "target_groups": ["young_people"],
    "source_url": "https://example.org/study",
    "texts": {
        "ru": {
            "title": "Факторы радикализации в Ферганской долине",
            "summary": "Опрос 1 200 молодых людей.",
            "body": "## Методы\n\nАнкетирование и интервью.",
        }
    },
}


@pytest.fixture
def token(db, focal_point):
    _row, plain = create_api_token(focal_point, "script")
    db.session.commit()
    return {"Authorization": f"Bearer {plain}"}


def test_list_and_detail(client, make_practice):
    practice = make_practice(
        title="Dialogue platforms",
        translation=("Диалоговые площадки", "Кратко.", "Текст."),
        files=[("guide.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    res = client.get("/api/v1/practices")
    assert res.status_code == 200
    assert res.json["total"] == 1 and res.json["pages"] == 1
    item = res.json["items"][0]
    assert item["title"] == "Dialogue platforms" and item["language"] == "en"
    assert item["translation_status"] == {"en": "original", "ru": "translated"}
    detail = client.get(f"/api/v1/practices/{practice.id}?lang=ru").json
    assert detail["title"] == "Диалоговые площадки" and detail["language"] == "ru"
    assert set(detail["texts"]) == {"en", "ru"}
    assert detail["attachments"][0]["filename"] == "guide.pdf"
    assert client.get(detail["attachments"][0]["url"].replace("http://127.0.0.1:5000", "")).data


def test_list_paginates_and_filters(client, make_practice):
    for i in range(5):
        make_practice(state="KZ" if i % 2 else "TJ", year=2020 + i, title=f"Practice {i}")
    res = client.get("/api/v1/practices?per_page=2&page=2&sort=year").json
    assert res["total"] == 5 and res["pages"] == 3
    assert [p["year"] for p in res["items"]] == [2022, 2021]
    res = client.get("/api/v1/practices?state=kz&year=2021&year=2023&year=2024").json
    assert sorted(p["year"] for p in res["items"]) == [2021, 2023]
    # each facet is counted with the other filters but without its own
    assert res["facets"]["state"] == {"KZ": 2, "TJ": 1}
    assert res["facets"]["year"] == {"2021": 1, "2023": 1}


@pytest.mark.parametrize(
    "query,needle",
    [
        ("state=XX", "Unknown member state"),
        ("type=poem", "Unknown type"),
        ("topic=cats", "Unknown topic"),
        ("language=de", "Unknown language"),
        ("year=last", "The year must be a number"),
        ("published_since=2024-13-45", "YYYY-MM-DD"),
        ("sort=random", "Unknown sort order"),
        ("page=0", "positive number"),
        ("page=abc", "positive number"),
        ("per_page=1000", "per_page"),
        ("q=%00bad", "not allowed"),
    ],
)
def test_list_refuses_bad_filters_with_400(client, query, needle):
    res = client.get(f"/api/v1/practices?{query}")
    assert res.status_code == 400 and res.is_json
    assert needle in res.json["message"]


def test_errors_come_in_the_readers_language(client):
    res = client.get("/api/v1/practices?type=poem", headers={"Accept-Language": "ru"})
    assert res.status_code == 400
    assert "poem" in res.json["message"] and "Unknown" not in res.json["message"]


def test_detail_of_unknown_or_bad_id(client):
    assert client.get("/api/v1/practices/999").status_code == 404
    assert client.get("/api/v1/practices/abc").status_code == 404
    assert client.get("/api/v1/practices/1?lang=xx").status_code == 400


def test_create_draft_with_a_token(client, db, token, focal_point):
    res = client.post("/api/v1/practices", json=VALID, headers=token)
    assert res.status_code == 201, res.json
    practice = db.session.get(Practice, res.json["id"])
    assert practice.status == PracticeStatus.draft and practice.state.code == "KZ"
    assert practice.created_by_id == focal_point.id
    assert res.headers["Location"].endswith(f"/api/v1/practices/{practice.id}")
    assert res.json["translation_status"] == {"en": "missing", "ru": "original"}
    # the draft is not in the public listing
    assert client.get("/api/v1/practices").json["total"] == 0


def test_create_needs_a_token_not_a_session(client, auth, db, focal_point):
    assert client.post("/api/v1/practices", json=VALID).status_code == 401
    auth.login(focal_point)
    assert client.post("/api/v1/practices", json=VALID).status_code == 401
    # a session cookie does not stand in for a token that is not valid
    res = client.post("/api/v1/practices", json=VALID, headers={"Authorization": "Bearer nope"})
    assert res.status_code == 401
    assert db.session.query(Practice).count() == 0


def test_observer_token_may_not_create(client, db, observer):
    _row, plain = create_api_token(observer, "x")
    db.session.commit()
    res = client.post("/api/v1/practices", json=VALID, headers={"Authorization": f"Bearer {plain}"})
    assert res.status_code == 403


def test_focal_point_creates_for_own_state_only_admin_for_any(client, db, token, admin):
    res = client.post("/api/v1/practices", json={**VALID, "state": "TJ"}, headers=token)
    assert res.status_code == 403
    _row, plain = create_api_token(admin, "admin")
    db.session.commit()
    headers = {"Authorization": f"Bearer {plain}"}
    assert client.post("/api/v1/practices", json=VALID, headers=headers).status_code == 400
    res = client.post("/api/v1/practices", json={**VALID, "state": "TJ"}, headers=headers)
    assert res.status_code == 201 and res.json["state"] == "TJ"


def _without(key):
    return {k: v for k, v in VALID.items() if k != key}


@pytest.mark.parametrize(
    "body,needle",
    [
        ([1, 2], "JSON object"),
        ("text", "JSON object"),
        (_without("type"), "“type” is required"),
        (_without("texts"), "“texts” is required"),
        ({**VALID, "colour": "red"}, "Unknown field: colour"),
        ({**VALID, "type": "poem"}, "must be one of"),
        ({**VALID, "type": 3}, "must be a string"),
        ({**VALID, "year": "2023"}, "whole number"),
        ({**VALID, "year": True}, "whole number"),
        ({**VALID, "year": 1800}, "between"),
        ({**VALID, "original_language": "de"}, "must be one of"),
        ({**VALID, "visibility": "secret"}, "must be one of"),
        ({**VALID, "topics": "youth"}, "list"),
        ({**VALID, "topics": ["cats"]}, "must be one of"),
        ({**VALID, "state": "XX"}, "Unknown member state"),
        ({**VALID, "state": 5}, "must be a string"),
        ({**VALID, "source_url": "javascript:alert(1)"}, "http"),
        ({**VALID, "texts": []}, "object"),
        ({**VALID, "texts": {"de": {}}}, "must be one of"),
        ({**VALID, "texts": {"ru": {"title": "x"}}}, "texts.ru.summary"),
        ({**VALID, "texts": {"ru": {"title": 1, "summary": "s", "body": "b"}}}, "string"),
        ({**VALID, "texts": {"en": VALID["texts"]["ru"]}}, "original language"),
        (
            {**VALID, "texts": {"ru": {"title": "a\u0000b", "summary": "s", "body": "b"}}},
            "not allowed",
        ),
        ({**VALID, "texts": {"ru": {"title": "", "summary": "s", "body": "b"}}}, "texts.ru.title"),
        ({**VALID, "texts": {"ru": {**VALID["texts"]["ru"], "extra": 1}}}, "Unknown field"),
    ],
)
def test_create_refuses_bad_input_with_400(client, db, token, body, needle):
    res = client.post("/api/v1/practices", json=body, headers=token)
    assert res.status_code == 400, res.json
    assert needle in res.json["message"]
    assert db.session.query(Practice).count() == 0


def test_malformed_json_is_400(client, token):
    res = client.post(
        "/api/v1/practices",
        data="{not json",
        content_type="application/json",
        headers=token,
    )
    assert res.status_code == 400 and res.is_json


def test_openapi_describes_the_library(client):
    doc = client.get("/api/v1/openapi.json").json
    assert {"get", "post"} <= set(doc["paths"]["/api/v1/practices"])
    assert "get" in doc["paths"]["/api/v1/practices/{practice_id}"]
    for name in ("PracticeSummary", "PracticeDetail", "PracticeList", "PracticeCreate"):
        assert name in doc["components"]["schemas"]


def test_api_list_uses_the_token_owners_rights(client, db, make_user, make_practice):
    make_practice(visibility="network", title="Members only")
    observer = make_user(Role.observer, None)
    _row, plain = create_api_token(observer, "x")
    db.session.commit()
    assert client.get("/api/v1/practices").json["total"] == 0
    res = client.get("/api/v1/practices", headers={"Authorization": f"Bearer {plain}"})
    assert res.json["total"] == 1
