"""The outbox: nothing is lost when SMTP is down; retries back off; failures are visible."""

from __future__ import annotations

from datetime import datetime, timedelta
from unittest import mock

import pytest

from pvenet import clock
from pvenet.mail.models import MailStatus
from pvenet.mail.services import MAX_ATTEMPTS, queue_mail, send_pending
from tests.conftest import outbox

NOW = datetime(2026, 6, 1, 10, 0)


@pytest.fixture(autouse=True)
def _frozen_clock():
    clock.set_now(NOW)


def test_queued_mail_is_sent_and_logged(app, db, caplog):
    queue_mail("a@example.org", "Hello", "Body text")
    db.session.commit()
    caplog.set_level("INFO")
    assert send_pending(NOW) == (1, 0)
    assert outbox(db)[0].status == MailStatus.sent
    assert "Body text" in caplog.text


def test_smtp_down_keeps_the_message_and_retries_with_backoff(app, db):
    app.config["MAIL_BACKEND"] = "smtp"
    queue_mail("a@example.org", "Hello", "Body")
    db.session.commit()
    with mock.patch("pvenet.mail.services.mail.send", side_effect=ConnectionRefusedError):
        assert send_pending(NOW) == (0, 1)
        msg = outbox(db)[0]
        assert msg.status == MailStatus.pending and msg.attempts == 1
        assert send_pending(NOW) == (0, 0)  # not due yet
        assert send_pending(NOW + timedelta(minutes=1)) == (0, 1)
        assert outbox(db)[0].next_attempt_at == NOW + timedelta(minutes=1) + timedelta(minutes=2)
    with mock.patch("pvenet.mail.services.mail.send") as send:
        assert send_pending(NOW + timedelta(hours=1)) == (1, 0)
        send.assert_called_once()


def test_gives_up_after_max_attempts_and_admin_sees_it(app, db, client, auth, admin):
    app.config["MAIL_BACKEND"] = "smtp"
    queue_mail("a@example.org", "Hello", "Body")
    db.session.commit()
    with mock.patch("pvenet.mail.services.mail.send", side_effect=OSError("no route")):
        for i in range(MAX_ATTEMPTS):
            send_pending(NOW + timedelta(days=i))
    msg = outbox(db)[0]
    assert msg.status == MailStatus.failed and "no route" in msg.last_error
    auth.login(admin)
    assert "could not be delivered" in client.get("/admin/").text


def test_dedup_key_queues_once(app, db):
    assert queue_mail("a@example.org", "S", "B", dedup_key="k1") is not None
    assert queue_mail("a@example.org", "S", "B", dedup_key="k1") is None
    assert len(outbox(db)) == 1
