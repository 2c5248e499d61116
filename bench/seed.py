"""Seed a migrated, empty database with N bilingual practices for the benchmark.

Usage: ``python bench/seed.py N`` with ``PVENET_DATABASE_URL`` and ``PVENET_INSTANCE_PATH``
set (``bench/run.py`` does it). Writes ``facts.json`` into the instance folder (the
focal point's e-mail and password, a practice id, the rare query words) and prints, as
its last line, ``{"seconds": …}``: the seeding time.

Rows are written with SQLAlchemy Core ``insert()`` executemany in chunks, not through the
ORM: practices, their texts (one or two languages), published revisions, attachment
metadata, the SQLite search index (stems computed with the library's own functions,
see ``bench/corpus.py``) and, in one pass at the end, the facet counts
(:func:`pvenet.library.facets.rebuild`). The rotation and the chairs' themes come from the
demo's own steps, and one practice in ten is linked to a theme.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import random
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
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
    practice_themes,
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
        # Committed at once: the writers' connections could not insert past its lock.
        conn.execute(text(f"DROP INDEX IF EXISTS {TSVECTOR_INDEX}"))
        db.session.commit()
        conn = db.session.connection()
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    start = now - timedelta(days=10 * 365)
    ctx = {
        "corpora": {"en": Corpus("en", rng, n), "ru": Corpus("ru", rng, n)},
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
    writer = _Writer(conn, fts_insert)
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
            writer.put((practices, texts, fts, revisions, attachments))
            bar.update(len(practices))
        writer.close()
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
    themes = _seed_programme(practice_ids, rng)
    facets.rebuild(db.session)
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


class _Writer:
    """Writes the chunks; on PostgreSQL in threads, while the next chunk is composed.

    The server spends its time computing the generated ``tsvector`` column and this
    process composing texts. On PostgreSQL ``WRITERS`` threads each hold a connection of
    their own and write whole chunks (a practice with its texts, revisions and files), so
    the server computes on more than one core while this thread composes the next chunk;
    each commits at :meth:`close`. SQLite writes in the calling thread on ``conn`` (its
    work is in this process anyway, and it has one writer).
    """

    WRITERS = 2

    def __init__(self, conn, fts_insert) -> None:
        self.conn, self.fts_insert = conn, fts_insert
        self.threaded = conn.dialect.name == "postgresql"
        self.error: BaseException | None = None
        if self.threaded:
            self.queue: queue.Queue = queue.Queue(maxsize=self.WRITERS + 1)
            self.threads = [
                threading.Thread(target=self._run, args=(conn.engine,), daemon=True)
                for _ in range(self.WRITERS)
            ]
            for thread in self.threads:
                thread.start()

    def put(self, chunk) -> None:
        if self.error is not None:
            raise self.error
        if self.threaded:
            self.queue.put(chunk)
        else:
            self._write(self.conn, chunk)

    def close(self) -> None:
        if self.threaded:
            for _ in self.threads:
                self.queue.put(None)
            for thread in self.threads:
                thread.join()
        if self.error is not None:
            raise self.error

    def _run(self, engine) -> None:
        with engine.connect() as conn:
            # Begun explicitly: the COPYs go to the driver's connection, past SQLAlchemy,
            # which would otherwise see no transaction to commit.
            conn.begin()
            while (chunk := self.queue.get()) is not None:
                if self.error is None:
                    try:
                        self._write(conn, chunk)
                    except BaseException as exc:  # re-raised in the main thread
                        self.error = exc
            if self.error is None:
                conn.commit()
            else:
                conn.rollback()

    def _write(self, conn, chunk) -> None:
        practices, texts, fts, revisions, attachments = chunk
        _bulk(conn, Practice.__table__, practices)
        _bulk(conn, PracticeText.__table__, texts)
        if conn.dialect.name == "sqlite":
            conn.execute(self.fts_insert, fts)
        _bulk(conn, PracticeRevision.__table__, revisions)
        _bulk(conn, Attachment.__table__, attachments)


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


def _seed_programme(practice_ids: list[int], rng: random.Random) -> int:
    """The rotation since 2019 and the chairs' themes (the demo's own steps, so the home
    page, the timeline and the calendar show what they show in production), and one
    practice in ten linked to a theme. Returns the number of themes."""
    from pvenet.rotation.demo import seed_rotation
    from pvenet.themes.demo import seed_programmes
    from pvenet.themes.models import Theme

    seed_rotation(lambda _message: None)
    seed_programmes(lambda _message: None)
    db.session.flush()
    theme_ids = list(db.session.scalars(select(Theme.id)))
    if theme_ids:
        sample = rng.sample(practice_ids, max(1, len(practice_ids) // 10))
        db.session.execute(
            practice_themes.insert(),
            [{"practice_id": pid, "theme_id": rng.choice(theme_ids)} for pid in sample],
        )
    return len(theme_ids)


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
