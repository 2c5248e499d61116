"""Cached pages show every change at once, to the right people, in the right language.

The busy pages keep their rendered content between requests (``pvenet/pagecache.py``);
these tests make sure a reader never notices: edits appear on the next request, what one
audience may see never reaches another, and the frame (name, unread count, flashed
messages, CSRF token) is always the reader's own.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, update
from sqlalchemy.orm import Session

from pvenet import clock
from pvenet.auth.models import Role
from pvenet.library.models import Practice, PracticeText
from pvenet.library.services.workflow import start_revision
from pvenet.notifications.services import notify
from pvenet.pagecache import content_version
from tests.conftest import AuthActions, is_postgres
from tests.querycount import queries_for

TOKEN = r'name="csrf_token" type="hidden" value="([^"]+)"'
BADGE = re.compile(r'Notifications <span class="badge text-bg-warning">(\d+)<')


def unread_badge(page: str) -> int:
    """The unread count the navigation shows (no badge: none)."""
    found = BADGE.search(page)
    return int(found.group(1)) if found else 0


def test_an_edit_shows_on_the_next_request_of_a_cached_page(client, db, make_practice):
    practice = make_practice(title="Youth resilience clubs")
    urls = ["/library/", "/library/?q=resilience", f"/library/{practice.id}"]
    for url in urls:
        assert "Youth resilience clubs" in client.get(url).text
    assert client.get("/api/v1/practices").json["items"][0]["title"] == "Youth resilience clubs"

    text = db.session.get(PracticeText, practice.texts[0].id)
    text.title = "Youth resilience clubs in schools"
    db.session.commit()

    for url in urls:
        assert "clubs in schools" in client.get(url).text, url
    api = client.get("/api/v1/practices").json
    assert api["items"][0]["title"] == "Youth resilience clubs in schools"


def test_a_new_practice_appears_in_the_cached_listing_and_feed(client, make_practice):
    make_practice(title="First practice")
    assert "First practice" in client.get("/library/").text
    assert "Second practice" not in client.get("/library/feed.atom").text
    make_practice(title="Second practice", year=2025)
    assert "Second practice" in client.get("/library/").text
    assert "Second practice" in client.get("/library/feed.atom").text


def test_a_repeated_page_is_served_without_its_queries(client, make_practice):
    for n in range(5):
        make_practice(title=f"Practice {n}")
    first = queries_for(client, "/library/?q=practice")
    again = queries_for(client, "/library/?q=practice")
    assert again <= 2 < first  # the content version (and nothing else for a visitor)


def test_bulk_statements_raise_the_version_too(db, make_practice):
    practice = make_practice()
    before = content_version()
    db.session.execute(update(Practice).where(Practice.id == practice.id).values(year=2020))
    db.session.commit()
    assert content_version() == before + 1


def test_personal_writes_and_reading_leave_the_version_alone(client, db, focal_point):
    client.get("/library/")
    before = content_version()
    notify(focal_point, "library.approved", {"title": "Youth clubs"})
    db.session.commit()
    client.get("/library/")
    client.get("/")
    assert content_version() == before


def test_what_one_audience_may_see_never_reaches_another(
    app, client, focal_point, other_focal_point, make_practice
):
    make_practice(title="Open youth clubs")
    make_practice(visibility="restricted", title="Restricted prison files")  # Kazakhstan's
    kazakhstan, kyrgyzstan, visitor = client, app.test_client(), app.test_client()
    AuthActions(kazakhstan).login(focal_point)
    AuthActions(kyrgyzstan).login(other_focal_point)
    # Logged in before any page is kept: from here on, no write changes the version.
    for url in ("/library/", "/library/?q=files", "/api/v1/practices"):
        assert "Restricted prison files" in kazakhstan.get(url).text, url
        assert "Restricted prison files" not in kyrgyzstan.get(url).text, url
        assert "Restricted prison files" not in visitor.get(url).text, url
        assert "Restricted prison files" in kazakhstan.get(url).text, url
    assert "Open youth clubs" in kyrgyzstan.get("/library/").text


def test_each_language_is_kept_apart(client, make_practice):
    make_practice(title="Youth clubs", translation=("Молодёжные клубы", "Кратко.", "Текст."))
    english = client.get("/library/").text
    russian = client.get("/library/", headers={"Accept-Language": "ru"}).text
    assert "Youth clubs" in english and "Молодёжные клубы" not in english
    assert "Молодёжные клубы" in russian and "Библиотека" in russian


def test_the_frame_is_each_readers_own(client, auth, db, make_user, make_practice):
    make_practice()
    ainur = make_user(Role.focal_point, "KZ", email="ainur@example.org", name="Ainur Seitkali")
    daniyar = make_user(Role.focal_point, "KZ", email="daniyar@example.org", name="Daniyar Omarov")
    notify(daniyar, "library.approved", {"title": "Youth clubs"})
    db.session.commit()
    auth.login(ainur)
    first = client.get("/library/").text
    auth.logout()
    auth.login(daniyar)
    second = client.get("/library/").text  # same audience: the content comes from the cache
    assert "Ainur Seitkali" in first and "Daniyar Omarov" not in first
    assert "Daniyar Omarov" in second and "Ainur Seitkali" not in second
    assert re.search(r"text-bg-warning\">1<", second)  # Daniyar's unread notification
    assert "text-bg-warning" not in first


def test_a_flashed_message_shows_on_a_cached_page(client, auth, focal_point):
    client.get("/")  # the home page is now kept
    auth.login(focal_point)
    client.get("/")
    response = client.post("/auth/logout", follow_redirects=True)
    assert "You have logged out." in response.text


def test_a_page_with_a_form_is_never_kept_so_each_token_is_the_readers(
    app, client, db, make_user, make_practice
):
    """A writer's practice page carries forms: a second writer must get a token of her own
    session, or her POST would be refused."""
    writer = make_user(Role.focal_point, "KZ", email="first@example.org")
    practice = make_practice(author=writer)
    start_revision(practice, writer, now=clock.utcnow_naive())  # "Discard the revision"
    db.session.commit()
    first, second = client, app.test_client()
    AuthActions(first).login(writer)
    AuthActions(second).login(make_user(Role.focal_point, "KZ", email="second@example.org"))
    app.config["WTF_CSRF_ENABLED"] = True
    page = first.get(f"/library/{practice.id}").text
    assert "Discard the revision" in page
    tokens = set(re.findall(TOKEN, page))
    mine = set(re.findall(TOKEN, second.get(f"/library/{practice.id}").text))
    assert tokens and mine and not mine & tokens
    response = second.post(
        "/locale",
        data={"locale": "ru", "next": "/", "csrf_token": mine.pop()},
        headers={"Referer": "http://localhost/"},
    )
    assert response.status_code == 302
    assert 'lang="ru"' in second.get("/").text


def test_the_cache_can_be_turned_off(app, client, make_practice):
    app.config["PAGE_CACHE"] = False
    for n in range(3):
        make_practice(title=f"Practice {n}")
    first = queries_for(client, "/library/")
    assert queries_for(client, "/library/") == first > 2


def test_the_version_of_an_empty_database_is_zero(db):
    assert content_version() == 0


def test_visitors_share_a_kept_page_but_each_gets_a_token_of_their_own(app, client, make_practice):
    make_practice(title="Youth clubs")
    app.config["WTF_CSRF_ENABLED"] = True
    visitors = [client, app.test_client(), app.test_client()]
    pages = [v.get("/library/").text for v in visitors]
    tokens = [set(re.findall(TOKEN, page)) for page in pages]
    assert all(len(t) == 1 for t in tokens) and len(set.union(*tokens)) == 3
    assert pages[1].replace(tokens[1].pop(), "") == pages[2].replace(tokens[2].pop(), "")
    for visitor, page in zip(visitors, pages, strict=True):
        token = re.search(TOKEN, page).group(1)
        response = visitor.post(
            "/locale",
            data={"locale": "ru", "next": "/library/", "csrf_token": token},
            headers={"Referer": "http://localhost/library/"},
        )
        assert response.status_code == 302
        assert "Библиотека" in visitor.get("/library/").text


def test_a_readers_kept_page_shows_a_new_notification_at_once(
    client, auth, db, focal_point, make_practice
):
    """A notification is a quiet write (the content version stays), yet the badge counts it
    on the next request of a page kept whole for this reader."""
    make_practice(title="Youth clubs")
    auth.login(focal_point)
    client.get("/library/")
    assert queries_for(client, "/library/") <= 3  # the user, the version, the unread count
    before = unread_badge(client.get("/library/").text)
    notify(focal_point, "library.approved", {"title": "Youth clubs"})
    db.session.commit()
    assert unread_badge(client.get("/library/").text) == before + 1
    client.post("/notifications/read", data={"next": "/"})
    assert unread_badge(client.get("/library/").text) == 0


def test_each_session_of_one_reader_gets_its_own_token(app, client, focal_point, make_practice):
    make_practice(title="Youth clubs")
    office, laptop = client, app.test_client()
    for browser in (office, laptop):
        AuthActions(browser).login(focal_point)
    app.config["WTF_CSRF_ENABLED"] = True
    for browser in (office, laptop):
        browser.get("/")  # the first page after login: the session's token is stored
    pages = [browser.get("/library/").text for browser in (office, laptop)]
    assert all("Dana KZ" in page for page in pages)
    tokens = [set(re.findall(TOKEN, page)) for page in pages]
    assert all(len(t) == 1 for t in tokens) and not tokens[0] & tokens[1]
    response = laptop.post(
        "/locale",
        data={"locale": "ru", "next": "/library/", "csrf_token": tokens[1].pop()},
        headers={"Referer": "http://localhost/library/"},
    )
    assert response.status_code == 302
    assert "Библиотека" in laptop.get("/library/").text


def test_a_head_request_does_not_change_where_the_language_buttons_return(client, make_practice):
    make_practice(title="Youth clubs")
    assert client.head("/library/?q=youth").status_code == 200
    page = client.get("/library/?q=youth").text
    assert 'name="next" value="/library/?q=youth"' in page


@pytest.mark.skipif(not is_postgres(), reason="SQLite reads through the session")
def test_a_readers_kept_page_is_served_outside_any_transaction(
    client, auth, focal_point, make_practice
):
    """The user, the version and the unread count are read in autocommit (pvenet.reads):
    on PostgreSQL that spares the BEGIN and ROLLBACK round trips of every signed-in page."""
    make_practice(title="Youth clubs")
    auth.login(focal_point)
    client.get("/library/")
    levels: list[str | None] = []

    def began(_session, _transaction, connection) -> None:
        levels.append(connection.get_execution_options().get("isolation_level"))

    event.listen(Session, "after_begin", began)
    try:
        assert "Youth clubs" in client.get("/library/").text
    finally:
        event.remove(Session, "after_begin", began)
    assert levels and all(level == "AUTOCOMMIT" for level in levels)


def test_a_change_to_the_signed_in_user_is_saved(client, auth, db, focal_point):
    """The user read outside the session's transaction still belongs to the session."""
    other = "en" if focal_point.locale == "ru" else "ru"
    auth.login(focal_point)
    assert client.post("/locale", data={"locale": other, "next": "/"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(type(focal_point), focal_point.id).locale == other
