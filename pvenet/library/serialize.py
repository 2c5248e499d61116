"""Practices as plain data, for the JSON API and the CSV/JSON exports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..web import external_url
from .models import Practice
from .vocab import LANGUAGES


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value else None


def _theme(theme: Any, language: str) -> dict[str, Any]:
    shown = theme.text_for(language)
    return {
        "id": theme.id,
        "term": theme.term.sequence,
        "language": shown.language if shown else None,
        "title": shown.title if shown else "",
    }


def practice_summary(practice: Practice, language: str) -> dict[str, Any]:
    """What a listing shows: the text in ``language`` where it exists, else the original."""
    text = practice.text_for(language)
    return {
        "id": practice.id,
        "url": external_url("library.detail", practice_id=practice.id),
        "state": practice.state.code,
        "type": practice.type.value,
        "year": practice.year,
        "topics": practice.topics,
        "target_groups": practice.target_groups,
        "visibility": practice.visibility.value,
        "status": practice.status.value,
        "original_language": practice.original_language,
        "translation_status": {lang: practice.translation_status(lang).value for lang in LANGUAGES},
        "language": text.language if text else None,
        "title": text.title if text else "",
        "summary": text.summary if text else "",
        "source_url": practice.source_url,
        "published_at": _iso(practice.published_at),
        "revised_at": _iso(practice.revised_at),
        "revision": practice.revision_count,
        "themes": [_theme(t, language) for t in practice.themes],
    }


def practice_detail(practice: Practice, language: str) -> dict[str, Any]:
    """Everything a reader may see, with the texts of both languages."""
    data = practice_summary(practice, language)
    data["texts"] = {
        t.language: {
            "title": t.title,
            "summary": t.summary,
            "body": t.body,
            "is_original": t.is_original,
        }
        for t in practice.texts
    }
    data["attachments"] = [
        {
            "id": a.id,
            "filename": a.filename,
            "mime_type": a.mime_type,
            "size": a.size,
            "url": external_url("library.download", practice_id=practice.id, attachment_id=a.id),
        }
        for a in practice.live_attachments
    ]
    return data


CSV_COLUMNS = [
    "id",
    "url",
    "state",
    "type",
    "year",
    "original_language",
    "language",
    "title",
    "summary",
    "topics",
    "target_groups",
    "source_url",
    "visibility",
    "published_at",
    "themes",
]


def csv_row(practice: Practice, language: str) -> list[Any]:
    data = practice_summary(practice, language)
    data["topics"] = ";".join(data["topics"])
    data["target_groups"] = ";".join(data["target_groups"])
    data["themes"] = ";".join(f"{t['id']}:{t['title']}" for t in data["themes"])
    return ["" if data[c] is None else data[c] for c in CSV_COLUMNS]
