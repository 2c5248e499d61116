"""Who may change a term's themes and meetings, and when (DESIGN.md "Thematic priorities").

- Admins: any term that has not ended.
- The focal points of the state holding a term: from midnight (handover time zone) of the
  day 30 days before the term starts until the handover that ends it. So the incoming
  chair prepares from day −30, and the outgoing chair's rights end at the handover
  instant, not at the end of a day in some other time zone.
- Nobody changes a term that has ended: past terms' themes are read-only.

``now`` is an instant (aware, or naive UTC); the term's days are read in the rotation
policy's handover time zone.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from ...auth.models import Role
from ...rotation.models import ChairTerm
from ...rotation.services.queries import handover_instant

#: The incoming chair may prepare its programme from this many days before its term.
PREPARE_DAYS = 30


def aware(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def term_end_instant(term: ChairTerm) -> datetime:
    """The handover that ends ``term``: midnight starting the day after its last day."""
    return handover_instant(term.ends_on + timedelta(days=1))


def prepare_from(term: ChairTerm) -> datetime:
    """The instant from which the holder's focal points may edit the term's programme."""
    return handover_instant(term.starts_on - timedelta(days=PREPARE_DAYS))


def has_ended(term: ChairTerm, now: datetime) -> bool:
    return aware(now) >= term_end_instant(term)


def has_started(term: ChairTerm, now: datetime) -> bool:
    return aware(now) >= handover_instant(term.starts_on)


def _member(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def may_edit(user: Any, term: ChairTerm | None, now: datetime) -> bool:
    """Whether ``user`` may change the themes and meetings of ``term`` at ``now``."""
    if term is None or not _member(user) or has_ended(term, now):
        return False
    if user.role == Role.admin:
        return True
    if user.role != Role.focal_point or term.state_id is None:
        return False
    return user.state_id == term.state_id and aware(now) >= prepare_from(term)


def is_incoming(user: Any, term: ChairTerm | None, now: datetime) -> bool:
    """``user`` is a focal point of the state whose term has not started but may be prepared."""
    return (
        term is not None
        and _member(user)
        and user.role == Role.focal_point
        and term.state_id is not None
        and user.state_id == term.state_id
        and not has_started(term, now)
        and aware(now) >= prepare_from(term)
    )
