"""Error pages in the reader's language, JSON for the API."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import Conflict, HTTPException, InternalServerError, ServiceUnavailable

from .extensions import db

log = logging.getLogger(__name__)


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (
            _("Bad request"),
            _("The request could not be understood. Check what you entered and try again."),
        ),
        401: (_("Not logged in"), _("Please log in to continue.")),
        403: (_("Access denied"), _("You do not have permission to see this page.")),
        404: (
            _("Page not found"),
            _("There is nothing at this address. It may have moved, or the link may be mistyped."),
        ),
        405: (_("Method not allowed"), _("This address does not accept this kind of request.")),
        413: _too_large(),
        409: (
            _("Changed at the same time"),
            _(
                "Someone else changed the same thing at the same moment, so nothing was saved. "
                "Reload the page and try again."
            ),
        ),
        429: (
            _("Too many requests"),
            _("You have sent too many requests. Wait a few minutes and try again."),
        ),
        503: (
            _("Busy"),
            _("The platform is busy right now and nothing was saved. Try again in a moment."),
        ),
        500: (
            _("Something went wrong"),
            _(
                "An unexpected error occurred on our side. It "
                "has been logged; please try again later."
            ),
        ),
    }


def _too_large() -> tuple[str, str]:
    if request.is_json or request.path.startswith("/api/"):
        from flask import current_app

        return (
            _("Request too large"),
            _(
                "The request body is larger than the allowed %(kb)d KB.",
                kb=int(current_app.config["MAX_JSON_KB"]),
            ),
        )
    return (
        _("File too large"),
        _("The file or form you sent is larger than the allowed %(mb)d MB.", mb=_max_mb()),
    )


def _max_mb() -> int:
    from flask import current_app

    return int(current_app.config.get("MAX_UPLOAD_MB", 20))


def wants_json() -> bool:
    return request.path.startswith("/api/") or (request.accept_mimetypes.best == "application/json")


def handle_http_error(exc: HTTPException):
    code = exc.code or 500
    if code >= 500:
        db.session.rollback()
    title, text = _messages().get(code, (exc.name, exc.description or ""))
    # A custom description (e.g. the "need" of a 403) says more than the generic text.
    detail = (
        exc.description if exc.description and exc.description != type(exc).description else None
    )
    if wants_json():
        return jsonify(error=title, message=str(detail or text), status=code), code
    return render_template(
        "errors/error.html", code=code, title=title, text=text, detail=detail
    ), code


def handle_unexpected(exc: Exception):
    log.exception("unhandled error on %s %s", request.method, request.path)
    db.session.rollback()
    return handle_http_error(InternalServerError())


def handle_integrity_error(exc: IntegrityError):
    """A unique or foreign-key constraint refused a write that raced another one."""
    db.session.rollback()
    log.warning("constraint violation on %s %s: %s", request.method, request.path, exc.orig)
    return handle_http_error(Conflict())


def handle_operational_error(exc: OperationalError):
    """The database could not take the write in time (e.g. SQLite still locked after the
    busy timeout): say so plainly instead of showing the driver's message."""
    db.session.rollback()
    if "locked" in str(exc.orig).lower() or "could not serialize" in str(exc.orig).lower():
        log.warning("database busy on %s %s: %s", request.method, request.path, exc.orig)
        response = make_response(handle_http_error(ServiceUnavailable()))
        response.headers["Retry-After"] = "2"
        return response
    return handle_unexpected(exc)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(IntegrityError, handle_integrity_error)
    app.register_error_handler(OperationalError, handle_operational_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
