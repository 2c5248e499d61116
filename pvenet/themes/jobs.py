"""The job that stores each term's report once the term has ended.

Idempotent: a term's report is one row (unique ``term_id``), written once. It runs every
ten minutes, so the report is stored soon after the handover whether or not the
rotation's own jobs ran, and catches up on every term missed while the scheduler was down.
"""

from __future__ import annotations

from flask import Flask

from .. import clock
from ..extensions import db
from ..scheduler import job
from .services.report import store_due_reports


def store_reports(app: Flask) -> list[int]:
    """Store the reports now due; returns the sequences of the terms reported."""
    with app.app_context():
        stored = store_due_reports(clock.now())
        db.session.commit()
        return [r.term.sequence for r in stored]


job("themes.store_reports", "interval", minutes=10)(store_reports)
