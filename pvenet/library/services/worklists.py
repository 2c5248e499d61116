"""What members work through: a writer's workspace and a reviewer's queue."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from ..models import PendingRevision, Practice, PracticeStatus, RevisionStatus, Visibility
from .access import is_admin, is_reviewer, writable_by


def workspace(user: Any) -> Select[tuple[Practice]]:
    """The practices ``user`` may write, every status, last changed first."""
    return (
        select(Practice)
        .where(writable_by(user))
        .options(selectinload(Practice.pending))
        .order_by(Practice.updated_at.desc(), Practice.id.desc())
    )


def review_queue(user: Any, now: datetime) -> Select[tuple[Practice]]:
    """Submissions (new practices and revisions) that ``user`` may decide on, oldest first."""
    submitted = or_(
        Practice.status == PracticeStatus.submitted,
        PendingRevision.status == RevisionStatus.submitted,
    )
    # The table shows each row's pending revision: loaded with the page, not row by row.
    stmt = (
        select(Practice)
        .outerjoin(PendingRevision)
        .where(submitted)
        .options(contains_eager(Practice.pending))
    )
    if not is_admin(user):
        if not is_reviewer(user, now):
            return stmt.where(false())
        stmt = stmt.where(
            Practice.state_id != user.state_id, Practice.visibility != Visibility.restricted
        )
    waiting_since = func.coalesce(PendingRevision.submitted_at, Practice.submitted_at)
    return stmt.order_by(waiting_since, Practice.id)
