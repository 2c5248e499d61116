"""Configuration: defaults here, then ``PVENET_*`` environment variables, then test overrides.

Every setting can be given as ``PVENET_<NAME>`` in the environment (or in ``.env``);
values are parsed as JSON when they look like JSON (``PVENET_MAIL_PORT=587``), as
Flask's ``from_prefixed_env`` does. ``PVENET_DATABASE_URL`` is the one alias kept
short because operators type it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask


class ConfigError(RuntimeError):
    """The app cannot start with this configuration; the message says what is missing."""


DEFAULTS: dict[str, Any] = {
    "ENV": "development",
    "DEFAULT_LOCALE": "en",
    "LANGUAGES": ["en", "ru"],
    # Mail: "log" prints messages to the application log; "smtp" sends them.
    "MAIL_BACKEND": "log",
    "MAIL_SERVER": "localhost",
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USE_SSL": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,  # nosec B105
    "MAIL_DEFAULT_SENDER": "pvenet <no-reply@pvenet.local>",
    # Scheduler: "process" runs it inside the web process (development),
    # "off" leaves it to a separate `flask scheduler run` process (production).
    "SCHEDULER_MODE": "process",
    # Uploads
    "MAX_UPLOAD_MB": 20,
    "UPLOAD_STORAGE": "filesystem",
    # JSON bodies of the API (no files there): two full texts of the largest size fit
    "MAX_JSON_KB": 2048,
    # Login throttling: failures counted in a window, per account and per address.
    "LOGIN_MAX_FAILURES_PER_ACCOUNT": 5,
    "LOGIN_MAX_FAILURES_PER_ADDRESS": 20,
    "LOGIN_THROTTLE_MINUTES": 15,
    "INVITATION_DAYS": 7,
    "RESET_HOURS": 2,
    "BASE_URL": "http://127.0.0.1:5000",
    "RATELIMIT_STORAGE_URI": "memory://",
}


def load_config(app: Flask, overrides: dict[str, Any] | None) -> None:
    """Fill ``app.config`` from defaults, the environment and ``overrides``, then check it."""
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("PVENET")
    if "DATABASE_URL" in app.config:
        app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
    app.config.update(overrides or {})

    production = app.config["ENV"] == "production"
    if production:
        missing = [
            name
            for name, key in (
                ("PVENET_SECRET_KEY", "SECRET_KEY"),
                ("PVENET_DATABASE_URL", "SQLALCHEMY_DATABASE_URI"),
            )
            if not app.config.get(key)
        ]
        if missing:
            raise ConfigError(
                "pvenet refuses to start in production without: " + ", ".join(missing)
            )
    else:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config.setdefault(
            "SQLALCHEMY_DATABASE_URI",
            "sqlite:///" + os.path.join(app.instance_path, "pvenet.sqlite3"),
        )
        if not app.config.get("SECRET_KEY"):
            app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))

    app.config.setdefault("UPLOAD_FOLDER", os.path.join(app.instance_path, "uploads"))
    # The request body may carry a full attachment plus the form fields around it.
    app.config["MAX_CONTENT_LENGTH"] = (int(app.config["MAX_UPLOAD_MB"]) + 1) * 1024 * 1024
    # No ping on every checkout: pvenet.pool pings a connection only after it sat idle.
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=production,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=production,
        REMEMBER_COOKIE_DURATION=14 * 24 * 3600,
        PREFERRED_URL_SCHEME="https" if production else "http",
        WTF_CSRF_TIME_LIMIT=None,
    )
    # Re-apply explicit overrides last so tests can change even the derived values.
    app.config.update(overrides or {})


def _instance_secret(instance: Path) -> str:
    """A development secret generated once into the instance folder and reused after."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key
