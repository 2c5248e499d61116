"""The JSON API's shared pieces: its blueprints and the OpenAPI document.

Each feature defines its API views on a blueprint made by :func:`api_blueprint` and
describes each view in an OpenAPI YAML block at the end of its docstring (after ``---``),
as apispec's Flask plugin reads it. Shared schemas are added with :func:`schema`.
``/api/v1/openapi.json`` assembles the document from the URL map, so a new endpoint is in
it as soon as it is registered.
"""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from apispec.yaml_utils import load_yaml_from_docstring
from flask import Blueprint, Flask, abort, current_app, jsonify, request
from flask_babel import lazy_gettext as _l

from .extensions import csrf
from .security import limit_json_body

API_PREFIX = "/api/v1"
_SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": {
        "type": "object",
        "properties": {
            "error": {"type": "string"},
            "message": {"type": "string"},
            "status": {"type": "integer"},
        },
        "required": ["error", "message", "status"],
    },
}


def schema(name: str, definition: dict[str, Any]) -> None:
    """Register a component schema, referenced as ``#/components/schemas/<name>``."""
    _SCHEMAS[name] = definition


def api_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint under ``/api/v1``.

    API writes authenticate with a personal token (``Authorization: Bearer …``) only, never
    with the session cookie, so the API can skip CSRF without opening a CSRF hole.
    """
    bp = Blueprint(name, import_name, url_prefix=API_PREFIX)
    csrf.exempt(bp)

    @bp.before_request
    def _bodies_are_small() -> None:
        # The API takes JSON only, never files: a far lower limit than the uploads' one.
        limit_json_body()

    @bp.before_request
    def _writes_need_a_token() -> None:
        if request.method not in ("GET", "HEAD", "OPTIONS") and not request.headers.get(
            "Authorization", ""
        ).startswith("Bearer "):
            abort(
                401,
                description=_l(
                    "Writing through the API needs a personal API token "
                    "in the Authorization header."
                ),
            )

    return bp


def bad_request(message: Any) -> None:
    """Abort with a 400 whose JSON body carries ``message`` in the reader's language."""
    abort(400, description=message)


def build_spec(app: Flask) -> dict[str, Any]:
    spec = APISpec(
        title="pvenet API",
        version="1.0.0",
        openapi_version="3.0.3",
        info={
            "description": "Read the network's public data as your role allows; write with "
            "a personal API token (Authorization: Bearer …) created on your profile page."
        },
        servers=[{"url": "/"}],
    )
    spec.components.security_scheme("bearerToken", {"type": "http", "scheme": "bearer"})
    for name, definition in sorted(_SCHEMAS.items()):
        spec.components.schema(name, definition)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith(API_PREFIX) or rule.endpoint == "apidoc.openapi":
            continue
        view = app.view_functions[rule.endpoint]
        operations = load_yaml_from_docstring(view.__doc__ or "") or {}
        methods = {m.lower() for m in rule.methods or ()} - {"head", "options"}
        ops = {m: op for m, op in operations.items() if m in methods}
        if not ops:
            continue
        path = rule.rule
        for arg in rule.arguments:
            path = path.replace(f"<int:{arg}>", "{" + arg + "}").replace(
                f"<{arg}>", "{" + arg + "}"
            )
        spec.path(path=path, operations=ops)
    return spec.to_dict()


bp = api_blueprint("apidoc", __name__)


@bp.get("/openapi.json")
def openapi():
    document = current_app.extensions.get("pvenet.openapi")
    if document is None:
        document = current_app.extensions["pvenet.openapi"] = build_spec(current_app)
    return jsonify(document)
