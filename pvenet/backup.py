"""Backup and restore: the database, the attachment files and a manifest with checksums.

A backup is one ``.tar.gz`` archive holding ``manifest.json``, the database (``db.sqlite3``
made with SQLite's online backup API, or ``db.dump`` made with ``pg_dump -Fc``) and
``files/`` (the upload folder). Restore checks every checksum first, refuses a database that
already holds data, and then checks the row counts against the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from .extensions import db

FORMAT_VERSION = 1
Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    return {
        t.name: db.session.scalar(select(func.count()).select_from(t)) or 0
        for t in db.metadata.sorted_tables
    }


def _alembic_revision() -> str | None:
    try:
        return db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:
        db.session.rollback()
        return None


def _pg_cli_url(url: Any) -> str:
    """A libpq URL (no SQLAlchemy driver suffix) for pg_dump / pg_restore."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def create_backup(
    out_dir: Path, upload_folder: Path, now: datetime, progress: Progress = lambda _m: None
) -> Path:
    """Write a backup archive into ``out_dir`` and return its path."""
    url = db.engine.url
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    archive = out_dir / f"pvenet-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if url.get_backend_name() == "sqlite":
            if not url.database or url.database == ":memory:":
                raise BackupError("An in-memory SQLite database cannot be backed up.")
            progress("Copying the SQLite database (online backup)…")
            db_file = work / "db.sqlite3"
            src = sqlite3.connect(url.database)
            dst = sqlite3.connect(db_file)
            with dst:
                src.backup(dst)
            src.close()
            dst.close()
        elif url.get_backend_name() == "postgresql":
            pg_dump = shutil.which("pg_dump")
            if pg_dump is None:
                raise BackupError("pg_dump is not installed; install the PostgreSQL client.")
            progress("Dumping the PostgreSQL database (pg_dump)…")
            db_file = work / "db.dump"
            result = subprocess.run(
                [
                    "pg_dump",
                    "-Fc",
                    "--no-owner",
                    "--no-privileges",
                    "-f",
                    str(db_file),
                    _pg_cli_url(url),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        else:
            raise BackupError(f"Backups of {url.get_backend_name()} are not supported.")

        files: dict[str, dict[str, Any]] = {}
        if upload_folder.exists():
            stored = sorted(p for p in upload_folder.rglob("*") if p.is_file())
            progress(f"Copying {len(stored)} attachment files…")
            for path in stored:
                rel = path.relative_to(upload_folder).as_posix()
                target = work / "files" / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                files[rel] = {"sha256": _sha256(target), "size": target.stat().st_size}

        manifest = {
            "format": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "database": {
                "backend": url.get_backend_name(),
                "file": db_file.name,
                "sha256": _sha256(db_file),
                "alembic_revision": _alembic_revision(),
            },
            "row_counts": row_counts(),
            "files": files,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
        progress("Writing the archive…")
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            for item in sorted(work.iterdir()):
                tar.add(item, arcname=item.name)
        os.replace(partial, archive)  # never leave a half-written archive under the real name
    return archive


def _safe_extract(archive: Path, dest: Path) -> None:
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(dest, filter="data")  # refuses absolute paths, .. and links out


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"The archive has no readable manifest: {exc}") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError("This backup was made by an unknown version of pvenet.")
    return manifest


def verify(folder: Path, manifest: dict[str, Any]) -> None:
    dbinfo = manifest["database"]
    if _sha256(folder / dbinfo["file"]) != dbinfo["sha256"]:
        raise BackupError("The database file of the backup is damaged (checksum mismatch).")
    for rel, info in manifest["files"].items():
        path = folder / "files" / rel
        if not path.is_file() or _sha256(path) != info["sha256"]:
            raise BackupError(f"The attachment {rel} in the backup is missing or damaged.")


def restore_backup(
    archive: Path, upload_folder: Path, progress: Progress = lambda _m: None
) -> dict[str, int]:
    """Restore ``archive`` into this (empty) instance; returns the restored row counts."""
    if not archive.is_file():
        raise BackupError(f"No such backup archive: {archive}")
    url = db.engine.url
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        progress("Unpacking and checking the archive…")
        _safe_extract(archive, folder)
        manifest = read_manifest(folder)
        verify(folder, manifest)
        backend = manifest["database"]["backend"]
        if backend != url.get_backend_name():
            raise BackupError(
                f"This backup holds a {backend} database; this instance uses "
                f"{url.get_backend_name()}."
            )
        if _has_data():
            raise BackupError(
                "This instance already holds data; restore only into an empty "
                "instance (new database, empty upload folder)."
            )
        if upload_folder.exists() and any(upload_folder.iterdir()):
            raise BackupError(f"The upload folder {upload_folder} is not empty.")
        progress("Restoring the database…")
        db.session.remove()
        db.engine.dispose()
        if backend == "sqlite":
            src = sqlite3.connect(folder / manifest["database"]["file"])
            dst = sqlite3.connect(url.database)
            with dst:
                src.backup(dst)
            src.close()
            dst.close()
        else:
            with db.engine.begin() as conn:  # a fresh database may carry an empty schema
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            result = subprocess.run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "-d",
                    _pg_cli_url(url),
                    str(folder / manifest["database"]["file"]),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        db.engine.dispose()
        progress(f"Restoring {len(manifest['files'])} attachment files…")
        upload_folder.mkdir(parents=True, exist_ok=True)
        for rel in manifest["files"]:
            target = upload_folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(folder / "files" / rel, target)
        counts = row_counts()
        expected = manifest["row_counts"]
        wrong = {t: (n, counts.get(t)) for t, n in expected.items() if counts.get(t) != n}
        if wrong:
            raise BackupError(f"Row counts differ after the restore: {wrong}")
        return counts


def _has_data() -> bool:
    try:
        return any(n for n in row_counts().values())
    except Exception:  # no tables yet: an empty database
        db.session.rollback()
        return False
