"""The library in the JSON API: list and read practices; create a draft with a token.

Input is checked strictly: an unknown field, a wrong type or value answers 400 with a
message in the reader's language (``Accept-Language`` or the token owner's setting).
"""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..apidoc import api_blueprint, bad_request
from ..auth.models import User
from ..auth.permissions import can
from ..auth.services import user_for_api_token
from ..extensions import db
from ..i18n import current_language
from ..pagecache import cached_response
from ..states.models import MemberState
from . import api_schemas  # noqa: F401  (the schemas the docstrings refer to)
from .models import Practice, Visibility
from .serialize import practice_detail, practice_summary
from .services import access
from .services.content import LibraryError, PracticeContent, TextContent
from .services.queries import FilterError, listing, parse_filters
from .services.workflow import create_practice
from .views import state_codes, theme_ids
from .vocab import LANGUAGES, TARGET_GROUP_CODES, TOPIC_CODES, PracticeType

bp = api_blueprint("library_api", __name__)

_FIELDS = {
    "state",
    "type",
    "year",
    "original_language",
    "visibility",
    "topics",
    "target_groups",
    "source_url",
    "texts",
    "themes",
}


@bp.get("/practices")
@cached_response
def list_practices():
    """The library, as the listing page shows it to the caller.
    ---
    get:
      summary: List published practices the caller may read
      tags: [library]
      parameters:
        - {name: q, in: query, schema: {type: string, maxLength: 200},
           description: "full-text search"}
        - {name: state, in: query, schema: {$ref: "#/components/schemas/StateCode"},
           description: "e.g. KZ; repeatable"}
        - {name: type, in: query, schema: {$ref: "#/components/schemas/PracticeType"},
           description: "repeatable"}
        - {name: topic, in: query, schema: {$ref: "#/components/schemas/Topic"},
           description: "repeatable"}
        - {name: language, in: query, schema: {type: string, enum: [en, ru]}}
        - {name: year, in: query, schema: {type: integer, minimum: 1900, maximum: 2200},
           description: "repeatable"}
        - {name: theme, in: query, schema: {type: integer, minimum: 1, maximum: 2147483647},
           description: "id of a theme of the chair (GET /api/v1/themes); repeatable"}
        - {name: published_since, in: query, schema: {type: string, format: date}}
        - {name: sort, in: query, schema: {type: string, enum: [relevance, newest, year, title]}}
        - {name: page, in: query, schema: {type: integer, minimum: 1, maximum: 100000}}
        - {name: per_page, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
      responses:
        200:
          description: One page of practices with facet counts
          content:
            application/json:
              schema: {$ref: "#/components/schemas/PracticeList"}
        400:
          description: A filter value is not valid
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
    """
    try:
        f = parse_filters(
            request.args, strict=True, state_codes=state_codes(), theme_ids=theme_ids()
        )
    except FilterError as exc:
        bad_request(exc.message)
    language = current_language()
    result = listing(current_user, f, language)
    return jsonify(
        items=[practice_summary(p, language) for p in result.items],
        total=result.total,
        capped=result.capped,
        page=f.page,
        per_page=f.per_page,
        pages=result.pages,
        facets={name: {str(k): v for k, v in c.items()} for name, c in result.facets.items()},
    )


@bp.get("/practices/<int:practice_id>")
def get_practice(practice_id: int):
    """One practice with both languages.
    ---
    get:
      summary: Read one practice
      tags: [library]
      parameters:
        - {name: practice_id, in: path, required: true, example: 1,
           schema: {type: integer, minimum: 0, maximum: 2147483647}}
        - {name: lang, in: query, schema: {type: string, enum: [en, ru]},
           description: "language of title and summary (default: the reader's)"}
      responses:
        200:
          description: The practice
          content:
            application/json:
              schema: {$ref: "#/components/schemas/PracticeDetail"}
        400:
          description: The language asked for is not en or ru
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
        404:
          description: No such practice, or not one the caller may read
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
    """
    lang = request.args.get("lang")
    if lang is not None and lang not in LANGUAGES:
        bad_request(_("Unknown language: %(value)s", value=lang[:40]))
    practice = db.session.get(Practice, practice_id)
    if practice is None or not access.may_read(current_user, practice, clock.utcnow_naive()):
        abort(404)
    return jsonify(practice_detail(practice, lang or current_language()))


@bp.post("/practices")
def create():
    """Create a draft practice.
    ---
    post:
      summary: Create a draft (focal points for their state, admins for any)
      tags: [library]
      security: [{bearerToken: []}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/PracticeCreate"}
      responses:
        201:
          description: The draft was created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/PracticeDetail"}
        400:
          description: The input is not valid; the message says why
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
        401:
          description: No valid personal API token
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
        403:
          description: The token's owner may not create practices
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
        413:
          description: The body is larger than the allowed size (PVENET_MAX_JSON_KB)
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
    """
    actor = _token_user()
    if not can("practice.create", user=actor):
        abort(403, description=_("Only focal points and administrators create practices."))
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        bad_request(_("The request body must be a JSON object."))
    state, content, visibility = _parse_create(payload, actor)
    try:
        practice = create_practice(
            actor,
            state=state,
            content=content,
            visibility=visibility,
            now=clock.utcnow_naive(),
        )
    except LibraryError as exc:
        db.session.rollback()
        bad_request(_field_message(exc))
    db.session.commit()
    response = jsonify(practice_detail(practice, current_language()))
    response.status_code = 201
    response.headers["Location"] = url_for(".get_practice", practice_id=practice.id)
    return response


