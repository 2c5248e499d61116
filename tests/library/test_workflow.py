"""The review workflow: every allowed and every forbidden transition."""

from __future__ import annotations

import pytest

from pvenet.audit.models import AuditEvent
from pvenet.auth.models import Role
from pvenet.library.models import PracticeRevision, PracticeStatus, ReviewComment, RevisionStatus
from pvenet.library.services.content import LibraryError
from pvenet.library.services.workflow import (
    approve,
    return_with_comments,
    start_revision,
    submit,
    withdraw,
)
from pvenet.notifications.models import Notification
from tests.conftest import outbox
from tests.library.conftest import NOW, form_data


def _status(db, practice):
    db.session.refresh(practice)
    return practice.status


# -- through the web, as users do it ---------------------------------------------------------


def test_draft_submit_approve_publish(client, auth, db, focal_point, admin, make_practice):
    auth.login(focal_point)
    res = client.post("/library/new", data=form_data())
    assert res.status_code == 302
    practice_id = int(res.headers["Location"].rsplit("/", 1)[-1])
    res = client.post(f"/library/{practice_id}/submit", data={"body": "Ready."})
    assert res.status_code == 302
    from pvenet.library.models import Practice

    practice = db.session.get(Practice, practice_id)
    assert _status(db, practice) == PracticeStatus.submitted
    auth.logout()
    auth.login(admin)
    res = client.post(f"/library/{practice_id}/approve", data={"decision-body": "Good work."})
    assert res.status_code == 302
    assert _status(db, practice) == PracticeStatus.published
    assert practice.revision_count == 1 and practice.published_at == NOW
    actions = [c.action for c in db.session.query(ReviewComment).order_by(ReviewComment.id)]
    assert actions == ["submitted", "approved"]
    assert {"practice.created", "practice.submitted", "practice.approved"} <= {
        e.action for e in db.session.query(AuditEvent)
    }


def test_return_with_comments_then_resubmit(client, auth, db, admin, make_practice):
    practice = make_practice(status="submitted")
    author = practice.created_by
    auth.login(admin)
    # a return without a comment is refused
    client.post(f"/library/{practice.id}/return", data={"decision-body": ""})
    assert _status(db, practice) == PracticeStatus.submitted
    client.post(f"/library/{practice.id}/return", data={"decision-body": "Add the results."})
    assert _status(db, practice) == PracticeStatus.returned
    auth.logout()
    auth.login(author)
    res = client.post(
        f"/library/{practice.id}/edit",
        data=form_data(title_en="Community policing in Almaty, with results"),
    )
    assert res.status_code == 302
    client.post(f"/library/{practice.id}/submit", data={})
    assert _status(db, practice) == PracticeStatus.submitted
    assert practice.text("en").title.endswith("with results")
    assert "practice.resubmitted" in {e.action for e in db.session.query(AuditEvent)}


def test_chair_focal_point_may_not_approve_own_states_submission(
    client, auth, db, chair, make_user, make_practice
):
    chair("KZ")
    practice = make_practice(state="KZ", status="submitted")
    kz_chair_fp = make_user(Role.focal_point, "KZ")
    auth.login(kz_chair_fp)
    res = client.post(f"/library/{practice.id}/approve", data={})
    assert res.status_code == 403
    res = client.post(f"/library/{practice.id}/return", data={"decision-body": "no"})
    assert res.status_code == 403
    assert _status(db, practice) == PracticeStatus.submitted


def test_chair_focal_point_approves_another_states_submission(
    client, auth, db, chair, make_user, make_practice
):
    chair("UZ")
    practice = make_practice(state="KZ", status="submitted")
    uz = make_user(Role.focal_point, "UZ")
    auth.login(uz)
    assert client.get("/library/review").status_code == 200
    assert client.post(f"/library/{practice.id}/approve", data={}).status_code == 302
    assert _status(db, practice) == PracticeStatus.published


def test_focal_point_of_a_state_that_does_not_chair_may_not_review(
    client, auth, db, chair, other_focal_point, make_practice
):
    chair("UZ")
    practice = make_practice(state="KZ", status="submitted")
    auth.login(other_focal_point)  # KG
    assert client.get("/library/review").status_code == 403
    # a submission of another state is not even visible to a non-reviewer
    assert client.post(f"/library/{practice.id}/approve", data={}).status_code == 404
    assert _status(db, practice) == PracticeStatus.submitted


def test_admin_may_approve_any_submission_also_of_a_chairing_state(
    client, auth, db, chair, admin, make_practice
):
    chair("KZ")
    practice = make_practice(state="KZ", status="submitted")
    auth.login(admin)
    assert client.post(f"/library/{practice.id}/approve", data={}).status_code == 302
    assert _status(db, practice) == PracticeStatus.published


