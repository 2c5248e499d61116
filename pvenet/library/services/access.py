"""Who may read, write, review and translate a practice.

Reading (DESIGN.md "People and what they may do"): a published practice is readable by
everyone when public, by logged-in members when network-only, and by its own state's
focal points and admins when restricted. Unpublished practices (draft, submitted,
returned, withdrawn) are readable by their state's focal points and admins, and by the
reviewers while under review. Restricted practices are never shown to another state's
focal points, not even to the chair's: only admins review them.

Reviewers are admins and the focal points of the state chairing the network; nobody
reviews their own state's submission (admins may review any). Who chairs comes from the
rotation feature, which the library must not import directly from here before it exists:

    from pvenet.library.services import register_chair_provider
    register_chair_provider(lambda now: <id of the chairing MemberState at now, or None>)

The app factory registers the rotation's provider. Until one is registered nobody chairs,
so only admins review. Tests register their own (``tests/library/conftest.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, true

from ...auth.models import Role
from ..models import Practice, PracticeStatus, Visibility

ChairProvider = Callable[[datetime], int | None]


def _nobody_chairs(_now: datetime) -> int | None:
    return None


_chair_provider: ChairProvider = _nobody_chairs


def register_chair_provider(provider: ChairProvider | None) -> None:
    """Set the function telling which member state (id) chairs at a given instant.

    ``None`` restores the default (nobody chairs: only admins review).
    """
    global _chair_provider
    _chair_provider = provider or _nobody_chairs


def chairing_state_id(now: datetime) -> int | None:
    """The id of the member state chairing the network at ``now``, if any."""
    return _chair_provider(now)


def _authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def is_admin(user: Any) -> bool:
    return _authenticated(user) and user.role == Role.admin


def is_state_member(user: Any, practice: Practice) -> bool:
    """A focal point of the practice's own state."""
    return (
        _authenticated(user)
        and user.role == Role.focal_point
        and user.state_id is not None
        and user.state_id == practice.state_id
    )


def is_reviewer(user: Any, now: datetime) -> bool:
    """An admin, or a focal point of the chairing state."""
    if is_admin(user):
        return True
    if not _authenticated(user) or user.role != Role.focal_point or user.state_id is None:
        return False
    return user.state_id == chairing_state_id(now)


def may_review(user: Any, practice: Practice, now: datetime) -> bool:
    """Whether ``user`` may decide on the practice's submission (no conflict of interest)."""
    if is_admin(user):
        return True
    return (
        is_reviewer(user, now)
        and user.state_id != practice.state_id
        and practice.visibility != Visibility.restricted
    )


def may_write(user: Any, practice: Practice) -> bool:
    """Edit, submit, revise, withdraw: the state's focal points and admins."""
    return is_admin(user) or is_state_member(user, practice)


def may_translate(user: Any, practice: Practice, now: datetime) -> bool:
    """Add the missing language: the state's focal points and the reviewers."""
    return may_write(user, practice) or may_review(user, practice, now)


def may_read_published(user: Any, practice: Practice) -> bool:
    if practice.visibility == Visibility.public:
        return True
    if not _authenticated(user):
        return False
    if practice.visibility == Visibility.network:
        return True
    return may_write(user, practice)


def under_review(practice: Practice) -> bool:
    pending = practice.pending
    return practice.status in (PracticeStatus.submitted, PracticeStatus.returned) or (
        pending is not None and pending.status.value in ("submitted", "returned")
    )


def may_read(user: Any, practice: Practice, now: datetime) -> bool:
    """Whether ``user`` may know that this practice exists and read it."""
    if may_write(user, practice):
        return True
    if practice.status == PracticeStatus.published and may_read_published(user, practice):
        return True
    return under_review(practice) and may_review(user, practice, now)


def may_read_pending(user: Any, practice: Practice, now: datetime) -> bool:
    """The proposed revision of a published practice: its authors and its reviewers."""
    pending = practice.pending
    if pending is None:
        return False
    if may_write(user, practice):
        return True
    return pending.status.value in ("submitted", "returned") and may_review(user, practice, now)


def published_visible_to(user: Any) -> ColumnElement[bool]:
    """SQL condition: published practices ``user`` may read (listing, search, feeds, API)."""
    return and_(
        Practice.status == PracticeStatus.published,
        visibility_condition(user, Practice.visibility, Practice.state_id),
    )


def visibility_condition(user: Any, visibility: Any, state_id: Any) -> ColumnElement[bool]:
    """SQL condition on a visibility and a state column: what ``user`` may read of them.

    Shared by the practices table and the facet-count table, so both answer alike.
    """
    if is_admin(user):
        return true()
    if not _authenticated(user):
        return visibility == Visibility.public
    open_to_members = visibility.in_([Visibility.public, Visibility.network])
    if user.role == Role.focal_point and user.state_id is not None:
        own_restricted = and_(visibility == Visibility.restricted, state_id == user.state_id)
        return or_(open_to_members, own_restricted)
    return open_to_members


def writable_by(user: Any) -> ColumnElement[bool]:
    """SQL condition: practices ``user`` may write (their workspace)."""
    if is_admin(user):
        return true()
    if _authenticated(user) and user.role == Role.focal_point and user.state_id is not None:
        return Practice.state_id == user.state_id
    return false()
