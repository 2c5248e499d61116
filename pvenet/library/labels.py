"""Labels and small formatting helpers for the library's templates."""

from __future__ import annotations

from typing import Any

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from ..states.names import country_name
from .markdown import render_markdown
from .models import PracticeStatus, RevisionStatus, TranslationStatus, Visibility
from .vocab import (
    IN_LANGUAGE,
    LANGUAGE_LABELS,
    TARGET_GROUP_LABELS,
    TOPIC_LABELS,
    TYPE_LABELS,
    PracticeType,
)

STATUS_LABELS = {
    PracticeStatus.draft: _l("Draft"),
    PracticeStatus.submitted: _l("Submitted for review"),
    PracticeStatus.returned: _l("Returned with comments"),
    PracticeStatus.published: _l("Published"),
    PracticeStatus.withdrawn: _l("Withdrawn"),
}
REVISION_STATUS_LABELS = {
    RevisionStatus.draft: _l("Revision in preparation"),
    RevisionStatus.submitted: _l("Revision submitted for review"),
    RevisionStatus.returned: _l("Revision returned with comments"),
}
VISIBILITY_SHORT = {
    Visibility.public: _l("Public"),
    Visibility.network: _l("Network-only"),
    Visibility.restricted: _l("Restricted"),
}
TRANSLATION_STATUS_LABELS = {
    TranslationStatus.original: _l("original"),
    TranslationStatus.translated: _l("translated"),
    TranslationStatus.missing: _l("missing"),
}
THREAD_ACTIONS = {
    "comment": _l("commented"),
    "submitted": _l("submitted for review"),
    "returned": _l("returned with comments"),
    "approved": _l("approved and published"),
    "withdrawn": _l("withdrew the practice"),
}
REVISION_REASONS = {
    "published": _l("published"),
    "revised": _l("revised"),
    "translation": _l("translation added"),
}
SORT_LABELS = {
    "relevance": _l("Relevance"),
    "newest": _l("Newest first"),
    "year": _l("Year"),
    "title": _l("Title"),
}


def file_size(size: int) -> str:
    if size < 1024:
        return str(_l("%(n)s bytes", n=size))
    if size < 1024 * 1024:
        return str(_l("%(n)s KB", n=format_decimal(round(size / 1024, 1))))
    return str(_l("%(n)s MB", n=format_decimal(round(size / (1024 * 1024), 1))))


def template_helpers() -> dict[str, Any]:
    return {
        "type_label": lambda code: TYPE_LABELS.get(PracticeType(code), code),
        "topic_label": lambda code: TOPIC_LABELS.get(code, code),
        "target_group_label": lambda code: TARGET_GROUP_LABELS.get(code, code),
        "language_label": lambda code: LANGUAGE_LABELS.get(code, code),
        "in_language": lambda code: IN_LANGUAGE.get(code, code),
        "state_label": lambda code: country_name(code, _locale()),
        "status_label": lambda status: STATUS_LABELS.get(status, status),
        "revision_status_label": lambda status: REVISION_STATUS_LABELS.get(status, status),
        "visibility_label": lambda v: VISIBILITY_SHORT.get(v, v),
        "translation_status_label": lambda s: TRANSLATION_STATUS_LABELS.get(s, s),
        "thread_action_label": lambda a: THREAD_ACTIONS.get(a, a),
        "revision_reason_label": lambda r: REVISION_REASONS.get(r, r),
        "sort_label": lambda s: SORT_LABELS.get(s, s),
        "file_size": file_size,
        "markdown": render_markdown,
    }


def _locale() -> str:
    from ..i18n import current_language

    return current_language()
