"""Response headers that every page carries (CSP, framing, sniffing, referrer, HSTS)."""

from __future__ import annotations

from flask import Flask, Response, abort, current_app, request
from flask_babel import gettext as _

# No inline script or style anywhere: every script and stylesheet is a file of this app.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def register_security_headers(app: Flask) -> None:
    production = app.config["ENV"] == "production"

    @app.before_request
    def _refuse_nul() -> None:
        """No text field may carry a NUL byte: PostgreSQL refuses them (a 500 otherwise).

        Checked once here for every form field, query argument and JSON body, instead of
        in each form; uploaded file contents are not text fields and are not checked.
        """
        values = list(request.args.values())
        if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            values += list(request.form.values())
            values += [f.filename or "" for f in request.files.values()]
        elif request.is_json:
            limit_json_body()
            raw = request.get_data(cache=True)
            if b"\\u0000" in raw or b"\x00" in raw:
                values.append("\x00")
        if any("\x00" in v for v in values):
            abort(
                400,
                description=_(
                    "The request contains a NUL character, which is not allowed in any field."
                ),
            )

    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        # Not "no-referrer": Flask-WTF's CSRF check over HTTPS needs a same-origin Referer.
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if production:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.endpoint != "static" and "Cache-Control" not in headers:
            # Pages may show private data; never let a shared cache keep them.
            headers["Cache-Control"] = "no-store" if _private() else "no-cache"
        return response


def limit_json_body() -> None:
    """Hold this request's body to ``MAX_JSON_KB``: JSON carries no files, so the uploads'
    limit would let a client make the app parse megabytes. 413 past it, also for a body
    sent without a length (chunked)."""
    limit = int(current_app.config["MAX_JSON_KB"]) * 1024
    if request.content_length is not None and request.content_length > limit:
        abort(413)
    # One byte over the limit: werkzeug stops reading a chunked body at the limit without
    # an error, so a body that reaches limit + 1 is known to be too large.
    request.max_content_length = limit + 1
    if request.is_json and len(request.get_data(cache=True)) > limit:
        abort(413)


def _private() -> bool:
    from flask_login import current_user

    return bool(current_user and current_user.is_authenticated)
