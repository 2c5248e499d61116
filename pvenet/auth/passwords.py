"""Password hashing with Argon2id (OWASP's first choice; Werkzeug's scrypt default is weaker)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verifying against this keeps the time of a login for an unknown e-mail the same.

    Computed on first use, not at import: one Argon2 hash takes the hasher's whole
    memory cost (64 MiB), which every web worker would otherwise pay at start-up (its
    peak resident memory, measured by ``make bench``) even if it never sees a login.
    """
    return _hasher.hash("pvenet-timing-equaliser")


MIN_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
