"""Extension instances, created unbound and initialised in :func:`pvenet.create_app`."""

from __future__ import annotations

from flask_babel import Babel
from flask_compress import Compress
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every model; named constraints keep migrations portable."""

    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
mail = Mail()
compress = Compress()

#: Schema objects that features create with their own DDL (full-text search) and that
#: Alembic's autogenerate must neither drop nor compare: tables named by prefix (an FTS5
#: table comes with shadow tables), columns and indexes by name. Used by
#: ``migrations/env.py`` and ``tests/core/test_migrations.py``.
UNMANAGED_TABLE_PREFIXES: set[str] = set()
UNMANAGED_NAMES: set[str] = set()


def include_in_autogenerate(name: str | None, type_: str, _parent_names: object) -> bool:
    """Alembic ``include_name`` hook: skip the objects registered above."""
    if name is None:
        return True
    if type_ == "table":
        return not any(name == p or name.startswith(p + "_") for p in UNMANAGED_TABLE_PREFIXES)
    if type_ in ("column", "index"):
        return name not in UNMANAGED_NAMES
    return True
