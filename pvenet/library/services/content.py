"""A practice's content as one value: checked, stored live, or kept as a revision's data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...themes.models import Theme
from ..models import Practice, PracticeText
from ..search.text import fold
from ..vocab import (
    LANGUAGES,
    TARGET_GROUP_CODES,
    TOPIC_CODES,
    PracticeType,
    other_language,
    to_mask,
)

TITLE_MAX = 300
SUMMARY_MAX = 3000
BODY_MAX = 100_000
SOURCE_URL_MAX = 500
FIRST_YEAR = 1991  # the independence of the five states


class LibraryError(Exception):
    """A library rule refused the change; ``field`` names the form field it is about."""

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class TextContent:
    title: str
    summary: str
    body: str

    def is_blank(self) -> bool:
        return not (self.title.strip() or self.summary.strip() or self.body.strip())

    def to_data(self) -> dict[str, str]:
        return {"title": self.title, "summary": self.summary, "body": self.body}


@dataclass
class PracticeContent:
    """Everything a revision may change (the state and the visibility are not in it)."""

    type: PracticeType
    year: int
    original_language: str
    texts: dict[str, TextContent]
    topics: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    source_url: str | None = None
    #: Ids of the chair's themes the practice is linked to.
    themes: list[int] = field(default_factory=list)

    # -- conversions -------------------------------------------------------------------

    @classmethod
    def from_practice(cls, practice: Practice) -> PracticeContent:
        return cls(
            type=practice.type,
            year=practice.year,
            original_language=practice.original_language,
            texts={t.language: TextContent(t.title, t.summary, t.body) for t in practice.texts},
            topics=practice.topics,
            target_groups=practice.target_groups,
            source_url=practice.source_url,
            themes=[t.id for t in practice.themes],
        )

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> PracticeContent:
        return cls(
            type=PracticeType(data["type"]),
            year=int(data["year"]),
            original_language=data["original_language"],
            texts={
                lang: TextContent(t["title"], t["summary"], t["body"])
                for lang, t in data["texts"].items()
            },
            topics=list(data.get("topics", [])),
            target_groups=list(data.get("target_groups", [])),
            source_url=data.get("source_url"),
            themes=[int(t) for t in data.get("themes", [])],
        )

    def to_data(self) -> dict[str, Any]:
        return {
            "type": self.type.value,
            "year": self.year,
            "original_language": self.original_language,
            "texts": {lang: t.to_data() for lang, t in sorted(self.texts.items())},
            "topics": list(self.topics),
            "target_groups": list(self.target_groups),
            "source_url": self.source_url,
            "themes": list(self.themes),
        }

    # -- rules ---------------------------------------------------------------------------

    def clean(self, now: datetime) -> PracticeContent:
        """Trim, drop blank translations, check every rule; raise :class:`LibraryError`."""
        self.texts = {
            lang: TextContent(t.title.strip(), t.summary.strip(), t.body.strip())
            for lang, t in self.texts.items()
            if not t.is_blank()
        }
        self.source_url = (self.source_url or "").strip() or None
        if self.original_language not in LANGUAGES:
            raise LibraryError(_l("Choose the language the practice was written in."))
        if not isinstance(self.year, int) or not FIRST_YEAR <= self.year <= now.year + 1:
            raise LibraryError(
                _l(
                    "The year must be between %(first)d and %(last)d.",
                    first=FIRST_YEAR,
                    last=now.year + 1,
                ),
                "year",
            )
        unknown = [t for t in self.topics if t not in TOPIC_CODES]
        unknown += [g for g in self.target_groups if g not in TARGET_GROUP_CODES]
        if unknown:
            raise LibraryError(_l("Unknown topic or target group: %(codes)s", codes=unknown))
        self.topics = [c for c in TOPIC_CODES if c in self.topics]
        self.target_groups = [c for c in TARGET_GROUP_CODES if c in self.target_groups]
        if self.source_url is not None:
            check_url(self.source_url)
        self.themes = check_themes(self.themes)
        if self.original_language not in self.texts:
            raise LibraryError(
                _l("Write the title, summary and text in the original language."),
                f"title_{self.original_language}",
            )
        for lang, t in self.texts.items():
            check_text(lang, t)
        return self


def check_themes(ids: list[int]) -> list[int]:
    """The linked themes, each once, in the terms' and themes' order; unknown ids refused."""
    wanted = {int(i) for i in ids}
    if not wanted:
        return []
    found = list(
        db.session.scalars(
            select(Theme).where(Theme.id.in_(wanted)).order_by(Theme.term_id, Theme.position)
        )
    )
    if len(found) != len(wanted):
        raise LibraryError(_l("Choose the themes from the list."), "themes")
    return [t.id for t in found]


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if len(url) > SOURCE_URL_MAX or parts.scheme not in ("http", "https") or not parts.netloc:
        raise LibraryError(
            _l("The source link must be a full http:// or https:// address."), "source_url"
        )
    check_characters(url, "source_url")


def check_characters(value: str, field_name: str | None) -> None:
    """Refuse NUL and other control characters (PostgreSQL refuses NUL outright)."""
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise LibraryError(_l("This field contains characters that are not allowed."), field_name)


def check_text(language: str, text: TextContent) -> None:
    for name, value, limit in (
        ("title", text.title, TITLE_MAX),
        ("summary", text.summary, SUMMARY_MAX),
        ("body", text.body, BODY_MAX),
    ):
        field_name = f"{name}_{language}"
        if not value:
            raise LibraryError(
                _l("A text needs a title, a summary and a body in each language it is given in."),
                field_name,
            )
        if len(value) > limit:
            raise LibraryError(
                _l("This field is longer than %(max)d characters.", max=limit), field_name
            )
        check_characters(value, field_name)


def apply_content(practice: Practice, content: PracticeContent) -> None:
    """Make ``content`` the practice's live content (texts added, changed or removed)."""
    practice.type = content.type
    practice.year = content.year
    practice.source_url = content.source_url
    practice.original_language = content.original_language
    practice.topics_mask = to_mask(content.topics, TOPIC_CODES)
    practice.target_groups_mask = to_mask(content.target_groups, TARGET_GROUP_CODES)
    if [t.id for t in practice.themes] != list(content.themes):
        themes = {
            t.id: t for t in db.session.scalars(select(Theme).where(Theme.id.in_(content.themes)))
        }
        practice.themes = [themes[i] for i in content.themes if i in themes]
    existing = {t.language: t for t in practice.texts}
    for lang, text in content.texts.items():
        row = existing.get(lang)
        if row is None:
            row = PracticeText(language=lang, title="", summary="", body="")
            practice.texts.append(row)
        row.title, row.summary, row.body = text.title, text.summary, text.body
        row.is_original = lang == content.original_language
    for lang, row in existing.items():
        if lang not in content.texts:
            practice.texts.remove(row)
    refresh_derived(practice)


def refresh_derived(practice: Practice) -> None:
    """Keep the columns derived from the texts in step (translation flag, sort titles)."""
    practice.is_translated = practice.text(other_language(practice.original_language)) is not None
    for lang in LANGUAGES:
        shown = practice.text_for(lang)
        setattr(practice, f"sort_title_{lang}", fold(shown.title)[:300] if shown else "")
    db.session.flush()
