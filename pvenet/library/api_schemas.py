"""The library's schemas in the OpenAPI document (``/api/v1/openapi.json``)."""

from __future__ import annotations

from ..apidoc import schema
from .models import Visibility
from .vocab import LANGUAGES, TARGET_GROUP_CODES, TOPIC_CODES, PracticeType

_TEXT = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "maxLength": 300},
        "summary": {"type": "string", "maxLength": 3000},
        "body": {"type": "string", "description": "Markdown"},
    },
    "required": ["title", "summary", "body"],
}
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
                    "texts": {"type": "object", "additionalProperties": _TEXT},
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
                "type": "string",
                "description": "member state code; focal points may omit it (their own)",
            },
            "type": {"type": "string", "enum": [t.value for t in PracticeType]},
            "year": {"type": "integer"},
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
            "source_url": {"type": "string", "nullable": True},
            "themes": {
                "type": "array",
                "items": {"type": "integer"},
                "description": "ids of the chair's themes (GET /api/v1/themes)",
            },
            "texts": {
                "type": "object",
                "properties": {lang: _TEXT for lang in LANGUAGES},
                "additionalProperties": False,
            },
        },
        "required": ["type", "year", "original_language", "texts"],
    },
)
