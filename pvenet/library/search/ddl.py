"""The search objects the ORM does not model, created alongside ``practice_texts``.

- SQLite: the FTS5 table ``practice_fts`` (rowid = ``practice_texts.id``) holding the
  Snowball stems of title, summary and body; kept in step by :mod:`.sqlite_fts`.
- PostgreSQL: the generated column ``practice_texts.search_vector`` (``russian`` for
  Russian texts, ``english`` for English ones, ё folded to е) with a GIN index.

``create_all`` creates them through the DDL events below; the migration
``0004_library`` creates the same objects with the same SQL. Alembic's autogenerate is
told to leave them alone (:data:`pvenet.extensions.UNMANAGED_NAMES`).
"""

from __future__ import annotations

from sqlalchemy import DDL, event

from ...extensions import UNMANAGED_NAMES, UNMANAGED_TABLE_PREFIXES
from ..models import PracticeText

FTS_TABLE = "practice_fts"
TSVECTOR_COLUMN = "search_vector"
TSVECTOR_INDEX = "ix_practice_texts_search_vector"

SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, summary, body, tokenize = 'unicode61 remove_diacritics 0')"
)
SQLITE_DROP = f"DROP TABLE IF EXISTS {FTS_TABLE}"

_CONFIG = "CASE WHEN language = 'ru' THEN 'russian'::regconfig ELSE 'english'::regconfig END"


def _weighted(column: str, weight: str) -> str:
    return (
        f"setweight(to_tsvector({_CONFIG}, translate(coalesce({column}, ''), 'ёЁ', 'еЕ')), "
        f"'{weight}')"
    )


POSTGRES_ADD_COLUMN = (
    f"ALTER TABLE practice_texts ADD COLUMN {TSVECTOR_COLUMN} tsvector "
    f"GENERATED ALWAYS AS ({_weighted('title', 'A')} || {_weighted('summary', 'B')} || "
    f"{_weighted('body', 'C')}) STORED"
)
POSTGRES_CREATE_INDEX = (
    f"CREATE INDEX {TSVECTOR_INDEX} ON practice_texts USING gin ({TSVECTOR_COLUMN})"
)

UNMANAGED_TABLE_PREFIXES.add(FTS_TABLE)
UNMANAGED_NAMES.update({TSVECTOR_COLUMN, TSVECTOR_INDEX})

_table = PracticeText.__table__
event.listen(_table, "after_create", DDL(SQLITE_CREATE).execute_if(dialect="sqlite"))
event.listen(_table, "after_drop", DDL(SQLITE_DROP).execute_if(dialect="sqlite"))
event.listen(_table, "after_create", DDL(POSTGRES_ADD_COLUMN).execute_if(dialect="postgresql"))
event.listen(_table, "after_create", DDL(POSTGRES_CREATE_INDEX).execute_if(dialect="postgresql"))
