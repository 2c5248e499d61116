"""Password hashing with Argon2id (OWASP's first choice; Werkzeug's scrypt default is weaker)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

#: OWASP's Password Storage Cheat Sheet lists equivalent Argon2id settings; this one, its
#: first (m=19 MiB, t=2, p=1), keeps a worker's peak memory during a login well under the
#: 150 MB budget of issue 7: argon2-cffi's default (RFC 9106 low-memory: 64 MiB, t=3, p=4)
#: went past it, and m=46 MiB, t=1 left 3 MB to spare. Hashes made with other settings
#: are upgraded at the next successful login.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@cache
def _dummy_hash() -> str:
    """Verifying against this keeps the time of a login for an unknown e-mail the same.

    Computed on first use, not at import: one Argon2 hash takes the hasher's whole
    memory cost (19 MiB), which every web worker would otherwise pay at start-up (its
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
