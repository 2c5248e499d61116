"""Adding the missing language, the "needs translation" queue, side-by-side reading."""

from __future__ import annotations

from pvenet.auth.models import Role
from pvenet.library.models import PracticeRevision, TranslationStatus
from pvenet.notifications.models import Notification

RU = {"title": "Клубы устойчивости молодёжи", "summary": "Кратко.", "body": "Полный текст."}


def test_state_focal_point_adds_the_missing_language(client, auth, db, make_practice):
    practice = make_practice(title="Youth resilience clubs")
    author = practice.created_by
    assert practice.translation_status("ru") == TranslationStatus.missing
    colleague_kz = practice.created_by  # any focal point of the practice's state
    auth.login(colleague_kz)
    res = client.post(f"/library/{practice.id}/translate", data=RU)
    assert res.status_code == 302
    db.session.refresh(practice)
    assert practice.translation_status("en") == TranslationStatus.original
    assert practice.translation_status("ru") == TranslationStatus.translated
    assert practice.is_translated
    # a published practice gets a new revision for the translation
    numbers = [
        r.reason for r in db.session.query(PracticeRevision).order_by(PracticeRevision.number)
    ]
    assert numbers == ["published", "translation"]
    assert author.id  # the author stays the author
    page = client.get(f"/library/{practice.id}", headers={"Accept-Language": "ru"}).text
    assert "Клубы устойчивости молодёжи" in page


def test_reviewer_of_another_state_may_translate(client, auth, db, chair, make_user, make_practice):
    chair("UZ")
    practice = make_practice(state="KZ", title="Youth resilience clubs")
    uz = make_user(Role.focal_point, "UZ")
    auth.login(uz)
    assert client.post(f"/library/{practice.id}/translate", data=RU).status_code == 302
    db.session.refresh(practice)
    assert practice.is_translated
    notified = {(n.user_id, n.kind) for n in db.session.query(Notification)}
    assert (practice.created_by_id, "library.translation_added") in notified


def test_others_may_not_translate(client, auth, db, other_focal_point, observer, make_practice):
    practice = make_practice(state="KZ")
    for user in (other_focal_point, observer):
        auth.login(user)
        assert client.get(f"/library/{practice.id}/translate").status_code == 403
        assert client.post(f"/library/{practice.id}/translate", data=RU).status_code == 403
        auth.logout()
    db.session.refresh(practice)
    assert not practice.is_translated


def test_translation_needs_every_field(client, auth, db, make_practice):
    practice = make_practice()
    auth.login(practice.created_by)
    res = client.post(f"/library/{practice.id}/translate", data={**RU, "body": ""})
    assert res.status_code == 200 and "is-invalid" in res.text
    db.session.refresh(practice)
    assert not practice.is_translated


def test_translation_reaches_a_pending_revision(client, auth, db, admin, make_practice):
    from pvenet.library.services.workflow import approve, start_revision, submit
    from tests.library.conftest import NOW

    practice = make_practice()
    author = practice.created_by
    start_revision(practice, author, now=NOW)
    db.session.commit()
    auth.login(author)
    client.post(f"/library/{practice.id}/translate", data=RU)
    db.session.expire_all()
    submit(practice, author, now=NOW)
    approve(practice, admin, now=NOW)
    db.session.commit()
    assert practice.text("ru").title == RU["title"]  # not dropped by the revision


def test_needs_translation_queue(client, auth, db, focal_point, other_focal_point, make_practice):
    make_practice(state="KZ", title="Only in English")
    make_practice(
        state="KG",
        language="ru",
        title="Только по-русски",
        summary="Кратко.",
        body="Текст.",
    )
    make_practice(state="KZ", title="Both", translation=("Оба", "Кратко.", "Текст."))
    make_practice(state="KZ", status="draft", title="Draft in English")
    auth.login(focal_point)
    page = client.get("/library/translations").text
    assert "Only in English" in page and "Только по-русски" in page
    assert "Both" not in page and "Draft in English" not in page
    assert page.count(">Translate<") == 1  # only their own state's practice
    only_ru_missing = client.get("/library/translations?missing=ru").text
    assert "Only in English" in only_ru_missing and "Только по-русски" not in only_ru_missing


def test_side_by_side_reading(client, make_practice):
    practice = make_practice(
        title="Community mediators", translation=("Общественные медиаторы", "Кратко.", "Текст.")
    )
    page = client.get(f"/library/{practice.id}/side-by-side").text
    assert "Community mediators" in page and "Общественные медиаторы" in page
    assert 'lang="en"' in page and 'lang="ru"' in page
    assert page.index("Community mediators") < page.index("Общественные медиаторы")


def test_reader_sees_their_language_or_the_original_with_a_badge(client, make_practice):
    only_en = make_practice(title="English only practice")
    both = make_practice(title="Bilingual", translation=("Двуязычная", "Кратко.", "Текст."))
    page = client.get("/library/", headers={"Accept-Language": "ru"}).text
    assert "Двуязычная" in page and "Bilingual" not in page
    assert "English only practice" in page
    assert "На английском" in page  # the badge naming the language shown
    detail = client.get(f"/library/{only_en.id}", headers={"Accept-Language": "ru"}).text
    assert "На английском" in detail
    detail = client.get(f"/library/{both.id}?lang=en", headers={"Accept-Language": "ru"}).text
    assert "Bilingual" in detail and "На английском" in detail
