"""Thematic priorities of a chair term, the network meetings it plans, its stored report.

Everything here belongs to one stored :class:`~pvenet.rotation.models.ChairTerm`, referred
to by the term's row id: the rotation rewrites upcoming terms' sequences while it
reschedules them (see ``save_upcoming``), but keeps each row's id, so the id is the stable
reference. The term's sequence is what pages and the API show.

A theme's title and description are content, not gettext: one :class:`ThemeText` row per
language it is written in, the language marked, the other language shown with a badge.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow_naive
from ..extensions import Base
from ..rotation.models import ChairTerm
from ..states.models import MemberState

if TYPE_CHECKING:
    from ..auth.models import User

LANGUAGES = ("en", "ru")


class ThemeScope(enum.StrEnum):
    regional = "regional"
    national = "national"


class MeetingVisibility(enum.StrEnum):
    public = "public"
    network = "network"  # logged-in members of the network


class Theme(Base):
    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(
        ForeignKey("chair_terms.id", ondelete="CASCADE"), index=True
    )
    #: 1-based order within the term.
    position: Mapped[int] = mapped_column(default=1)
    scope: Mapped[ThemeScope] = mapped_column(
        Enum(ThemeScope, native_enum=False, length=16), default=ThemeScope.regional
    )
    #: The state a national theme concerns (``None`` for a regional theme).
    state_id: Mapped[int | None] = mapped_column(
        ForeignKey("member_states.id", ondelete="RESTRICT")
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow_naive, onupdate=utcnow_naive)

    term: Mapped[ChairTerm] = relationship(lazy="joined")
    state: Mapped[MemberState | None] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship(lazy="select")
    texts: Mapped[list[ThemeText]] = relationship(
        back_populates="theme",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="ThemeText.language",
    )

    def text(self, language: str) -> ThemeText | None:
        for t in self.texts:
            if t.language == language:
                return t
        return None

    def text_for(self, language: str) -> ThemeText | None:
        """The text in ``language`` when there is one, else the other language's."""
        return self.text(language) or (self.texts[0] if self.texts else None)

    def title_for(self, language: str) -> str:
        text = self.text_for(language)
        return text.title if text else ""

    @property
    def languages(self) -> list[str]:
        return [t.language for t in self.texts]

    def __repr__(self) -> str:
        return f"<Theme {self.id} term={self.term_id} #{self.position}>"


class ThemeText(Base):
    """A theme's title and description in one language."""

    __tablename__ = "theme_texts"
    __table_args__ = (UniqueConstraint("theme_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    theme: Mapped[Theme] = relationship(back_populates="texts")


class Meeting(Base):
    """A network meeting the chair plans for its term."""

    __tablename__ = "network_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(
        ForeignKey("chair_terms.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(index=True)
    #: The last day of the meeting (inclusive).
    ends_on: Mapped[date]
    city: Mapped[str | None] = mapped_column(String(120))
    is_online: Mapped[bool] = mapped_column(default=False)
    agenda: Mapped[str] = mapped_column(Text, default="")
    #: The meeting's working language, which its title and agenda are written in.
    language: Mapped[str] = mapped_column(String(2))
    visibility: Mapped[MeetingVisibility] = mapped_column(
        Enum(MeetingVisibility, native_enum=False, length=16), default=MeetingVisibility.public
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow_naive, onupdate=utcnow_naive)

    term: Mapped[ChairTerm] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.starts_on}>"


class TermReport(Base):
    """A term's report as stored when the term ended (figures frozen in ``data``)."""

    __tablename__ = "term_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(
        ForeignKey("chair_terms.id", ondelete="CASCADE"), unique=True
    )
    generated_at: Mapped[datetime] = mapped_column(default=utcnow_naive)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    term: Mapped[ChairTerm] = relationship(lazy="joined")
