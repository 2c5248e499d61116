"""Accounts: users, their roles, API tokens and failed-login records."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..clock import utcnow_naive
from ..extensions import Base
from ..states.models import MemberState


class Role(enum.StrEnum):
    admin = "admin"
    focal_point = "focal_point"
    observer = "observer"


class User(UserMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        # A focal point is bound to exactly one member state; nobody else is.
        CheckConstraint(
            "(role = 'focal_point' AND state_id IS NOT NULL) OR "
            "(role != 'focal_point' AND state_id IS NULL)",
            name="state_only_for_focal_points",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=16))
    state_id: Mapped[int | None] = mapped_column(ForeignKey("member_states.id"), index=True)
    locale: Mapped[str | None] = mapped_column(String(8))
    is_active_flag: Mapped[bool] = mapped_column("is_active", default=True)
    # Bumped on logout, password change and deactivation: every older session dies.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow_naive, onupdate=utcnow_naive)
    last_login_at: Mapped[datetime | None]

    state: Mapped[MemberState | None] = relationship(lazy="joined")

    @validates("email")
    def _normalise_email(self, _key: str, value: str) -> str:
        return value.strip().lower()

    @property
    def is_active(self) -> bool:  # Flask-Login reads this
        return self.is_active_flag

    def get_id(self) -> str:
        """Flask-Login's alternative id: the user id plus the session version."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin

    @property
    def is_focal_point(self) -> bool:
        return self.role == Role.focal_point

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class ApiToken(Base):
    """A personal API token; only its SHA-256 digest is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(12))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="joined")


class LoginFailure(Base):
    """A failed login, kept in the database so every worker process sees the same count."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    ip: Mapped[str] = mapped_column(String(45), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive, index=True)
