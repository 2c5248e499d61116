"""Where attachment bytes live: behind one small interface, chosen by configuration.

- ``filesystem`` (default): files under ``UPLOAD_FOLDER`` (in the instance folder, never
  under ``static``), named by their random key only, written to a temporary name and
  renamed into place so a half-written file is never seen.
- ``database`` (``PVENET_UPLOAD_STORAGE=database``): rows of ``attachment_blobs``, so
  several web machines sharing one PostgreSQL see the same files. The row joins the
  caller's transaction.

Keys are random hex made here (:func:`new_key`); user-supplied names never reach a path.
Files are read whole: they are at most ``MAX_UPLOAD_MB``, and a download then holds no
open file while the client reads it.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import Protocol

from flask import current_app
from sqlalchemy import delete

from ..extensions import db
from .models import AttachmentBlob

_KEY = re.compile(r"^[0-9a-f]{32}$")


def new_key() -> str:
    return secrets.token_hex(16)


def _check_key(key: str) -> str:
    if not _KEY.match(key):
        raise ValueError("invalid storage key")
    return key


class Storage(Protocol):
    def save(self, key: str, data: bytes) -> None: ...

    def read(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...

    def exists(self, key: str) -> bool: ...


class FilesystemStorage:
    """Files in ``root/<first two hex digits>/<key>``."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        key = _check_key(key)
        return self.root / key[:2] / key

    def save(self, key: str, data: bytes) -> None:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def read(self, key: str) -> bytes:
        return self.path(key).read_bytes()

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()


class DatabaseStorage:
    """Bytes in ``attachment_blobs``, inside the caller's transaction."""

    def save(self, key: str, data: bytes) -> None:
        db.session.add(AttachmentBlob(key=_check_key(key), data=data))
        db.session.flush()

    def read(self, key: str) -> bytes:
        blob = db.session.get(AttachmentBlob, _check_key(key))
        if blob is None:
            raise FileNotFoundError(key)
        return bytes(blob.data)

    def delete(self, key: str) -> None:
        db.session.execute(delete(AttachmentBlob).where(AttachmentBlob.key == _check_key(key)))

    def exists(self, key: str) -> bool:
        return db.session.get(AttachmentBlob, _check_key(key)) is not None


def get_storage() -> Storage:
    kind = current_app.config.get("UPLOAD_STORAGE", "filesystem")
    if kind == "database":
        return DatabaseStorage()
    if kind == "filesystem":
        return FilesystemStorage(current_app.config["UPLOAD_FOLDER"])
    raise RuntimeError(f"unknown PVENET_UPLOAD_STORAGE {kind!r} (filesystem or database)")


def is_transactional(storage: Storage) -> bool:
    """Whether the storage commits and rolls back with the database session."""
    return isinstance(storage, DatabaseStorage)
