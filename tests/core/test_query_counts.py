# ruff: noqa: F811  (the library's fixtures are imported, then requested by name)
"""Every listing-like page runs a fixed number of SQL statements whatever its number of rows.

Each test shows a page, adds rows that the page shows, shows it again and compares the
statement counts (``tests/querycount.py``): a count that grows with the rows is an N+1.
"""

from __future__ import annotations

import pytest

from pvenet import clock
from pvenet.audit.services import record
from pvenet.auth.models import Role
from pvenet.library.models import Attachment, PracticeRevision, ReviewComment
from pvenet.library.services.workflow import start_revision
from pvenet.notifications import services as notes
from tests.library.conftest import (  # noqa: F401
    _clock_and_no_chair,
    make_practice,
    secretariat,
)
from tests.querycount import assert_no_n_plus_one


@pytest.fixture(autouse=True)
def _every_page_does_its_work(app):
    """Count what a page runs when it is rendered, never a kept copy (pvenet/pagecache.py)."""
    app.config["PAGE_CACHE"] = False


# -- foundation pages -------------------------------------------------------------------


def test_users_page(client, auth, admin, make_user):
    auth.login(admin)

    def add(n):
        for i in range(n):
            make_user(Role.focal_point if i % 2 else Role.observer, "TJ" if i % 2 else None)

    assert_no_n_plus_one(client, "/admin/users/", add)


def test_audit_page(client, auth, admin, make_user, db):
    auth.login(admin)

    def add(n):
        for _ in range(n):
            record(make_user(), "test.event", None, object_type="thing", object_id=1)
        db.session.commit()

    assert_no_n_plus_one(client, "/admin/audit/", add)


def test_notifications_page(client, auth, focal_point, db):
    auth.login(focal_point)

    @notes.kind("test.count")
    def _render(params):
        return "Hello", "Body"

    def add(n):
        for _ in range(n):
            notes.notify(focal_point, "test.count", email=False)
        db.session.commit()

    try:
        assert_no_n_plus_one(client, "/notifications/", add)
    finally:
        notes._KINDS.pop("test.count", None)


# -- library pages ----------------------------------------------------------------------


def _published(make_practice):
    """Adds published practices of several states, types, languages and visibilities."""
    counter = iter(range(10_000))

    def add(n):
        for _ in range(n):
            i = next(counter)
            make_practice(
                state=("KZ", "KG", "TJ")[i % 3],
                visibility=("public", "network", "restricted")[i % 3],
                title=f"Youth practice {i}",
                translation=(f"Практика {i} для молодёжи", "Кратко.", "Текст.") if i % 2 else None,
                type_=("guidance", "research")[i % 2],
                topics=["youth", "women"] if i % 2 else ["prisons"],
                files=[],
            )

    return add


READER_PAGES = [
    "/",
    "/library/",
    "/library/?state=KZ&type=guidance",
    "/library/?state=KZ&state=KG&topic=youth&topic=women&language=ru",
    "/library/?q=youth",
    "/library/?q=молодёжь&state=KG",
    "/library/?q=practice&sort=title",
    "/library/?year=2024&published_since=2020-01-01",
    "/api/v1/practices",
    "/api/v1/practices?q=youth&type=guidance",
    "/library/feed.atom",
    "/library/export.csv",
    "/library/export.json?q=youth",
]


@pytest.mark.parametrize("path", READER_PAGES)
@pytest.mark.parametrize("who", ["visitor", "focal_point", "admin"])
def test_reader_pages(path, who, client, auth, make_practice, make_user):
    if who != "visitor":
        auth.login(make_user(Role(who), "KZ" if who == "focal_point" else None))
    assert_no_n_plus_one(client, path, _published(make_practice))


def test_practice_page(client, auth, db, make_practice, secretariat):
    """Attachments and review comments are listed on the practice page."""
    practice = make_practice(
        title="One practice", translation=("Одна практика", "Кратко.", "Текст."), files=[]
    )
    revision = start_revision(practice, secretariat, now=clock.utcnow_naive())
    db.session.commit()
    assert revision is not None
    auth.login(secretariat)
    counter = iter(range(10_000))

    def add(n):
        for _ in range(n):
            i = next(counter)
            db.session.add(
                Attachment(
                    practice_id=practice.id,
                    storage_key=f"key-{i}",
                    filename=f"file-{i}.pdf",
                    mime_type="application/pdf",
                    size=100 + i,
                    sha256="0" * 64,
                    uploaded_by_id=secretariat.id,
                )
            )
            db.session.add(
                ReviewComment(practice_id=practice.id, author_id=secretariat.id, body=f"Note {i}")
            )
        db.session.commit()

    assert_no_n_plus_one(client, f"/library/{practice.id}", add)


def test_revisions_page(client, auth, db, make_practice, secretariat, make_user):
    """Every published revision is listed with the administrator who approved it."""
    practice = make_practice(title="Revised often", files=[])
    numbers = iter(range(practice.revision_count + 1, 10_000))

    def add(n):
        for _ in range(n):
            approver = make_user(Role.admin, None)
            db.session.add(
                PracticeRevision(
                    practice_id=practice.id,
                    number=next(numbers),
                    data={"texts": {}},
                    approved_by_id=approver.id,
                )
            )
        db.session.commit()

    assert_no_n_plus_one(client, f"/library/{practice.id}/revisions", add)


def test_review_queue(client, auth, make_practice, secretariat):
    auth.login(secretariat)

    def add(n):
        for i in range(n):
            make_practice(status="submitted", state=("KZ", "KG")[i % 2], title=f"Sent {i}")

    assert_no_n_plus_one(client, "/library/review", add)


@pytest.mark.parametrize("path", ["/library/translations", "/library/translations?missing=ru"])
def test_translation_queue(path, client, auth, make_practice, focal_point):
    auth.login(focal_point)

    def add(n):
        for i in range(n):
            make_practice(state=("KZ", "KG")[i % 2], title=f"Untranslated {i}")

    assert_no_n_plus_one(client, path, add)


def test_workspace(client, auth, make_practice, focal_point):
    auth.login(focal_point)

    def add(n):
        for i in range(n):
            make_practice(
                status=("draft", "submitted", "published")[i % 3],
                author=focal_point,
                title=f"Mine {i}",
            )

    assert_no_n_plus_one(client, "/library/workspace", add)
