"""The rotation in the JSON API: terms in a date range, and who chairs on a day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import jsonify, request
from flask_babel import gettext as _

from .. import clock
from ..apidoc import api_blueprint, bad_request, schema
from .services.queries import TermView, load_schedule

bp = api_blueprint("rotation_api", __name__)

#: The longest range one request may ask for (the terms of a century at most).
MAX_RANGE = timedelta(days=366 * 100)


schema(
    "Holder",
    {
        "type": "object",
        "properties": {
            "kind": {"type": "string", "enum": ["state", "secretariat"]},
            "code": {"type": "string", "example": "KZ", "description": "UNODC for the secretariat"},
            "name": {"type": "string", "description": "in the reader's language"},
        },
        "required": ["kind", "code", "name"],
    },
)
schema(
    "Term",
    {
        "type": "object",
        "properties": {
            "sequence": {"type": "integer", "description": "0 is UNODC's inaugural term"},
            "holder": {"$ref": "#/components/schemas/Holder"},
            "starts_on": {"type": "string", "format": "date"},
            "ends_on": {"type": "string", "format": "date", "description": "last day of the term"},
            "status": {"type": "string", "enum": ["scheduled", "active", "completed"]},
            "selection": {
                "type": "string",
                "enum": [
                    "inaugural",
                    "election",
                    "rotation",
                    "rotation_no_election",
                    "waive",
                    "defer",
                    "swap",
                    "interim",
                    "extension",
                    "reorder",
                ],
            },
            "projected": {
                "type": "boolean",
                "description": "true when the term is not stored yet but follows from the rules",
            },
        },
        "required": ["sequence", "holder", "starts_on", "ends_on", "status", "selection"],
    },
)


def term_json(term: TermView) -> dict[str, Any]:
    return {
        "sequence": term.sequence,
        "holder": {"kind": term.holder_kind, "code": term.holder_code, "name": term.holder_name()},
        "starts_on": term.starts_on.isoformat(),
        "ends_on": term.ends_on.isoformat(),
        "status": term.status,
        "selection": term.selection,
        "projected": term.is_projected,
    }


def _date_arg(name: str, default: date) -> date:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        bad_request(
            _(
                "%(name)s must be a date written YYYY-MM-DD, not %(value)s",
                name=name,
                value=raw[:40],
            )
        )
        raise  # unreachable: bad_request aborts


def _in_reach(day: date, today: date) -> bool:
    return abs(day.year - today.year) <= 100


def _not_set_up():
    message = _("The rotation has not been set up yet.")
    return jsonify(error="not_set_up", message=message, status=404), 404


@bp.get("/terms")
def terms():
    """Chair terms overlapping a date range, stored or projected.
    ---
    get:
      summary: List the chair terms between two dates
      tags: [rotation]
      parameters:
        - {name: from, in: query, schema: {type: string, format: date},
           description: "first day (default: today)"}
        - {name: to, in: query, schema: {type: string, format: date},
           description: "last day (default: one year after from)"}
      responses:
        200:
          description: The terms overlapping the range, in order
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {$ref: "#/components/schemas/Term"}}
        400:
          description: A date is not valid, or the range is reversed or too long
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
        404:
          description: The rotation has not been set up
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
    """
    schedule = load_schedule()
    today = clock.today(schedule.tz) if schedule else clock.today()
    start = _date_arg("from", today)
    end = _date_arg("to", start + timedelta(days=365))
    if end < start:
        bad_request(_("The end of the range (to) is before its start (from)."))
    if end - start > MAX_RANGE:
        bad_request(_("The range is too long; ask for at most a hundred years."))
    if not (_in_reach(start, today) and _in_reach(end, today)):
        bad_request(_("Ask about days within a hundred years of today."))
    if schedule is None:
        return _not_set_up()
    return jsonify(items=[term_json(t) for t in schedule.terms_between(start, end, today)])


@bp.get("/chair")
def chair():
    """Who chairs the network on a day (stored or projected).
    ---
    get:
      summary: The chair on a given day
      tags: [rotation]
      parameters:
        - {name: on, in: query, schema: {type: string, format: date},
           description: "the day (default: today in the handover time zone)"}
      responses:
        200:
          description: The term covering the day
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Term"}
        400:
          description: The date is not valid
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
        404:
          description: No term covers the day (before the first term), or no rotation yet
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
    """
    schedule = load_schedule()
    today = clock.today(schedule.tz) if schedule else clock.today()
    day = _date_arg("on", today)
    if not _in_reach(day, today):
        bad_request(_("Ask about days within a hundred years of today."))
    if schedule is None:
        return _not_set_up()
    term = schedule.term_on(day, today)
    if term is None:
        return jsonify(
            error="no_term", message=_("No chair term covers that day."), status=404
        ), 404
    return jsonify(term_json(term))
