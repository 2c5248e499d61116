"""In-app notifications and the OpenAPI document."""

from __future__ import annotations

import pytest
from flask_babel import gettext as _

from pvenet.notifications import services
from pvenet.notifications.models import Notification
from tests.conftest import outbox


@pytest.fixture(autouse=True)
def _test_kind():
    @services.kind("test.hello")
    def _render(params):
        return _("Welcome, %(name)s.", name=params["name"]), ""

    yield
    services._KINDS.pop("test.hello", None)


def test_notify_once_per_key_with_mail_in_users_language(db, make_user):
    user = make_user(locale="ru")
    assert (
        services.notify(user, "test.hello", {"name": "Айгерим"}, link="/", dedup_key="hello:1")
        is not None
    )
    assert services.notify(user, "test.hello", {"name": "Айгерим"}, dedup_key="hello:1") is None
    db.session.commit()
    mails = outbox(db)
    assert len(mails) == 1
    assert mails[0].subject == "Добро пожаловать, Айгерим!"
    assert "http://127.0.0.1:5000/" in mails[0].body


def test_unread_count_list_and_mark_read(client, auth, db, focal_point):
    for i in range(3):
        services.notify(focal_point, "test.hello", {"name": str(i)}, email=False)
    db.session.commit()
    auth.login(focal_point)
    page = client.get("/notifications/", headers={"Accept-Language": "en"}).text
    assert "Welcome, 2." in page and 'badge text-bg-warning">3' in page
    first = db.session.query(Notification).first()
    client.post("/notifications/read", data={"id": str(first.id)})
    assert services.unread_count(focal_point.id) == 2
    client.post("/notifications/read")
    assert services.unread_count(focal_point.id) == 0


@pytest.mark.parametrize("bad", ["²", "99999999999999999999999", "1e3", "-1"])
def test_a_malformed_id_marks_nothing_and_is_no_error(client, auth, db, focal_point, bad):
    services.notify(focal_point, "test.hello", {"name": "x"}, email=False)
    db.session.commit()
    auth.login(focal_point)
    assert client.post("/notifications/read", data={"id": bad}).status_code == 302
    assert services.unread_count(focal_point.id) == 1


def test_notifications_are_private(client, auth, db, focal_point, other_focal_point):
    services.notify(other_focal_point, "test.hello", {"name": "secret"}, email=False)
    db.session.commit()
    auth.login(focal_point)
    assert "secret" not in client.get("/notifications/").text
    note = db.session.query(Notification).one()
    client.post("/notifications/read", data={"id": str(note.id)})
    db.session.refresh(note)
    assert note.read_at is None


def test_openapi_document_is_served(client):
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.")
    assert "Error" in doc["components"]["schemas"]
    assert doc["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"