def _token_user() -> User:
    """The owner of the request's API token: writes act with the token's rights only,
    never with a session cookie that happens to come along."""
    header = request.headers.get("Authorization", "")
    user = user_for_api_token(header[7:].strip(), clock.utcnow_naive())
    if user is None:
        abort(401, description=_("The API token is missing, revoked or not valid."))
    return user


def _field_message(exc: LibraryError) -> str:
    """The service's message, prefixed with the JSON path of the field it is about."""
    field = exc.field
    if not field:
        return str(exc.message)
    name, _sep, lang = field.rpartition("_")
    if name in ("title", "summary", "body") and lang in LANGUAGES:
        field = f"texts.{lang}.{name}"
    return _("%(field)s: %(message)s", field=field, message=str(exc.message))


def _require_type(name: str, value: Any, kind: type | tuple[type, ...], what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, kind):
        bad_request(_("The field “%(field)s” must be %(what)s.", field=name, what=what))


def _choice(name: str, value: Any, allowed: list[str]) -> str:
    _require_type(name, value, str, _("a string"))
    if value not in allowed:
        bad_request(
            _(
                "The field “%(field)s” must be one of: %(allowed)s.",
                field=name,
                allowed=", ".join(allowed),
            )
        )
    return value


def _codes(name: str, value: Any, allowed: list[str]) -> list[str]:
    _require_type(name, value, list, _("a list of strings"))
    return [_choice(name, v, allowed) for v in value]


def _parse_create(
    payload: dict[str, Any], actor: User
) -> tuple[MemberState, PracticeContent, Visibility]:
    unknown = sorted(set(payload) - _FIELDS)
    if unknown:
        bad_request(_("Unknown field: %(field)s", field=", ".join(unknown)))
    for name in ("type", "year", "original_language", "texts"):
        if name not in payload:
            bad_request(_("The field “%(field)s” is required.", field=name))
    type_ = _choice("type", payload["type"], [t.value for t in PracticeType])
    _require_type("year", payload["year"], int, _("a whole number"))
    original = _choice("original_language", payload["original_language"], list(LANGUAGES))
    visibility = _choice(
        "visibility", payload.get("visibility", "public"), [v.value for v in Visibility]
    )
    topics = _codes("topics", payload.get("topics", []), TOPIC_CODES)
    groups = _codes("target_groups", payload.get("target_groups", []), TARGET_GROUP_CODES)
    source_url = payload.get("source_url")
    if source_url is not None:
        _require_type("source_url", source_url, str, _("a string"))
    themes = payload.get("themes", [])
    _require_type("themes", themes, list, _("a list of theme ids"))
    for value in themes:
        _require_type("themes", value, int, _("a list of theme ids"))
    texts = _parse_texts(payload["texts"])
    state = _parse_state(payload.get("state"), actor)
    content = PracticeContent(
        type=PracticeType(type_),
        year=payload["year"],
        original_language=original,
        texts=texts,
        topics=topics,
        target_groups=groups,
        source_url=source_url,
        themes=themes,
    )
    return state, content, Visibility(visibility)


def _parse_texts(raw: Any) -> dict[str, TextContent]:
    _require_type("texts", raw, dict, _("an object with the keys en and/or ru"))
    texts: dict[str, TextContent] = {}
    for lang, value in raw.items():
        _choice("texts", lang, list(LANGUAGES))
        _require_type(f"texts.{lang}", value, dict, _("an object"))
        extra = sorted(set(value) - {"title", "summary", "body"})
        if extra:
            bad_request(_("Unknown field: %(field)s", field=f"texts.{lang}.{extra[0]}"))
        parts = []
        for key in ("title", "summary", "body"):
            if key not in value:
                bad_request(_("The field “%(field)s” is required.", field=f"texts.{lang}.{key}"))
            _require_type(f"texts.{lang}.{key}", value[key], str, _("a string"))
            parts.append(value[key])
        texts[lang] = TextContent(*parts)
    return texts


def _parse_state(raw: Any, actor: User) -> MemberState:
    user_state = actor.state
    if raw is None:
        if user_state is None:
            bad_request(_("The field “%(field)s” is required.", field="state"))
        return user_state
    _require_type("state", raw, str, _("a string"))
    state = db.session.scalar(db.select(MemberState).where(MemberState.code == raw.upper()))
    if state is None:
        bad_request(_("Unknown member state: %(value)s", value=raw[:40]))
    if not actor.is_admin and state.id != actor.state_id:
        abort(403, description=_("Focal points create practices for their own state only."))
    return state
