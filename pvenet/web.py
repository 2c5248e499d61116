"""Small helpers every view uses: safe redirects, the client address, form errors."""

from __future__ import annotations

import csv
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, flash, request
from flask_wtf import FlaskForm
from werkzeug.routing import IntegerConverter

#: the largest id a database column holds (PostgreSQL ``integer``)
MAX_ID = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    """``<int:…>`` in every route: a number no id column can hold matches no route (404)
    instead of reaching the database driver, which would overflow (a 500)."""

    def __init__(
        self,
        map: Any,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = MAX_ID,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def is_safe_next(target: str | None) -> bool:
    """Only same-site paths: no scheme, no host, no protocol-relative or backslash tricks."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and "\\" not in target and "\n" not in target


def client_ip() -> str:
    return request.remote_addr or "unknown"


def form_error(form: FlaskForm, field: str | None, message: Any) -> None:
    """Show a service's refusal on the form (or as a flash when no field fits)."""
    if field and hasattr(form, field):
        getattr(form, field).errors = [*getattr(form, field).errors, str(message)]
    else:
        flash(str(message), "danger")


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute link for e-mails and feeds, also outside a request (jobs, CLI).

    Built on ``PVENET_BASE_URL`` rather than the request's host, so links in mail sent by
    the scheduler point where users reach the site.
    """
    base = current_app.config["BASE_URL"].rstrip("/")
    adapter = current_app.url_map.bind("localhost", url_scheme="http")
    return base + adapter.build(endpoint, values, force_external=False)


#: A cell starting with one of these is a formula to spreadsheet programs (OWASP: CSV
#: injection); such text cells are written with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class SafeCSVWriter:
    """``csv.writer`` for exports of user text: no cell can run as a formula when the
    file is opened in a spreadsheet. Numbers and dates are written as they are."""

    def __init__(self, out: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Any) -> Any:
        return self._writer.writerow(
            ["'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v for v in row]
        )
