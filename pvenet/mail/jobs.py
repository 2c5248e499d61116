"""The job that empties the outbox."""

from __future__ import annotations

from flask import Flask

from .. import clock
from ..scheduler import job
from .services import send_pending


@job("mail.send_outbox", "interval", seconds=30)
def send_outbox_job(app: Flask) -> tuple[int, int]:
    """Send due e-mail; each message is committed as it goes."""
    with app.app_context():
        return send_pending(clock.utcnow_naive())
