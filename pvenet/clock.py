"""The one place that reads the wall clock.

Services take ``today``/``now`` arguments; views, jobs and CLI commands ask this module.
Tests, demos and ``flask rotation tick --today`` move time with :func:`set_now`, never by
patching the code under test. The override is stored in the database-independent process
state only for tests and the in-process browser server; production never sets it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

_offset: timedelta | None = None
_frozen: datetime | None = None


def now() -> datetime:
    """The current instant, timezone-aware in UTC."""
    if _frozen is not None:
        return _frozen
    real = datetime.now(UTC)
    return real + _offset if _offset is not None else real


def today(tz: str | ZoneInfo = "UTC") -> date:
    """Today's date in the given time zone (UTC by default)."""
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    return now().astimezone(zone).date()


def set_now(instant: datetime | None, *, frozen: bool = True) -> None:
    """Move the clock to ``instant`` (frozen, or ticking on from it); ``None`` resets it."""
    global _offset, _frozen
    if instant is None:
        _offset = _frozen = None
        return
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    if frozen:
        _frozen, _offset = instant, None
    else:
        _frozen, _offset = None, instant - datetime.now(UTC)


def utcnow_naive() -> datetime:
    """UTC now without tzinfo, for SQLite/PostgreSQL ``timestamp`` columns."""
    return now().replace(tzinfo=None)
