"""Health checks and error pages."""

from __future__ import annotations

from unittest import mock

from werkzeug.exceptions import InternalServerError


def test_healthz_does_not_touch_the_database(client, db):
    with mock.patch.object(db.session, "execute", side_effect=AssertionError("db used")):
        res = client.get("/healthz")
    assert res.status_code == 200
    assert res.json == {"status": "ok"}


def test_readyz_checks_the_database(client, db):
    assert client.get("/readyz").json == {"status": "ok", "database": "ok"}
    with mock.patch.object(db.session, "execute", side_effect=RuntimeError("down")):
        res = client.get("/readyz")
    assert res.status_code == 503
    assert res.json["database"] == "unreachable"


def test_404_page_in_both_languages(client):
    res = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert res.status_code == 404
    assert "Page not found" in res.text
    res = client.get("/no-such-page", headers={"Accept-Language": "ru"})
    assert res.status_code == 404
    assert "Страница не найдена" in res.text
    assert '<html lang="ru">' in res.text


def test_500_page_is_friendly_and_logged(app, client, caplog):
    @app.get("/boom")
    def boom():
        raise RuntimeError("kaboom")

    res = client.get("/boom", headers={"Accept-Language": "ru"})
    assert res.status_code == 500
    assert "kaboom" not in res.text
    assert "Произошла ошибка" in res.text
    assert any("kaboom" in (r.exc_text or "") for r in caplog.records)


def test_413_when_body_too_large(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    res = client.post(
        "/auth/login",
        data={"email": "x" * 5000, "password": "y"},
        headers={"Accept-Language": "ru"},
    )
    assert res.status_code == 413
    assert "Слишком большой файл" in res.text


def test_api_errors_are_json(app, client):
    res = client.get("/api/v1/nothing-here")
    assert res.status_code == 404
    assert res.is_json and res.json["status"] == 404


def test_error_handler_rolls_back_failed_transaction(app, client, db):
    @app.get("/fail")
    def fail():
        raise InternalServerError()

    assert client.get("/fail").status_code == 500
    assert client.get("/readyz").status_code == 200
