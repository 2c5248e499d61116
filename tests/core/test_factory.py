"""The application factory and its configuration."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from pvenet import ConfigError, create_app


def test_production_refuses_to_start_without_secret_and_database(monkeypatch):
    monkeypatch.delenv("PVENET_SECRET_KEY", raising=False)
    monkeypatch.delenv("PVENET_DATABASE_URL", raising=False)
    with pytest.raises(ConfigError) as err:
        create_app({"ENV": "production"})
    assert "PVENET_SECRET_KEY" in str(err.value)
    assert "PVENET_DATABASE_URL" in str(err.value)


def test_production_names_only_what_is_missing(monkeypatch):
    monkeypatch.setenv("PVENET_SECRET_KEY", "s3cret-from-env")
    monkeypatch.delenv("PVENET_DATABASE_URL", raising=False)
    with pytest.raises(ConfigError) as err:
        create_app({"ENV": "production"})
    assert "PVENET_DATABASE_URL" in str(err.value)
    assert "PVENET_SECRET_KEY" not in str(err.value)


def test_production_sets_secure_cookies(monkeypatch):
    monkeypatch.setenv("PVENET_SECRET_KEY", "s3cret-from-env")
    monkeypatch.setenv("PVENET_DATABASE_URL", "sqlite://")
    app = create_app({"ENV": "production", "SCHEDULER_MODE": "off"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_environment_variables_configure_the_app(monkeypatch, tmp_path):
    monkeypatch.setenv("PVENET_DEFAULT_LOCALE", "ru")
    monkeypatch.setenv("PVENET_MAX_UPLOAD_MB", "5")
    monkeypatch.setenv("PVENET_DATABASE_URL", f"sqlite:///{tmp_path}/x.db")
    app = create_app({"SCHEDULER_MODE": "off"})
    assert app.config["DEFAULT_LOCALE"] == "ru"
    assert app.config["MAX_UPLOAD_MB"] == 5
    assert app.config["MAX_CONTENT_LENGTH"] == 6 * 1024 * 1024
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("x.db")


def test_development_secret_is_generated_once(tmp_path, monkeypatch):
    monkeypatch.delenv("PVENET_SECRET_KEY", raising=False)
    monkeypatch.setenv("PVENET_INSTANCE_PATH", str(tmp_path / "inst"))
    first = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SCHEDULER_MODE": "off"})
    second = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SCHEDULER_MODE": "off"})
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) >= 40
    assert (tmp_path / "inst" / "secret_key").read_text().strip() == first.config["SECRET_KEY"]


def test_sqlite_file_uses_wal_foreign_keys_and_busy_timeout(tmp_path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/f.db",
            "SECRET_KEY": "x",
            "SCHEDULER_MODE": "off",
        }
    )
    from pvenet.extensions import db

    with app.app_context():
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    assert sqlite3.connect(tmp_path / "f.db").execute("PRAGMA journal_mode").fetchone()[0] == "wal"
