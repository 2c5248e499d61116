"""Many writers at once: nothing lost, no 'database is locked' and no 500 reaches a user."""

from __future__ import annotations

import threading

import pytest

from pvenet import create_app
from pvenet.auth.models import Role, User
from pvenet.auth.passwords import hash_password
from pvenet.extensions import db
from tests.conftest import PASSWORD, PG_URL, reset_schema


@pytest.fixture
def shared_app(tmp_path):
    """An app on a file database (SQLite) or PostgreSQL, shared by several threads."""
    url = PG_URL or f"sqlite:///{tmp_path}/concurrent.db"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "x",
            "TESTING": True,
            "SCHEDULER_MODE": "off",
            "WTF_CSRF_ENABLED": False,
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 10, "max_overflow": 10} if PG_URL else {},
        }
    )
    with app.app_context():
        if PG_URL:
            reset_schema(app)
        else:
            db.create_all()
        from pvenet.states.services import ensure_member_states

        ensure_member_states()
        db.session.add(
            User(
                email="admin@example.org",
                name="Admin",
                role=Role.admin,
                password_hash=hash_password(PASSWORD),
            )
        )
        db.session.commit()
        db.session.remove()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _run_threads(n, target):
    errors: list[BaseException] = []

    def wrapped(i):
        try:
            target(i)
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    if errors:
        raise errors[0]


def _admin_client(app):
    client = app.test_client()
    assert (
        client.post(
            "/auth/login", data={"email": "admin@example.org", "password": PASSWORD}
        ).status_code
        == 302
    )
    return client


def test_many_invitations_at_once_are_all_kept(shared_app):
    codes: list[int] = []

    def invite(i):
        client = _admin_client(shared_app)
        for j in range(5):
            res = client.post(
                "/admin/users/",
                data={
                    "email": f"user{i}-{j}@example.org",
                    "name": f"User {i}-{j}",
                    "role": "focal_point",
                    "state": "KZ",
                    "locale": "en",
                },
            )
            codes.append(res.status_code)

    _run_threads(8, invite)
    assert set(codes) == {302}, codes
    with shared_app.app_context():
        assert db.session.query(User).filter(User.role == Role.focal_point).count() == 40
        db.session.remove()


def test_same_email_invited_at_once_gives_one_user_and_clear_messages(shared_app):
    codes: list[int] = []
    barrier = threading.Barrier(6)

    def invite(i):
        client = _admin_client(shared_app)
        barrier.wait()
        res = client.post(
            "/admin/users/",
            data={
                "email": "same@example.org",
                "name": f"Same {i}",
                "role": "observer",
                "state": "",
                "locale": "ru",
            },
        )
        codes.append(res.status_code)
        assert res.status_code < 500
        if res.status_code == 409:
            assert "Someone else changed the same thing" in res.text
        elif res.status_code == 200:
            assert "already exists" in res.text

    _run_threads(6, invite)
    assert codes.count(302) == 1, codes
    with shared_app.app_context():
        assert db.session.query(User).filter_by(email="same@example.org").count() == 1
        db.session.remove()


def test_concurrent_profile_edits_never_fail(shared_app):
    codes: list[int] = []

    def edit(i):
        client = _admin_client(shared_app)
        for j in range(10):
            codes.append(
                client.post(
                    "/auth/profile",
                    data={"name": f"Admin {i}.{j}", "locale": "ru" if j % 2 else "en"},
                ).status_code
            )

    _run_threads(6, edit)
    assert set(codes) == {302}, codes


@pytest.mark.parametrize("first,second", [("approve", "return"), ("approve", "approve")])
def test_two_reviewers_deciding_at_once_make_one_decision(shared_app, first, second):
    """Found by `make load`: an approval and a return at the same moment both went through
    (the practice ended up returned after being published)."""
    from pvenet import clock
    from pvenet.audit.models import AuditEvent
    from pvenet.library.models import Practice, PracticeStatus, Visibility
    from pvenet.library.services.content import PracticeContent, TextContent
    from pvenet.library.services.workflow import create_practice, submit
    from pvenet.library.vocab import PracticeType
    from pvenet.states.models import MemberState

    with shared_app.app_context():
        kz = db.session.query(MemberState).filter_by(code="KZ").one()
        author = User(email="fp@example.org", name="FP", role=Role.focal_point, state=kz)
        db.session.add_all(
            [author]
            + [
                User(
                    email=f"reviewer{i}@example.org",
                    name=f"Reviewer {i}",
                    role=Role.admin,
                    password_hash=hash_password(PASSWORD),
                )
                for i in range(2)
            ]
        )
        db.session.flush()
        now = clock.utcnow_naive()
        practice = create_practice(
            author,
            state=kz,
            content=PracticeContent(
                type=PracticeType.guidance,
                year=2024,
                original_language="en",
                texts={"en": TextContent("Guide", "Summary.", "Body.")},
            ),
            visibility=Visibility.public,
            now=now,
        )
        submit(practice, author, now=now)
        db.session.commit()
        practice_id = practice.id
        db.session.remove()

    barrier = threading.Barrier(2)
    codes: list[int] = []

    def decide(i):
        client = shared_app.test_client()
        client.post("/auth/login", data={"email": f"reviewer{i}@example.org", "password": PASSWORD})
        action = (first, second)[i]
        barrier.wait()
        res = client.post(
            f"/library/{practice_id}/{action}", data={"decision-body": "Please add results."}
        )
        codes.append(res.status_code)

    _run_threads(2, decide)
    # 503: SQLite still busy, 409: a constraint refused the write; either way nothing saved
    assert all(c in (302, 409, 503) for c in codes), codes
    with shared_app.app_context():
        decisions = (
            db.session.query(AuditEvent)
            .filter(
                AuditEvent.action.in_(["practice.approved", "practice.returned"]),
                AuditEvent.object_id == str(practice_id),
            )
            .all()
        )
        assert len(decisions) == 1, [d.action for d in decisions]
        status = db.session.get(Practice, practice_id).status
        expected = {
            "practice.approved": PracticeStatus.published,
            "practice.returned": PracticeStatus.returned,
        }
        assert status == expected[decisions[0].action]
        db.session.remove()


def test_taking_the_lock_changes_nothing(app, client, auth, db, make_user, states):
    """The lock a POST takes on a practice is a no-op UPDATE: a comment (which commits)
    leaves the practice's "last change" time as it was."""
    from datetime import datetime

    from pvenet import clock
    from pvenet.library.models import Practice, Visibility
    from pvenet.library.services.content import PracticeContent, TextContent
    from pvenet.library.services.workflow import create_practice, submit

    author = make_user(Role.focal_point, "KZ")
    clock.set_now(datetime(2026, 1, 5, 9, 0))
    practice = create_practice(
        author,
        state=states["KZ"],
        content=PracticeContent(
            type="guidance",
            year=2024,
            original_language="en",
            texts={"en": TextContent("Guide", "Summary.", "Body.")},
        ),
        visibility=Visibility.public,
        now=clock.utcnow_naive(),
    )
    submit(practice, author, now=clock.utcnow_naive())
    db.session.commit()
    before = practice.updated_at
    clock.set_now(datetime(2026, 2, 5, 9, 0))
    auth.login(author)
    res = client.post(f"/library/{practice.id}/comments", data={"comment-body": "A note."})
    assert res.status_code == 302
    db.session.expire_all()
    assert db.session.get(Practice, practice.id).updated_at == before
