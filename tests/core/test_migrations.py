"""Migrations and models must agree, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text

from pvenet import create_app
from pvenet.extensions import db, include_in_autogenerate
from tests.conftest import PG_URL


def _check(url: str) -> None:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "x",
            "SCHEDULER_MODE": "off",
            "TESTING": True,
        }
    )
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "render_as_batch": True,
                    "include_name": include_in_autogenerate,
                },
            )
            diff = compare_metadata(ctx, db.metadata)
        assert diff == [], f"models and migrations disagree: {diff}"
        downgrade(revision="base")
        with db.engine.connect() as conn:
            tables = set(db.inspect(conn).get_table_names()) - {"alembic_version"}
        assert tables == set(), tables
        db.engine.dispose()


def test_sqlite_migrations_match_models(tmp_path):
    _check(f"sqlite:///{tmp_path}/mig.db")


@pytest.mark.skipif(not PG_URL, reason="PVENET_TEST_DATABASE_URL not set")
def test_postgres_migrations_match_models():
    name = f"pvenet_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _check(PG_URL.rsplit("/", 1)[0] + "/" + name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
