"""Backup and restore: a round trip keeps every row and every file."""

from __future__ import annotations

import hashlib
import tarfile
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from pvenet import create_app
from pvenet.backup import BackupError, create_backup, restore_backup
from pvenet.demo import seed
from pvenet.extensions import db
from tests.conftest import PG_URL

NOW = datetime(2026, 11, 23, 12, 0)


def _app(url: str, uploads: Path):
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "x",
            "TESTING": True,
            "SCHEDULER_MODE": "off",
            "UPLOAD_FOLDER": str(uploads),
        }
    )


def _close() -> None:
    db.session.remove()
    db.engine.dispose()


def _snapshot() -> dict[str, list[tuple]]:
    return {
        t.name: sorted(tuple(map(repr, row)) for row in db.session.execute(select(t)))
        for t in db.metadata.sorted_tables
    }


def _files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def _populate(uploads: Path) -> None:
    from flask_migrate import upgrade

    upgrade()
    seed()
    db.session.commit()
    (uploads / "ab").mkdir(parents=True)
    (uploads / "ab" / "report.pdf").write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 10)
    (uploads / "note-ру.txt").write_text("Кыргызстан — молодёжь", encoding="utf-8")


def test_sqlite_round_trip_keeps_every_row_and_file(tmp_path):
    src_up, dst_up = tmp_path / "src_up", tmp_path / "dst_up"
    src = _app(f"sqlite:///{tmp_path}/src.db", src_up)
    with src.app_context():
        _populate(src_up)
        before = _snapshot()
        archive = create_backup(tmp_path / "out", src_up, NOW)
        _close()
    assert archive.name == "pvenet-backup-20261123T120000Z.tar.gz"
    with tarfile.open(archive) as tar:
        assert {"manifest.json", "db.sqlite3"} <= set(tar.getnames())
    dst = _app(f"sqlite:///{tmp_path}/dst.db", dst_up)
    with dst.app_context():
        restore_backup(archive, dst_up)
        assert _snapshot() == before
        assert sum(len(rows) for rows in before.values()) > 10
        _close()
    assert _files(dst_up) == _files(src_up)


def test_restore_refuses_a_damaged_archive_and_a_non_empty_instance(tmp_path):
    src_up = tmp_path / "up"
    src = _app(f"sqlite:///{tmp_path}/src.db", src_up)
    with src.app_context():
        _populate(src_up)
        archive = create_backup(tmp_path / "out", src_up, NOW)
        # the source itself is not empty
        with pytest.raises(BackupError, match="already holds data"):
            restore_backup(archive, tmp_path / "elsewhere")
        _close()
    # damage one attachment inside the archive
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as tin, tarfile.open(damaged, "w:gz") as tout:
        for member in tin.getmembers():
            data = tin.extractfile(member) if member.isfile() else None
            if member.name == "files/ab/report.pdf":
                payload = b"tampered"
                member.size = len(payload)
                import io

                data = io.BytesIO(payload)
            tout.addfile(member, data)
    dst = _app(f"sqlite:///{tmp_path}/dst.db", tmp_path / "dst_up")
    with dst.app_context():
        with pytest.raises(BackupError, match="missing or damaged"):
            restore_backup(damaged, tmp_path / "dst_up")
        _close()
    assert not (tmp_path / "dst_up").exists()


def test_cli_backup_and_restore(tmp_path):
    src = _app(f"sqlite:///{tmp_path}/src.db", tmp_path / "up")
    with src.app_context():
        _populate(tmp_path / "up")
        _close()
    res = src.test_cli_runner().invoke(args=["backup", "create", "-o", str(tmp_path / "b")])
    assert res.exit_code == 0, res.output
    assert "Backup written to" in res.output
    archive = next((tmp_path / "b").glob("*.tar.gz"))
    dst = _app(f"sqlite:///{tmp_path}/dst.db", tmp_path / "up2")
    res = dst.test_cli_runner().invoke(args=["backup", "restore", str(archive)])
    assert res.exit_code == 0, res.output
    assert "Restored" in res.output


@pytest.mark.skipif(not PG_URL, reason="PVENET_TEST_DATABASE_URL not set")
def test_postgres_round_trip(tmp_path):
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    names = [f"pvenet_bk_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = PG_URL.rsplit("/", 1)[0]
    try:
        src = _app(f"{base}/{names[0]}", tmp_path / "up")
        with src.app_context():
            _populate(tmp_path / "up")
            before = _snapshot()
            archive = create_backup(tmp_path / "out", tmp_path / "up", NOW)
            _close()
        dst = _app(f"{base}/{names[1]}", tmp_path / "up2")
        with dst.app_context():
            restore_backup(archive, tmp_path / "up2")
            assert _snapshot() == before
            _close()
        assert _files(tmp_path / "up2") == _files(tmp_path / "up")
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