def test_nobody_chairs_until_a_provider_is_registered(db, make_user, make_practice):
    from pvenet.library.services.access import is_reviewer

    uz = make_user(Role.focal_point, "UZ")
    assert not is_reviewer(uz, NOW)


def test_observer_cannot_write_or_review(client, auth, db, observer, make_practice):
    practice = make_practice(status="submitted")
    auth.login(observer)
    assert client.get("/library/new").status_code == 403
    # a submission is not visible to observers: they cannot know it exists
    assert client.post(f"/library/{practice.id}/approve", data={}).status_code == 404
    assert client.get(f"/library/{practice.id}/edit").status_code == 404


def test_other_states_focal_point_cannot_edit_or_submit(
    client, auth, db, other_focal_point, make_practice
):
    practice = make_practice(status="published")
    auth.login(other_focal_point)
    assert client.get(f"/library/{practice.id}/edit").status_code == 403
    assert client.post(f"/library/{practice.id}/submit", data={}).status_code == 403
    assert client.post(f"/library/{practice.id}/withdraw", data={"reason": "x"}).status_code == 403


def test_focal_point_cannot_create_for_another_state(client, auth, db, focal_point):
    auth.login(focal_point)
    res = client.post("/library/new", data=form_data(state="KG"))
    assert res.status_code == 200  # the form says the choice is not valid
    from pvenet.library.models import Practice

    assert db.session.query(Practice).count() == 0


# -- every transition through the services ---------------------------------------------------

TRANSITIONS = [
    # (start status, action, allowed?)
    ("draft", "submit", True),
    ("draft", "approve", False),
    ("draft", "return", False),
    ("draft", "withdraw", False),
    ("submitted", "submit", False),
    ("submitted", "approve", True),
    ("submitted", "return", True),
    ("submitted", "withdraw", False),
    ("returned", "submit", True),
    ("returned", "approve", False),
    ("returned", "return", False),
    ("returned", "withdraw", False),
    ("published", "submit", False),
    ("published", "approve", False),
    ("published", "return", False),
    ("published", "withdraw", True),
    ("withdrawn", "submit", True),
    ("withdrawn", "approve", False),
    ("withdrawn", "withdraw", False),
]
RESULT = {
    "submit": PracticeStatus.submitted,
    "approve": PracticeStatus.published,
    "return": PracticeStatus.returned,
    "withdraw": PracticeStatus.withdrawn,
}


@pytest.mark.parametrize("start,action,allowed", TRANSITIONS)
def test_transition_table(db, admin, make_practice, start, action, allowed):
    practice = make_practice(status=start)
    author = practice.created_by

    def run():
        if action == "submit":
            submit(practice, author, now=NOW)
        elif action == "approve":
            approve(practice, admin, now=NOW)
        elif action == "return":
            return_with_comments(practice, admin, comment="Please revise.", now=NOW)
        else:
            withdraw(practice, author, reason="Outdated.", now=NOW)

    if allowed:
        run()
        db.session.commit()
        assert _status(db, practice) == RESULT[action]
    else:
        with pytest.raises(LibraryError):
            run()
        db.session.rollback()
        assert _status(db, practice) == PracticeStatus(start)


def test_withdrawn_practice_is_republished_as_a_new_revision(db, admin, make_practice):
    practice = make_practice(status="published")
    author = practice.created_by
    withdraw(practice, author, reason="Being updated.", now=NOW)
    submit(practice, author, now=NOW)
    approve(practice, admin, now=NOW)
    db.session.commit()
    assert practice.status == PracticeStatus.published and practice.revision_count == 2


# -- revising a published practice -------------------------------------------------------------


def test_revision_keeps_published_text_until_approved(client, auth, db, admin, make_practice):
    practice = make_practice(status="published", title="Original title")
    author = practice.created_by
    auth.login(author)
    res = client.post(
        f"/library/{practice.id}/edit", data=form_data(title_en="Revised title", state=None)
    )
    assert res.status_code == 302
    auth.logout()
    # readers still see the published text
    page = client.get(f"/library/{practice.id}").text
    assert "Original title" in page and "Revised title" not in page
    assert "Revision in preparation" not in page  # the authors' business, not the readers'
    assert "Revised title" not in client.get("/library/?q=revised").text
    # the author submits the revision; the reviewer sees the difference
    auth.login(author)
    client.post(f"/library/{practice.id}/submit", data={})
    db.session.refresh(practice)
    assert practice.pending.status == RevisionStatus.submitted
    assert practice.status == PracticeStatus.published
    # locked while under review
    assert client.get(f"/library/{practice.id}/edit").status_code == 403
    auth.logout()
    auth.login(admin)
    review = client.get(f"/library/{practice.id}/review").text
    assert "Revised title" in review and "Original title" in review
    client.post(f"/library/{practice.id}/approve", data={})
    auth.logout()
    db.session.refresh(practice)
    assert practice.pending is None and practice.revision_count == 2
    assert "Revised title" in client.get(f"/library/{practice.id}").text
    revisions = db.session.query(PracticeRevision).filter_by(practice_id=practice.id).all()
    assert sorted(r.number for r in revisions) == [1, 2]
    assert [r.data["texts"]["en"]["title"] for r in sorted(revisions, key=lambda r: r.number)] == [
        "Original title",
        "Revised title",
    ]


