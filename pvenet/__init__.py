"""pvenet: the coordination platform of the Central Asian PVE network."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .config import ConfigError, load_config

__all__ = ["ConfigError", "create_app"]


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, commands, scheduler."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=os.environ.get("PVENET_INSTANCE_PATH") or None,
    )
    load_config(app, overrides)
    from .web import DatabaseIdConverter

    app.url_map.converters["int"] = DatabaseIdConverter  # before any route is added
    from .logs import configure_logging
    from .security import register_security_headers

    configure_logging(app)
    register_security_headers(app)
    register_extensions(app)
    register_static(app)
    register_blueprints(app)
    register_features(app)
    register_template_helpers(app)

    from .cli import register_commands
    from .errors import register_error_handlers

    register_error_handlers(app)
    register_commands(app)

    from .scheduler import start_in_process

    start_in_process(app)
    return app


def register_extensions(app: Flask) -> None:
    from . import models  # noqa: F401  (every table on the metadata)
    from .auth.loaders import init_login
    from .extensions import babel, compress, csrf, db, mail, migrate
    from .i18n import select_locale

    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "../translations")
    app.config.setdefault("BABEL_DEFAULT_LOCALE", app.config["DEFAULT_LOCALE"])
    # Streamed responses are left alone (static files go through WhiteNoise instead).
    app.config.setdefault("COMPRESS_STREAMS", False)
    app.config.setdefault(
        "COMPRESS_MIMETYPES",
        [
            "text/html",
            "text/css",
            "application/javascript",
            "text/javascript",
            "application/json",
            "text/csv",
            "text/calendar",
            "application/atom+xml",
        ],
    )
    db.init_app(app)
    migrate.init_app(app, db, directory=str(_root() / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    mail.init_app(app)
    compress.init_app(app)
    init_login(app)
    from . import pagecache, pool, reads

    pool.init_app(app)
    reads.init_app(app)
    pagecache.init_app(app)
    from . import mail as _mail_pkg  # noqa: F401
    from .mail import jobs as _mail_jobs  # noqa: F401  (registers the outbox job)


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """SQLite: enforce foreign keys, write-ahead log, wait instead of 'database is locked'."""
    module = type(dbapi_connection).__module__
    if not module.startswith(("sqlite3", "pysqlite")):
        return
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def register_static(app: Flask) -> None:
    """Static files through WhiteNoise: pre-compressed ``.gz`` copies, cache headers.

    ``make`` writes the ``.gz`` files (``python -m whitenoise.compress pvenet/static``);
    without them WhiteNoise serves the plain files.
    """
    from whitenoise import WhiteNoise

    app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]
        app.wsgi_app,
        root=app.static_folder,
        prefix=(app.static_url_path or "/static").strip("/") + "/",
        max_age=3600 * 24,
        autorefresh=app.debug,
    )


def register_blueprints(app: Flask) -> None:
    from . import (
        admin,
        apidoc,
        auth,
        home,
        library,
        notifications,
        rotation,
        themes,
    )

    for bp in (
        home.bp,
        auth.bp,
        auth.admin_bp,
        admin.states_bp,
        admin.audit_bp,
        notifications.bp,
        rotation.bp,
        rotation.admin_bp,
        rotation.api_bp,
        rotation.calendar_bp,
        library.bp,
        library.api_bp,
        themes.bp,
        themes.api_bp,
        apidoc.bp,
        admin.bp,
    ):
        app.register_blueprint(bp)


def register_features(app: Flask) -> None:
    """Hooks between features that the import order keeps apart.

    The library sits above the rotation, so the rotation cannot register itself as the
    library's source of who chairs; the factory connects them.
    """
    from .library.services import register_chair_provider
    from .rotation.services.queries import chairing_state_id

    register_chair_provider(chairing_state_id)

    # The term report counts the library's practices; themes may not import the library.
    from .library.themes import contributions
    from .themes.services import register_contribution_provider

    register_contribution_provider(contributions)

    # The chair's programme comes under the rotation's troika on the home page, and after
    # "Chair rotation" in the navigation.
    from flask_babel import lazy_gettext as _l

    from .home.views import NAV_ITEMS, home_section
    from .themes import home as themes_home

    home_section(themes_home.TEMPLATE)(themes_home.section)
    if not any(endpoint == "themes.index" for endpoint, _label in NAV_ITEMS):
        NAV_ITEMS.append(("themes.index", _l("Chair's programmes")))


def register_template_helpers(app: Flask) -> None:
    from flask_babel import format_date, format_datetime, get_locale

    from .auth.permissions import can
    from .forms import ButtonForms
    from .i18n import LANGUAGE_NAMES, current_language

    app.jinja_env.add_extension("jinja2.ext.i18n")  # {% trans %} with babel's gettext
    app.jinja_env.policies["ext.i18n.trimmed"] = True

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {
            "can": can,
            "current_language": current_language,
            "language_names": LANGUAGE_NAMES,
            "get_locale": get_locale,
            "csrf_form": ButtonForms() if has_request_context() else None,
        }

    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
