"""Seed a migrated, empty database with N bilingual practices for the benchmark.

Usage: ``python bench/seed.py N`` with ``PVENET_DATABASE_URL`` and ``PVENET_INSTANCE_PATH``
set (``bench/run.py`` does it). Writes ``facts.json`` into the instance folder (the
focal point's e-mail and password, a practice id, the rare query words) and prints, as
its last line, ``{"seconds": …}``: the seeding time.

Rows are written with SQLAlchemy Core ``insert()`` executemany in chunks, not through the
ORM: practices, their texts (one or two languages), published revisions, attachment
metadata, the SQLite search index (stems computed with the library's own functions,
see ``bench/corpus.py``) and, in one pass at the end, the facet counts
(:func:`pvenet.library.facets.rebuild`). Themes are seeded only when the themes feature's
tables exist in this build.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, Table, func, inspect, select, text
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import RARE_EN, RARE_RU, Corpus  # noqa: E402

from pvenet import create_app  # noqa: E402
from pvenet.auth.models import Role, User  # noqa: E402
from pvenet.auth.passwords import hash_password  # noqa: E402
from pvenet.extensions import db  # noqa: E402
from pvenet.library import facets  # noqa: E402
from pvenet.library.models import (  # noqa: E402
    Attachment,
    Practice,
    PracticeRevision,
    PracticeStatus,
    PracticeText,
    Visibility,
)
from pvenet.library.search.ddl import FTS_TABLE, TSVECTOR_INDEX  # noqa: E402
from pvenet.library.search.text import fold, stem_text  # noqa: E402
from pvenet.library.vocab import (  # noqa: E402
    TARGET_GROUP_CODES,
    TOPIC_CODES,
    PracticeType,
    from_mask,
)
from pvenet.states.services import all_states, ensure_member_states  # noqa: E402

CHUNK = 2000
EMAIL = "bench.focal@example.org"
PASSWORD = "bench-Focal-Point-Password-2026"  # nosec B105 - a throwaway benchmark account
TYPES = list(PracticeType)
MIMES = [
    ("application/pdf", "pdf"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ("image/png", "png"),
]


def _users(states: dict[str, Any]) -> tuple[User, User]:
    password = hash_password(PASSWORD)
    focal = User(
        email=EMAIL,
        name="Bench Focal Point",
        role=Role.focal_point,
        state=states["KZ"],
        password_hash=password,
    )
    admin = User(email="bench.admin@example.org", name="Bench Admin", role=Role.admin)
    db.session.add_all([focal, admin])
    db.session.flush()
    return focal, admin


def _practice_rows(i: int, pid: int, rng: random.Random, ctx: dict[str, Any]) -> dict[str, Any]:
    corpora = ctx["corpora"]
    original = "ru" if rng.random() < 0.55 else "en"
    translated = rng.random() < 0.6
    languages = ["en", "ru"] if translated else [original]
    status_roll = rng.random()
    status = (
        PracticeStatus.published
        if status_roll < 0.93
        else PracticeStatus.submitted
        if status_roll < 0.96
        else PracticeStatus.draft
    )
    vis_roll = rng.random()
    visibility = (
        Visibility.public
        if vis_roll < 0.8
        else Visibility.network
        if vis_roll < 0.95
        else Visibility.restricted
    )
    # Older practices first, up to the present.
    published = ctx["start"] + timedelta(minutes=i * ctx["step_minutes"])
    year = min(published.year, max(2005, published.year - rng.randint(0, 2)))
    texts = {lang: corpora[lang].text() for lang in languages}
    revision_count = (1 + (rng.random() < 0.2)) if status == PracticeStatus.published else 0
    topics = 0
    for bit in rng.sample(range(10), rng.randint(1, 3)):
        topics |= 1 << bit
    groups = 0
    for bit in rng.sample(range(11), rng.randint(1, 3)):
        groups |= 1 << bit
    state_id = rng.choice(ctx["state_ids"])
    row = {
        "id": pid,
        "state_id": state_id,
        "type": rng.choice(TYPES).name,
        "year": year,
        "source_url": f"https://example.org/practices/{pid}" if rng.random() < 0.5 else None,
        "visibility": visibility.name,
        "status": status.name,
        "original_language": original,
        "is_translated": translated,
        "topics_mask": topics,
        "target_groups_mask": groups,
        "sort_title_en": fold(texts.get("en", texts[original])["title"])[:300],
        "sort_title_ru": fold(texts.get("ru", texts[original])["title"])[:300],
        "created_by_id": ctx["author_id"],
        "created_at": published - timedelta(days=3),
        "updated_at": published,
        "submitted_at": published - timedelta(days=2) if status != PracticeStatus.draft else None,
        "submitted_by_id": ctx["author_id"] if status != PracticeStatus.draft else None,
        "published_at": published if status == PracticeStatus.published else None,
        "revised_at": published if status == PracticeStatus.published else None,
        "revision_count": revision_count,
    }
    return {"practice": row, "texts": texts, "original": original}


def seed(n: int, instance: Path) -> dict[str, Any]:
    rng = random.Random(20261123)  # nosec B311 - reproducible synthetic data
    ensure_member_states()
    states = {s.code: s for s in all_states()}
    focal, admin = _users(states)
    db.session.commit()

    conn = db.session.connection()
    dialect = conn.dialect.name
    if dialect == "postgresql":
        # One index build at the end is much faster than maintaining it row by row.
        conn.execute(text(f"DROP INDEX IF EXISTS {TSVECTOR_INDEX}"))
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    start = now - timedelta(days=10 * 365)
    ctx = {
        "corpora": {"en": Corpus("en", rng), "ru": Corpus("ru", rng)},
        "state_ids": [s.id for s in states.values()],
        "author_id": focal.id,
        "start": start,
        "step_minutes": max(1, int(10 * 365 * 24 * 60 / n)),
    }
    first_id = (db.session.scalar(select(func.max(Practice.id))) or 0) + 1
    text_id = (db.session.scalar(select(func.max(PracticeText.id))) or 0) + 1
    checked = False
    fts_insert = text(
        f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body) "  # nosec B608 - constant
        "VALUES (:id, :title, :summary, :body)"
    )
    practice_ids: list[int] = []
    with tqdm(total=n, unit="practice", file=sys.stderr, mininterval=1.0) as bar:
        for chunk_start in range(0, n, CHUNK):
            practices, texts, fts, revisions, attachments = [], [], [], [], []
            for i in range(chunk_start, min(n, chunk_start + CHUNK)):
                pid = first_id + i
                made = _practice_rows(i, pid, rng, ctx)
                row = made["practice"]
                practices.append(row)
                practice_ids.append(pid)
                for lang, t in sorted(made["texts"].items()):
                    if not checked:  # the composed stems are what stem_text gives
                        for part in ("title", "summary", "body"):
                            if stem_text(t[part]) != t[f"{part}_stems"]:
                                raise SystemExit(f"corpus stems differ from stem_text ({part})")
                        checked = True
                    texts.append(
                        {
                            "id": text_id,
                            "practice_id": pid,
                            "language": lang,
                            "title": t["title"][:300],
                            "summary": t["summary"],
                            "body": t["body"],
                            "is_original": lang == made["original"],
                            "updated_at": row["updated_at"],
                        }
                    )
                    fts.append(
                        {
                            "id": text_id,
                            "title": t["title_stems"],
                            "summary": t["summary_stems"],
                            "body": t["body_stems"],
                        }
                    )
                    text_id += 1
                live_files = []
                if rng.random() < 0.3:
                    for k in range(rng.randint(1, 3)):
                        mime, ext = rng.choice(MIMES)
                        key = hashlib.sha256(f"{pid}-{k}".encode()).hexdigest()
                        size = rng.randint(20_000, 4_000_000)
                        attachments.append(
                            {
                                "practice_id": pid,
                                "storage_key": key,
                                "filename": f"practice-{pid}-{k + 1}.{ext}",
                                "mime_type": mime,
                                "size": size,
                                "sha256": key,
                                "uploaded_by_id": focal.id,
                                "created_at": row["created_at"],
                                "is_pending": False,
                                "is_removal_pending": False,
                                "was_published": row["status"] == "published",
                            }
                        )
                        live_files.append(
                            {"filename": f"practice-{pid}-{k + 1}.{ext}", "mime_type": mime}
                        )
                for number in range(1, row["revision_count"] + 1):
                    revisions.append(
                        {
                            "practice_id": pid,
                            "number": number,
                            "data": {
                                "type": PracticeType[row["type"]].value,
                                "year": row["year"],
                                "original_language": made["original"],
                                "texts": {
                                    lang: {k: t[k] for k in ("title", "summary", "body")}
                                    for lang, t in sorted(made["texts"].items())
                                },
                                "topics": from_mask(row["topics_mask"], TOPIC_CODES),
                                "target_groups": from_mask(
                                    row["target_groups_mask"], TARGET_GROUP_CODES
                                ),
                                "source_url": row["source_url"],
                                "attachments": live_files,
                            },
                            "published_at": row["published_at"] + timedelta(days=30 * (number - 1)),
                            "approved_by_id": admin.id,
                            "reason": "published" if number == 1 else "revised",
                        }
                    )
            _bulk(conn, Practice.__table__, practices)
            _bulk(conn, PracticeText.__table__, texts)
            if dialect == "sqlite":
                conn.execute(fts_insert, fts)
            _bulk(conn, PracticeRevision.__table__, revisions)
            _bulk(conn, Attachment.__table__, attachments)
            bar.update(len(practices))
    if dialect == "postgresql":
        from pvenet.library.search.ddl import POSTGRES_CREATE_INDEX

        conn.execute(text(POSTGRES_CREATE_INDEX))
        for table in ("practices", "practice_texts"):  # ids were given explicitly
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # nosec B608
                    f"(SELECT max(id) FROM {table}))"
                )
            )
    facets.rebuild(db.session)
    themes = _seed_themes(conn, practice_ids, rng, now)
    db.session.commit()
    if dialect == "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    else:
        db.session.execute(text("ANALYZE"))
        db.session.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))  # nosec B608
        db.session.commit()
    sample = db.session.scalar(
        select(Practice.id)
        .where(
            Practice.status == PracticeStatus.published,
            Practice.visibility == Visibility.public,
            Practice.is_translated.is_(True),
        )
        .order_by(Practice.id.desc())
        .limit(1)
    )
    return {
        "email": EMAIL,
        "password": PASSWORD,
        "id": sample,
        "q_ru_rare": RARE_RU,
        "q_en_rare": RARE_EN,
        "practices": n,
        "themes": themes,
    }


def _bulk(conn, table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows``: Core executemany, or COPY on PostgreSQL (several times faster)."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), rows)
        return
    columns = list(rows[0])
    json_columns = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
    raw = conn.connection.driver_connection
    names = ", ".join(columns)
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [json.dumps(row[c]) if c in json_columns else row[c] for c in columns]
                )


def _seed_themes(conn, practice_ids: list[int], rng: random.Random, now: datetime) -> int:
    """Themes and their links to practices, when this build has the themes feature.

    The themes feature is built on another branch: its tables are read from the database
    (reflected), each required column filled from its type, so this works unchanged once
    it merges. Returns the number of themes created (0 when the tables do not exist).
    """
    names = set(inspect(conn).get_table_names())
    if "themes" not in names:
        return 0
    meta = MetaData()
    themes = Table("themes", meta, autoload_with=conn)
    rows = []
    for k in range(40):
        row: dict[str, Any] = {}
        for column in themes.columns:
            if column.primary_key or column.nullable or column.server_default is not None:
                continue
            row[column.name] = _value_for(column, k, now, conn)
        rows.append(row)
    conn.execute(themes.insert(), rows)
    theme_ids = [r[0] for r in conn.execute(select(themes.primary_key.columns.values()[0]))]
    for name in names:
        if name == "themes" or "theme" not in name:
            continue
        link = Table(name, meta, autoload_with=conn)
        cols = {c.name for c in link.columns}
        if {"theme_id", "practice_id"} <= cols:
            sample = rng.sample(practice_ids, max(1, len(practice_ids) // 10))
            linked = []
            for pid in sample:
                row = {"theme_id": rng.choice(theme_ids), "practice_id": pid}
                for column in link.columns:
                    if column.name in row or column.primary_key or column.nullable:
                        continue
                    if column.server_default is None:
                        row[column.name] = _value_for(column, pid, now, conn)
                linked.append(row)
            conn.execute(link.insert(), linked)
    return len(theme_ids)


def _value_for(column, k: int, now: datetime, conn) -> Any:
    from sqlalchemy import Boolean, Date, DateTime, Integer, String

    kind = column.type
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column
        return conn.execute(select(target).limit(1)).scalar()
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, DateTime):
        return now
    if isinstance(kind, Date):
        return now.date()
    if isinstance(kind, Integer):
        return k
    if isinstance(kind, String) and getattr(kind, "length", None):
        return f"Theme {k}"[: kind.length]
    return f"Theme {k}: prevention of violent extremism"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = create_app()
    instance = Path(os.environ.get("PVENET_INSTANCE_PATH") or app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with app.app_context():
        facts = seed(n, instance)
    seconds = time.perf_counter() - started
    facts["seed_seconds"] = seconds
    (instance / "facts.json").write_text(json.dumps(facts, ensure_ascii=False, indent=2))
    print(json.dumps({"seconds": round(seconds, 2)}))


if __name__ == "__main__":
    main()
