"""The library of good practices: practices, their texts, revisions, reviews, attachments.

A practice's *live* content is the practice row with its texts (one per language). Before
its first publication the live content is the draft itself; once published it is what
readers see, and a change to it goes through a :class:`PendingRevision` that is reviewed
and then applied, so the published text stays visible until the new one is approved.
Each approval stores a :class:`PracticeRevision` snapshot: every published revision is kept.

Full-text search needs objects that the ORM does not model: an FTS5 table on SQLite and a
generated ``tsvector`` column with a GIN index on PostgreSQL. They are created by DDL
events on ``practice_texts`` (see :mod:`pvenet.library.search.ddl`) and by the migration.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Column,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow_naive
from ..extensions import Base
from ..states.models import MemberState
from ..themes.models import Theme
from .vocab import (
    TARGET_GROUP_CODES,
    TOPIC_CODES,
    PracticeType,
    from_mask,
    other_language,
)

if TYPE_CHECKING:
    from ..auth.models import User


class Visibility(enum.StrEnum):
    public = "public"
    network = "network"  # logged-in members of the network
    restricted = "restricted"  # the practice's own state's focal points and admins


class PracticeStatus(enum.StrEnum):
    draft = "draft"
    submitted = "submitted"
    returned = "returned"
    published = "published"
    withdrawn = "withdrawn"


class RevisionStatus(enum.StrEnum):
    """Where a proposed change to a published practice stands."""

    draft = "draft"
    submitted = "submitted"
    returned = "returned"


class TranslationStatus(enum.StrEnum):
    original = "original"
    translated = "translated"
    missing = "missing"


def _enum(cls: type[enum.Enum], length: int = 20) -> Enum:
    return Enum(cls, native_enum=False, length=length, validate_strings=True)


#: Practices linked to the chair's themes (DESIGN.md: "linked themes"); the library owns
#: the link because it imports themes, never the reverse.
practice_themes = Table(
    "practice_themes",
    Base.metadata,
    Column("practice_id", ForeignKey("practices.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Practice(Base):
    __tablename__ = "practices"
    __table_args__ = (
        # The listing filters by status and visibility, and its facet query groups the
        # matching rows by these columns: one covering index serves both.
        Index(
            "ix_practices_facets",
            "status",
            "visibility",
            "state_id",
            "type",
            "year",
            "original_language",
            "is_translated",
            "topics_mask",
        ),
        Index("ix_practices_status_published_at", "status", "published_at"),
        Index("ix_practices_status_year", "status", "year"),
        Index("ix_practices_status_sort_title_en", "status", "sort_title_en"),
        Index("ix_practices_status_sort_title_ru", "status", "sort_title_ru"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # active_history: the facet counts need the value a change replaces (facets.py).
    state_id: Mapped[int] = mapped_column(
        ForeignKey("member_states.id"), index=True, active_history=True
    )
    type: Mapped[PracticeType] = mapped_column(_enum(PracticeType), active_history=True)
    year: Mapped[int] = mapped_column(active_history=True)
    source_url: Mapped[str | None] = mapped_column(String(500))
    visibility: Mapped[Visibility] = mapped_column(
        _enum(Visibility), default=Visibility.public, active_history=True
    )
    status: Mapped[PracticeStatus] = mapped_column(
        _enum(PracticeStatus), default=PracticeStatus.draft, active_history=True
    )
    original_language: Mapped[str] = mapped_column(String(2), active_history=True)
    #: Whether the other language has a text too (kept in step with ``texts``).
    is_translated: Mapped[bool] = mapped_column(default=False, active_history=True)
    topics_mask: Mapped[int] = mapped_column(Integer, default=0, active_history=True)
    target_groups_mask: Mapped[int] = mapped_column(Integer, default=0)
    #: The title a reader of each language sees, folded for sorting.
    sort_title_en: Mapped[str] = mapped_column(String(300), default="")
    sort_title_ru: Mapped[str] = mapped_column(String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow_naive, onupdate=utcnow_naive)
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: First publication (the feed's "newly published"); ``revised_at``: latest approval.
    published_at: Mapped[datetime | None]
    revised_at: Mapped[datetime | None]
    revision_count: Mapped[int] = mapped_column(default=0)

    state: Mapped[MemberState] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id], lazy="select")
    texts: Mapped[list[PracticeText]] = relationship(
        back_populates="practice",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="PracticeText.language",
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="practice",
        cascade="all, delete-orphan",
        order_by="Attachment.id",
    )
    pending: Mapped[PendingRevision | None] = relationship(
        back_populates="practice", cascade="all, delete-orphan", uselist=False
    )
    themes: Mapped[list[Theme]] = relationship(
        secondary=practice_themes, order_by="[Theme.term_id, Theme.position]", lazy="selectin"
    )

    @property
    def topics(self) -> list[str]:
        return from_mask(self.topics_mask, TOPIC_CODES)

    @property
    def target_groups(self) -> list[str]:
        return from_mask(self.target_groups_mask, TARGET_GROUP_CODES)

    def text(self, language: str) -> PracticeText | None:
        for t in self.texts:
            if t.language == language:
                return t
        return None

    @property
    def original_text(self) -> PracticeText | None:
        return self.text(self.original_language) or (self.texts[0] if self.texts else None)

    def text_for(self, language: str) -> PracticeText | None:
        """The text in ``language`` when there is one, else the original."""
        return self.text(language) or self.original_text

    def translation_status(self, language: str) -> TranslationStatus:
        t = self.text(language)
        if t is None:
            return TranslationStatus.missing
        return TranslationStatus.original if t.is_original else TranslationStatus.translated

    @property
    def missing_language(self) -> str | None:
        other = other_language(self.original_language)
        return None if self.text(other) else other

    @property
    def live_attachments(self) -> list[Attachment]:
        """What readers see: not removed, not added by a revision still under review."""
        return [a for a in self.attachments if not a.is_pending and a.removed_at is None]

    @property
    def proposed_attachments(self) -> list[Attachment]:
        """What the practice will have once its pending revision is approved."""
        return [a for a in self.attachments if not a.is_removal_pending and a.removed_at is None]

    def __repr__(self) -> str:
        return f"<Practice {self.id} {self.status}>"


class PracticeText(Base):
    """A practice's title, summary and body (Markdown) in one language."""

    __tablename__ = "practice_texts"
    __table_args__ = (
        UniqueConstraint("practice_id", "language", name="uq_practice_texts_practice_language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    #: The language the practice was written in (else: a translation).
    is_original: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow_naive, onupdate=utcnow_naive)

    practice: Mapped[Practice] = relationship(back_populates="texts")


class PendingRevision(Base):
    """A proposed change to a published practice, reviewed before it replaces the live one.

    ``data`` holds the whole proposed content in the shape of
    :meth:`pvenet.library.services.content.PracticeContent.to_data`.
    """

    __tablename__ = "practice_pending_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[RevisionStatus] = mapped_column(
        _enum(RevisionStatus), default=RevisionStatus.draft
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow_naive, onupdate=utcnow_naive)
    submitted_at: Mapped[datetime | None] = mapped_column(index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    practice: Mapped[Practice] = relationship(back_populates="pending")


class PracticeRevision(Base):
    """A published revision of a practice, kept for ever (number 1 is the first publication)."""

    __tablename__ = "practice_revisions"
    __table_args__ = (
        UniqueConstraint("practice_id", "number", name="uq_practice_revisions_practice_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_at: Mapped[datetime] = mapped_column(default=utcnow_naive)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Why this revision exists: "published", "revised" or "translation".
    reason: Mapped[str] = mapped_column(String(20), default="published")

    approved_by: Mapped[User | None] = relationship(lazy="joined")


class ReviewComment(Base):
    """One message of a practice's review thread (comments and review decisions)."""

    __tablename__ = "practice_comments"
    __table_args__ = (Index("ix_practice_comments_practice_created", "practice_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: "comment", or the decision it records: "submitted", "returned", "approved", "withdrawn".
    action: Mapped[str] = mapped_column(String(20), default="comment")
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive)

    author: Mapped[User | None] = relationship(lazy="joined")


class Attachment(Base):
    """A file attached to a practice; the bytes live in the storage under ``storage_key``."""

    __tablename__ = "practice_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(200))
    mime_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive)
    #: Added by a revision still under review: hidden from readers until approved.
    is_pending: Mapped[bool] = mapped_column(default=False)
    #: Removed by a revision still under review: still shown until approved.
    is_removal_pending: Mapped[bool] = mapped_column(default=False)
    #: Part of a published revision: removing it later keeps it for the history.
    was_published: Mapped[bool] = mapped_column(default=False)
    removed_at: Mapped[datetime | None]

    practice: Mapped[Practice] = relationship(back_populates="attachments")


class FacetCount(Base):
    """How many published practices share one combination of the listing's facets.

    The listing reads its facet counts from these few thousand rows instead of grouping
    every published practice (see :mod:`pvenet.library.facets`, which keeps the table in
    step with the practices inside the same flush). ``topic_<n>`` counts the practices of
    the combination that have topic ``n`` (bit ``n`` of ``topics_mask``).

    ``theme_id`` 0 counts every practice of the combination; a row with a theme's id counts
    those linked to that theme (the theme facet, and the other facets once a theme is
    chosen). It is a plain number, not a foreign key: rows of a removed theme are ignored.
    """

    __tablename__ = "practice_facet_counts"
    __table_args__ = (
        UniqueConstraint(
            "visibility",
            "state_id",
            "type",
            "year",
            "original_language",
            "is_translated",
            "theme_id",
            name="uq_practice_facet_counts_combination",
        ),
        # Every facet query picks the rows of one theme (0: all practices) or of the
        # themes; without this index it reads the theme rows too, which grow with the
        # number of linked practices (12,800 rows at 100,000 practices for 1,800 read).
        Index("ix_practice_facet_counts_theme_visibility", "theme_id", "visibility"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visibility: Mapped[Visibility] = mapped_column(_enum(Visibility))
    state_id: Mapped[int] = mapped_column(ForeignKey("member_states.id", ondelete="CASCADE"))
    type: Mapped[PracticeType] = mapped_column(_enum(PracticeType))
    year: Mapped[int]
    original_language: Mapped[str] = mapped_column(String(2))
    is_translated: Mapped[bool]
    theme_id: Mapped[int] = mapped_column(default=0, server_default="0")
    count: Mapped[int] = mapped_column(default=0)
    topic_0: Mapped[int] = mapped_column(default=0)
    topic_1: Mapped[int] = mapped_column(default=0)
    topic_2: Mapped[int] = mapped_column(default=0)
    topic_3: Mapped[int] = mapped_column(default=0)
    topic_4: Mapped[int] = mapped_column(default=0)
    topic_5: Mapped[int] = mapped_column(default=0)
    topic_6: Mapped[int] = mapped_column(default=0)
    topic_7: Mapped[int] = mapped_column(default=0)
    topic_8: Mapped[int] = mapped_column(default=0)
    topic_9: Mapped[int] = mapped_column(default=0)


class AttachmentBlob(Base):
    """Attachment bytes when ``PVENET_UPLOAD_STORAGE=database`` (several web machines)."""

    __tablename__ = "attachment_blobs"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow_naive)
