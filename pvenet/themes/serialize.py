"""Themes, meetings and reports as plain data (API, exports)."""

from __future__ import annotations

from typing import Any

from ..web import external_url
from .models import Meeting, MeetingVisibility, Theme


def theme_data(theme: Theme, language: str) -> dict[str, Any]:
    """A theme with both languages and, for convenience, the text a reader of
    ``language`` is shown (``language`` says which one it is)."""
    shown = theme.text_for(language)
    return {
        "id": theme.id,
        "term": theme.term.sequence,
        "position": theme.position,
        "scope": theme.scope.value,
        "state": theme.state.code if theme.state else None,
        "language": shown.language if shown else None,
        "title": shown.title if shown else "",
        "description": shown.description if shown else "",
        "texts": {
            t.language: {"title": t.title, "description": t.description} for t in theme.texts
        },
        "url": external_url("themes.programme", sequence=theme.term.sequence),
    }


def meeting_data(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "term": meeting.term.sequence,
        "title": meeting.title,
        "language": meeting.language,
        "starts_on": meeting.starts_on.isoformat(),
        "ends_on": meeting.ends_on.isoformat(),
        "city": meeting.city,
        "is_online": meeting.is_online,
        "agenda": meeting.agenda,
        "visibility": meeting.visibility.value,
    }


def report_for_reader(data: dict[str, Any], user: Any) -> dict[str, Any]:
    """The report without the network-only meetings a visitor may not see."""
    if user is not None and getattr(user, "is_authenticated", False):
        return data
    public = MeetingVisibility.public.value
    return {**data, "meetings": [m for m in data["meetings"] if m["visibility"] == public]}
