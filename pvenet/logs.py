"""Logging: one line per request with a request id, JSON in production, secrets redacted.

Passwords, API tokens and the tokens inside invitation and reset links never reach a log:
request lines name the URL rule (``/auth/reset/<token>``) instead of the path when a rule
carries a token, and a filter on every handler masks anything that looks like a secret.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid

from flask import Flask, Response, g, request
from pythonjsonlogger.json import JsonFormatter

request_log = logging.getLogger("pvenet.request")

_SECRET_PATTERNS = [
    (re.compile(r"(/auth/(?:reset|invitation)/)[A-Za-z0-9_.\-]+"), r"\1[redacted]"),
    (re.compile(r"\bpvn_[A-Za-z0-9_\-]{8,}"), "pvn_[redacted]"),
    (re.compile(r"(Bearer\s+)\S+", re.IGNORECASE), r"\1[redacted]"),
    (
        re.compile(
            r"((?:password|passwd|secret|token|csrf_token)[\"']?\s*[=:]\s*[\"']?)[^\s&\"',]+",
            re.IGNORECASE,
        ),
        r"\1[redacted]",
    ),
]
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9\-]{8,64}$")


def redact(text: str) -> str:
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Masks secrets in the formatted message of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "pvenet_unredacted", False):
            return True
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            record.request_id = g.get("request_id", "-")
        except RuntimeError:  # outside a request/app context
            record.request_id = "-"
        return True


def configure_logging(app: Flask) -> None:
    """Install one stdout handler on the root logger (once per process)."""
    root = logging.getLogger()
    if not any(getattr(h, "_pvenet", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stdout)
        handler._pvenet = True  # type: ignore[attr-defined]
        if app.config["ENV"] == "production":
            handler.setFormatter(
                JsonFormatter(
                    "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                    rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
                )
            )
        else:
            handler.setFormatter(
                logging.Formatter(
                    "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
                )
            )
        handler.addFilter(RequestIdFilter())
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
        if root.level == logging.NOTSET or root.level > logging.INFO:
            root.setLevel(logging.INFO)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    # The filter also guards handlers others install (pytest's caplog, gunicorn's).
    for h in root.handlers:
        if not any(isinstance(f, RedactingFilter) for f in h.filters):
            h.addFilter(RedactingFilter())

    @app.before_request
    def _start() -> None:
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def _log(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id", "")
        if request.endpoint in ("home.healthz", "static"):
            return response  # health checks and assets would drown the log
        rule = request.url_rule
        path = rule.rule if rule is not None and "token" in rule.arguments else request.path
        elapsed = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
        request_log.info(
            "%s %s %s %.1fms",
            request.method,
            redact(path),
            response.status_code,
            elapsed,
            extra={
                "method": request.method,
                "path": redact(path),
                "status": response.status_code,
                "duration_ms": round(elapsed, 1),
                "remote_addr": request.remote_addr,
            },
        )
        return response
