"""The chair's programme in the JSON API: a term's themes and its report."""

from __future__ import annotations

from flask import abort, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..apidoc import api_blueprint, bad_request, schema
from ..i18n import current_language
from ..rotation.services.queries import current_term, get_policy
from .serialize import report_for_reader, theme_data
from .services import stored_term
from .services.report import report_for
from .services.themes import term_themes

bp = api_blueprint("themes_api", __name__)

_TEXTS = {
    "type": "object",
    "description": "by language (en, ru): only the languages the theme is written in",
    "additionalProperties": {
        "type": "object",
        "properties": {"title": {"type": "string"}, "description": {"type": "string"}},
    },
}
schema(
    "Theme",
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "term": {"type": "integer", "description": "the term's sequence"},
            "position": {"type": "integer", "minimum": 1, "maximum": 5},
            "scope": {"type": "string", "enum": ["regional", "national"]},
            "state": {"type": "string", "nullable": True, "example": "KZ"},
            "language": {
                "type": "string",
                "enum": ["en", "ru"],
                "description": "the language of title and description",
            },
            "title": {"type": "string"},
            "description": {"type": "string"},
            "texts": _TEXTS,
            "url": {"type": "string"},
        },
    },
)
schema(
    "ThemeList",
    {
        "type": "object",
        "properties": {
            "term": {"type": "integer"},
            "holder": {"type": "string", "example": "KZ"},
            "starts_on": {"type": "string", "format": "date"},
            "ends_on": {"type": "string", "format": "date"},
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Theme"}},
        },
    },
)
_COUNTS = {
    "type": "object",
    "properties": {"contributed": {"type": "integer"}, "published": {"type": "integer"}},
}
schema(
    "TermReport",
    {
        "type": "object",
        "properties": {
            "term": {"type": "object"},
            "generated_at": {"type": "string", "format": "date-time"},
            "is_final": {"type": "boolean", "description": "stored when the term ended"},
            "themes": {"type": "array", "items": {"type": "object"}},
            "meetings": {"type": "array", "items": {"type": "object"}},
            "active_states": {"type": "array", "items": {"type": "string"}},
            "has_figures": {
                "type": "boolean",
                "description": "false: no practice figures are available (never invented)",
            },
            "by_state": {"type": "object", "nullable": True, "additionalProperties": _COUNTS},
            "by_theme": {"type": "object", "nullable": True, "additionalProperties": _COUNTS},
            "balance": {
                "type": "object",
                "nullable": True,
                "description": "shares of the active states in the practices contributed, "
                "and index = 1 − Gini of their counts (1: equal, 0: one state has all)",
                "properties": {
                    "shares": {"type": "object", "additionalProperties": {"type": "number"}},
                    "min_share": {"type": "number"},
                    "max_share": {"type": "number"},
                    "index": {"type": "number"},
                    "states": {"type": "integer"},
                    "total": {"type": "integer"},
                },
            },
        },
    },
)


@bp.get("/themes")
def list_themes():
    """The thematic priorities of a term.
    ---
    get:
      summary: The themes of a term (default the current term)
      tags: [themes]
      parameters:
        - {name: term, in: query, schema: {type: integer, minimum: 0},
           description: "the term's sequence; default: the current term"}
        - {name: lang, in: query, schema: {type: string, enum: [en, ru]},
           description: "language of title and description (default: the reader's)"}
      responses:
        200:
          description: The term's themes in their order
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ThemeList"}
        400:
          description: The term or the language is not valid
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
        404:
          description: No such stored term (or no rotation set up)
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
    """
    language = request.args.get("lang", current_language())
    if language not in ("en", "ru"):
        bad_request(_("Unknown language: %(value)s", value=language[:40]))
    raw = request.args.get("term")
    if raw is None:
        policy = get_policy()
        view = current_term(clock.today(policy.timezone)) if policy else None
        term = stored_term(view.sequence) if view else None
    elif raw.isascii() and raw.isdigit() and len(raw) < 7:
        term = stored_term(int(raw))
    else:
        bad_request(_("The term is a number such as 3; got “%(value)s”.", value=raw[:40]))
    if term is None:
        abort(404, description=_("There is no such term."))
    return jsonify(
        term=term.sequence,
        holder=term.holder_code,
        starts_on=term.starts_on.isoformat(),
        ends_on=term.ends_on.isoformat(),
        items=[theme_data(t, language) for t in term_themes(term)],
    )


@bp.get("/terms/<int:sequence>/report")
def term_report(sequence: int):
    """A term's report.
    ---
    get:
      summary: The report of a term (stored once the term has ended, else as of now)
      tags: [themes]
      parameters:
        - {name: sequence, in: path, required: true, schema: {type: integer}}
      responses:
        200:
          description: The report's figures
          content:
            application/json:
              schema: {$ref: "#/components/schemas/TermReport"}
        404:
          description: No such stored term
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
    """
    term = stored_term(sequence)
    if term is None:
        abort(404, description=_("There is no such term."))
    return jsonify(report_for_reader(report_for(term, clock.now()), current_user))
