"""Chair rotation: the policy, the terms, elections and their ballots, overrides, markers.

Who chairs on a day is read from :class:`ChairTerm` rows by their dates (and projected
beyond the last stored one by :mod:`pvenet.rotation.schedule`), never from whether a job
ran. The scheduler keeps the next full cycle stored, and writes a :class:`RotationMarker`
for each side effect (a term activated, a notice sent) so that it happens once.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow_naive
from ..extensions import Base
from ..states.models import MemberState
from .schedule import Selection

if TYPE_CHECKING:
    from ..auth.models import User

__all__ = [
    "Ballot",
    "ChairTerm",
    "Election",
    "ElectionStatus",
    "HolderKind",
    "Override",
    "OverrideKind",
    "RotationMarker",
    "RotationPolicy",
    "SchedulerLease",
    "Selection",
    "TermStatus",
]


class HolderKind(enum.StrEnum):
    state = "state"
    secretariat = "secretariat"


class TermStatus(enum.StrEnum):
    scheduled = "scheduled"
    active = "active"
    completed = "completed"


class ElectionStatus(enum.StrEnum):
    open = "open"
    closed = "closed"  # a winner was decided
    tied = "tied"  # closed with a tie an admin has to break
    lapsed = "lapsed"  # the term started before a result existed


class OverrideKind(enum.StrEnum):
    waive = "waive"
    defer = "defer"
    swap = "swap"
    extend = "extend"
    interim = "interim"
    suspend = "suspend"
    reinstate = "reinstate"
    reorder = "reorder"


class RotationPolicy(Base):
    """The one rotation policy of the network (a single row)."""

    __tablename__ = "rotation_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    anchor_on: Mapped[date]
    term_months: Mapped[int] = mapped_column(default=6)
    #: State codes in rotation order.
    order: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: State codes the rotation skips until they are reinstated.
    suspended: Mapped[list[str]] = mapped_column(JSON, default=list)
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Almaty")
    #: Days before a handover on which the incoming chair is reminded.
    reminder_days: Mapped[list[int]] = mapped_column(JSON, default=lambda: [30, 7])
    updated_at: Mapped[datetime] = mapped_column(default=utcnow_naive, onupdate=utcnow_naive)


class ChairTerm(Base):
    __tablename__ = "chair_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 0 is UNODC's inaugural term; the sequence orders the terms.
    sequence: Mapped[int] = mapped_column(unique=True)
    holder_kind: Mapped[HolderKind] = mapped_column(Enum(HolderKind, native_enum=False, length=16))
    state_id: Mapped[int | None] = mapped_column(
        ForeignKey("member_states.id", ondelete="RESTRICT"), index=True
    )
    starts_on: Mapped[date] = mapped_column(index=True)
    #: The last day of the term (inclusive).
    ends_on: Mapped[date] = mapped_column(index=True)
    status: Mapped[TermStatus] = mapped_column(
        Enum(TermStatus, native_enum=False, length=16), default=TermStatus.scheduled
    )
    selection: Mapped[Selection] = mapped_column(Enum(Selection, native_enum=False, length=24))
    #: The rotation order's state whose turn this term used up (see schedule.py).
    cursor_code: Mapped[str | None] = mapped_column(String(8))
    stretch_starts_on: Mapped[date]
    stretch_index: Mapped[int]
    #: Months the term was lengthened by (the extend override).
    extra_months: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive)

    state: Mapped[MemberState | None] = relationship(lazy="joined")

    @property
    def holder_code(self) -> str:
        from .schedule import SECRETARIAT

        return self.state.code if self.state is not None else SECRETARIAT

    def __repr__(self) -> str:
        return f"<ChairTerm {self.sequence} {self.holder_code} {self.starts_on}..{self.ends_on}>"


class Election(Base):
    """An election of the holder of one term (term 1, or a restart of the rotation)."""

    __tablename__ = "elections"

    id: Mapped[int] = mapped_column(primary_key=True)
    term_sequence: Mapped[int] = mapped_column(index=True)
    status: Mapped[ElectionStatus] = mapped_column(
        Enum(ElectionStatus, native_enum=False, length=16), default=ElectionStatus.open
    )
    opened_at: Mapped[datetime] = mapped_column(default=utcnow_naive)
    #: Ballots are accepted until this instant (naive UTC).
    closes_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    winner_state_id: Mapped[int | None] = mapped_column(
        ForeignKey("member_states.id", ondelete="RESTRICT")
    )
    tie_break_reason: Mapped[str | None] = mapped_column(Text)
    #: Vote counts by state code, frozen when the election closes.
    tally: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    winner: Mapped[MemberState | None] = relationship(foreign_keys=[winner_state_id])
    opened_by: Mapped[User | None] = relationship(foreign_keys=[opened_by_id])
    ballots: Mapped[list[Ballot]] = relationship(
        back_populates="election", cascade="all, delete-orphan", order_by="Ballot.id"
    )

    @property
    def is_open(self) -> bool:
        return self.status == ElectionStatus.open


class Ballot(Base):
    """One state's vote in an election; any of its focal points may change it until closing."""

    __tablename__ = "ballots"
    __table_args__ = (UniqueConstraint("election_id", "state_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id", ondelete="CASCADE"))
    state_id: Mapped[int] = mapped_column(ForeignKey("member_states.id", ondelete="RESTRICT"))
    candidate_state_id: Mapped[int] = mapped_column(
        ForeignKey("member_states.id", ondelete="RESTRICT")
    )
    cast_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    cast_at: Mapped[datetime] = mapped_column(default=utcnow_naive)

    election: Mapped[Election] = relationship(back_populates="ballots")
    state: Mapped[MemberState] = relationship(foreign_keys=[state_id])
    candidate: Mapped[MemberState] = relationship(foreign_keys=[candidate_state_id])


class Override(Base):
    """An admin's change to the schedule, with the schedule before and after."""

    __tablename__ = "rotation_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OverrideKind] = mapped_column(Enum(OverrideKind, native_enum=False, length=16))
    reason: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive, index=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: The upcoming terms before and after, as lists of {sequence, holder, starts_on, ...}.
    before: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    after: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])


class RotationMarker(Base):
    """A side effect that happened (``term:5:activated``, ``reminder:6:30``): never twice."""

    __tablename__ = "rotation_markers"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive)


class SchedulerLease(Base):
    """The lease that lets one scheduler act at a time on SQLite (PostgreSQL: advisory lock)."""

    __tablename__ = "scheduler_leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime]
