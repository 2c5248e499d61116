"""Member-state rules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..audit.services import record
from ..extensions import db
from .models import MemberState

#: The five member states, in the default (English alphabetical) rotation order.
MEMBER_STATES = ("KZ", "KG", "TJ", "TM", "UZ")


class StateError(Exception):
    """A change to member states that the rules refuse."""


def all_states() -> list[MemberState]:
    return list(db.session.scalars(select(MemberState).order_by(MemberState.rotation_position)))


def get_state(code: str) -> MemberState | None:
    return db.session.scalar(select(MemberState).where(MemberState.code == code.upper()))


def ensure_member_states() -> list[MemberState]:
    """Create any missing member state at its default rotation position."""
    existing = {s.code for s in all_states()}
    for position, code in enumerate(MEMBER_STATES, start=1):
        if code not in existing:
            db.session.add(MemberState(code=code, rotation_position=position, is_active=True))
    db.session.flush()
    return all_states()


def update_state(state: MemberState, *, actor, is_active: bool, rotation_position: int) -> None:
    """Change a state's active flag or rotation position (swapping with the holder of it)."""
    if rotation_position < 1:
        raise StateError(_l("The rotation position must be 1 or more."))
    active_count = db.session.scalar(
        select(func.count(MemberState.id)).where(MemberState.is_active.is_(True))
    )
    if state.is_active and not is_active and active_count <= 1:
        raise StateError(_l("At least one member state must stay active."))
    changes = {}
    if rotation_position != state.rotation_position:
        other = db.session.scalar(
            select(MemberState).where(MemberState.rotation_position == rotation_position)
        )
        if other is not None:
            other.rotation_position = state.rotation_position
        changes["rotation_position"] = [state.rotation_position, rotation_position]
        state.rotation_position = rotation_position
    if is_active != state.is_active:
        changes["is_active"] = [state.is_active, is_active]
        state.is_active = is_active
    if changes:
        record(actor, "state.updated", state, code=state.code, **changes)
    db.session.flush()
