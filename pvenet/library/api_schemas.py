"""The library's schemas in the OpenAPI document (``/api/v1/openapi.json``)."""

from __future__ import annotations

from ..apidoc import schema
from ..states.services import MEMBER_STATES
from .models import Visibility
from .services.content import BODY_MAX, FIRST_YEAR, SOURCE_URL_MAX, SUMMARY_MAX, TITLE_MAX
from .vocab import LANGUAGES, TARGET_GROUP_CODES, TOPIC_CODES, PracticeType

_TEXT = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "minLength": 1, "maxLength": TITLE_MAX},
        "summary": {"type": "string", "minLength": 1, "maxLength": SUMMARY_MAX},
        "body": {
            "type": "string",
            "minLength": 1,
            "maxLength": BODY_MAX,
            "description": "Markdown",
        },
    },
    "required": ["title", "summary", "body"],
    "additionalProperties": False,
}
_TEXT_OUT = {
    "type": "object",
    "properties": {
        **_TEXT["properties"],
        "is_original": {"type": "boolean", "description": "the language it was written in"},
    },
    "required": ["title", "summary", "body", "is_original"],
    "additionalProperties": False,
}
_EXAMPLE = {
    "state": "KZ",
    "type": "guidance",
    "year": 2024,
    "original_language": "ru",
    "visibility": "public",
    "topics": ["youth"],
    "target_groups": [],
    "source_url": "https://example.org/guide",
    "texts": {
        "ru": {
            "title": "Диалоговые площадки для молодёжи",
            "summary": "Встречи молодёжи с местными властями.",
            "body": "## Как это работает\n\nРаз в месяц.",
        }
    },
}
schema("StateCode", {"type": "string", "enum": list(MEMBER_STATES)})
schema("PracticeType", {"type": "string", "enum": [t.value for t in PracticeType]})
schema("Topic", {"type": "string", "enum": TOPIC_CODES})
schema(
    "PracticeSummary",
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "url": {"type": "string"},
            "state": {"type": "string", "example": "KZ"},
            "type": {"type": "string", "enum": [t.value for t in PracticeType]},
            "year": {"type": "integer"},
            "topics": {"type": "array", "items": {"type": "string", "enum": TOPIC_CODES}},
            "target_groups": {
                "type": "array",
                "items": {"type": "string", "enum": TARGET_GROUP_CODES},
            },
            "visibility": {"type": "string", "enum": [v.value for v in Visibility]},
            "status": {"type": "string"},
            "themes": {
                "type": "array",
                "description": "the chair's themes the practice is linked to",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "term": {"type": "integer"},
                        "language": {"type": "string", "enum": list(LANGUAGES)},
                        "title": {"type": "string"},
                    },
                },
            },
            "original_language": {"type": "string", "enum": list(LANGUAGES)},
            "translation_status": {
                "type": "object",
                "additionalProperties": {
                    "type": "string",
                    "enum": ["original", "translated", "missing"],
                },
            },
            "language": {"type": "string", "description": "language of title and summary"},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "source_url": {"type": "string", "nullable": True},
            "published_at": {"type": "string", "format": "date-time", "nullable": True},
            "revised_at": {"type": "string", "format": "date-time", "nullable": True},
            "revision": {"type": "integer"},
        },
    },
)
schema(
    "PracticeDetail",
    {
        "allOf": [
            {"$ref": "#/components/schemas/PracticeSummary"},
            {
                "type": "object",
                "properties": {
                    "texts": {
                        "type": "object",
                        "description": "language → its text",
                        "additionalProperties": _TEXT_OUT,
                    },
                    "attachments": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "id": {"type": "integer"},
                                "filename": {"type": "string"},
                                "mime_type": {"type": "string"},
                                "size": {"type": "integer"},
                                "url": {"type": "string"},
                            },
                        },
                    },
                },
            },
        ]
    },
)
schema(
    "PracticeList",
    {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/PracticeSummary"}},
            "total": {"type": "integer"},
            "capped": {
                "type": "boolean",
                "description": "a search found more texts than it ranks: total and facets "
                "cover the most recent matches only",
            },
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "pages": {"type": "integer"},
            "facets": {
                "type": "object",
                "description": "facet → value → number of matching practices",
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": {"type": "integer"},
                },
            },
        },
    },
)
schema(
    "PracticeCreate",
    {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "state": {
                "allOf": [{"$ref": "#/components/schemas/StateCode"}],
                "description": "member state code; focal points may omit it (their own), "
                "admins must give it",
            },
            "type": {"$ref": "#/components/schemas/PracticeType"},
            "year": {
                "type": "integer",
                "minimum": FIRST_YEAR,
                "description": "at most next year",
            },
            "original_language": {"type": "string", "enum": list(LANGUAGES)},
            "visibility": {
                "type": "string",
                "enum": [v.value for v in Visibility],
                "default": "public",
            },
            "topics": {"type": "array", "items": {"type": "string", "enum": TOPIC_CODES}},
            "target_groups": {
                "type": "array",
                "items": {"type": "string", "enum": TARGET_GROUP_CODES},
            },
            "source_url": {
                "type": "string",
                "nullable": True,
                "maxLength": SOURCE_URL_MAX,
                "pattern": "^https?://[^/]+",
            },
            "themes": {
                "type": "array",
                "items": {"type": "integer"},
                "description": "ids of the chair's themes (GET /api/v1/themes)",
            },
            "texts": {
                "type": "object",
                "description": "the text in the original language is required",
                "properties": {lang: _TEXT for lang in LANGUAGES},
                "additionalProperties": False,
                "minProperties": 1,
            },
        },
        "required": ["type", "year", "original_language", "texts"],
        "example": _EXAMPLE,
    },
)
