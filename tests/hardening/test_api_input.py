"""Hostile input to the API's writes: odd but legal text kept intact, the rest refused
clearly (400 naming the field, in the caller's language); oversized bodies get 413."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pvenet.auth.services import create_api_token
from pvenet.library.models import Practice, PracticeText

ODD = [
    "Кыргызстан — молодёжь",
    "Ўзбекистон Қозоғистон Türkmenistan",
    "mixed кириллица and latin",
    "zero\u200bwidth\u200c\u200djoiners\ufeff",
    "\u202eRTL override\u202c and \u2067isolate\u2069",
    "שלום عربى فارسی",
    "🇰🇿🇰🇬🇹🇯🇹🇲🇺🇿 👩🏽‍🏫",
    "x" * 300,
    "<script>alert(1)</script>",
    "%(name)s {0} {{x}}",
]


@pytest.fixture
def token(db, focal_point):
    _row, plain = create_api_token(focal_point, "fuzz")
    db.session.commit()
    return {"Authorization": f"Bearer {plain}"}


def _body(title: str, summary: str = "Summary.", body: str = "Body.") -> dict:
    return {
        "type": "research",
        "year": 2024,
        "original_language": "ru",
        "texts": {"ru": {"title": title, "summary": summary, "body": body}},
    }


def _stored(db, practice_id: int) -> PracticeText:
    db.session.expire_all()
    return db.session.get(Practice, practice_id).texts[0]


@pytest.mark.parametrize("title", ODD, ids=range(len(ODD)))
def test_odd_but_legal_text_is_kept_intact(client, db, token, title):
    res = client.post("/api/v1/practices", json=_body(title, title, title), headers=token)
    assert res.status_code == 201, res.json
    text = _stored(db, res.json["id"])
    assert (text.title, text.summary, text.body) == (title, title, title)
    # and it comes back from the API unchanged
    detail = client.get(f"/api/v1/practices/{res.json['id']}", headers=token).json
    assert detail["texts"]["ru"]["title"] == title


@pytest.mark.parametrize(
    "title,needle_en,needle_ru",
    [
        ("x" * 301, "longer than 300", "300"),
        ("a\x00b", "NUL", "NUL"),
        ("bell\x07", "not allowed", "недопустим"),
        ("esc\x1b[31m", "not allowed", "недопустим"),
        ("   ", "texts.ru.title", "texts.ru.title"),
    ],
)
def test_illegal_text_is_refused_clearly_in_both_languages(
    client, db, token, title, needle_en, needle_ru
):
    for lang, needle in (("en", needle_en), ("ru", needle_ru)):
        res = client.post(
            "/api/v1/practices", json=_body(title), headers={**token, "Accept-Language": lang}
        )
        assert res.status_code == 400, res.json
        assert needle in res.json["message"], (lang, res.json)
    assert db.session.query(Practice).count() == 0


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=st.text(min_size=1, max_size=320))
def _fuzz_titles(client, db, token, title):
    res = client.post("/api/v1/practices", json=_body(title), headers=token)
    assert res.status_code in (201, 400), (title, res.status_code)
    if res.status_code == 201:  # accepted: kept exactly (outer whitespace trimmed)
        assert _stored(db, res.json["id"]).title == title.strip()
    else:  # refused: the message says which field and why
        assert "texts.ru.title" in res.json["message"] or "NUL" in res.json["message"], res.json


def test_any_title_is_kept_intact_or_refused_clearly(client, db, token):
    _fuzz_titles(client, db, token)


def test_oversized_json_body_is_413_in_the_readers_language(app, client, db, token):
    app.config["MAX_JSON_KB"] = 64
    big = _body("Big", body="б" * 40_000)  # 80 KB of UTF-8
    for lang, needle in (("en", "larger than the allowed 64 KB"), ("ru", "64")):
        res = client.post("/api/v1/practices", json=big, headers={**token, "Accept-Language": lang})
        assert res.status_code == 413 and res.is_json, res.status_code
        assert needle in res.json["message"] and res.json["status"] == 413
    res = client.post("/api/v1/practices", json=big, headers={**token, "Accept-Language": "ru"})
    assert "КБ" in res.json["message"]
    assert db.session.query(Practice).count() == 0
    # just under the limit is fine
    ok = _body("Fits", body="b" * 30_000)
    assert client.post("/api/v1/practices", json=ok, headers=token).status_code == 201


def test_oversized_body_without_a_length_is_413_too(app, client, token):
    app.config["MAX_JSON_KB"] = 64
    data = json.dumps(_body("Big", body="b" * 100_000)).encode()
    res = client.post(
        "/api/v1/practices",
        input_stream=_Stream(data),
        headers={**token, "Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},  # as gunicorn sets for chunked
    )
    assert res.status_code == 413 and "64 KB" in res.json["message"]


class _Stream(io.BytesIO):
    """A request body whose length is not announced (chunked transfer)."""


def test_default_json_limit_takes_the_largest_legal_practice(client, db, token):
    body = _body("Large", body="б" * 100_000)
    body["texts"]["en"] = {"title": "Large", "summary": "S.", "body": "b" * 100_000}
    res = client.post("/api/v1/practices", json=body, headers=token)
    assert res.status_code == 201, res.json