def test_revisions_can_be_compared(client, db, admin, make_practice):
    practice = make_practice(status="published", body="First line\nSecond line")
    author = practice.created_by
    pending = start_revision(practice, author, now=NOW)
    data = dict(pending.data)
    data["texts"] = {"en": {**data["texts"]["en"], "body": "First line\nChanged line"}}
    pending.data = data
    submit(practice, author, now=NOW)
    approve(practice, admin, now=NOW)
    db.session.commit()
    page = client.get(f"/library/{practice.id}/compare?a=1&b=2")
    assert page.status_code == 200
    assert "Changed line" in page.text and "Second line" in page.text
    assert "bg-success-subtle" in page.text and "bg-danger-subtle" in page.text
    assert client.get(f"/library/{practice.id}/revisions/1").status_code == 200
    assert "Second line" in client.get(f"/library/{practice.id}/revisions/1").text
    assert client.get(f"/library/{practice.id}/revisions/9").status_code == 404


def test_returned_revision_and_discard(client, auth, db, admin, make_practice):
    practice = make_practice(status="published", title="Stays")
    author = practice.created_by
    start_revision(practice, author, now=NOW)
    submit(practice, author, now=NOW)
    return_with_comments(practice, admin, comment="Not needed.", now=NOW)
    db.session.commit()
    assert practice.pending.status == RevisionStatus.returned
    auth.login(author)
    client.post(f"/library/{practice.id}/revision/discard")
    db.session.refresh(practice)
    assert practice.pending is None and practice.text("en").title == "Stays"


def test_withdraw_hides_practice_from_readers(client, auth, db, make_practice):
    practice = make_practice(status="published", title="Soon withdrawn")
    auth.login(practice.created_by)
    res = client.post(f"/library/{practice.id}/withdraw", data={"reason": "Superseded."})
    assert res.status_code == 302
    auth.logout()
    assert client.get(f"/library/{practice.id}").status_code == 404
    assert "Soon withdrawn" not in client.get("/library/").text


# -- comments and notifications -------------------------------------------------------------


def test_thread_and_notifications_in_app_and_by_mail(
    client, auth, db, chair, make_user, admin, make_practice
):
    chair("UZ")
    uz = make_user(Role.focal_point, "UZ", locale="ru")
    practice = make_practice(state="KZ", status="draft", title="Mentors for returnees")
    author = practice.created_by
    auth.login(author)
    client.post(f"/library/{practice.id}/submit", data={"body": "Please look."})
    auth.logout()
    kinds = {(n.user_id, n.kind) for n in db.session.query(Notification)}
    assert (uz.id, "library.submitted") in kinds and (admin.id, "library.submitted") in kinds
    mails = [m for m in outbox(db) if m.recipient == uz.email]
    assert mails and "Mentors for returnees" in mails[0].subject
    assert mails[0].subject.startswith("Эффективная практика")  # in the reviewer's language
    auth.login(uz)
    client.post(f"/library/{practice.id}/comments", data={"comment-body": "Which regions?"})
    client.post(f"/library/{practice.id}/return", data={"decision-body": "Name the regions."})
    auth.logout()
    assert (author.id, "library.comment") in {
        (n.user_id, n.kind) for n in db.session.query(Notification)
    }
    assert (author.id, "library.returned") in {
        (n.user_id, n.kind) for n in db.session.query(Notification)
    }
    auth.login(author)
    page = client.get(f"/library/{practice.id}/review").text
    assert "Which regions?" in page and "Name the regions." in page
    client.post(f"/library/{practice.id}/comments", data={"comment-body": "Osh and Batken."})
    assert (uz.id, "library.comment") in {
        (n.user_id, n.kind) for n in db.session.query(Notification)
    }
    page = client.get("/notifications/", headers={"Accept-Language": "en"}).text
    assert "Returned with comments: Mentors for returnees" in page


def test_outsiders_cannot_read_or_join_the_thread(
    client, auth, db, other_focal_point, observer, make_practice
):
    practice = make_practice(status="published")
    for user in (other_focal_point, observer):
        auth.login(user)
        assert client.get(f"/library/{practice.id}/review").status_code == 403
        res = client.post(f"/library/{practice.id}/comments", data={"comment-body": "hi"})
        assert res.status_code == 403
        auth.logout()
    assert db.session.query(ReviewComment).filter_by(action="comment").count() == 0
