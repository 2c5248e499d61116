"""Pages and demo data: no N+1 queries, paging, the demo library, the nav item."""

from __future__ import annotations

from sqlalchemy import func, select

from pvenet.auth.models import Role
from pvenet.library.models import PendingRevision, Practice, PracticeStatus, Visibility
from tests.querycount import assert_no_n_plus_one


def test_listing_and_search_do_not_grow_with_rows(client, make_practice):
    def add(n):
        for i in range(n):
            make_practice(
                state=("KZ", "KG", "TJ")[i % 3],
                title=f"Practice {i}",
                translation=(f"Практика {i}", "Кратко.", "Текст."),
                files=[],
            )

    assert_no_n_plus_one(client, "/library/", add)
    assert_no_n_plus_one(client, "/library/?q=practice", add)
    assert_no_n_plus_one(client, "/api/v1/practices", add)


def test_workspace_pages_and_links_to_the_next_page(client, auth, db, focal_point, make_practice):
    for i in range(27):
        make_practice(status="draft", title=f"Draft {i}", author=focal_point)
    auth.login(focal_point)
    page = client.get("/library/workspace").text
    assert 'rel="next"' in page and "Draft 26" in page
    assert "Draft 0<" in client.get("/library/workspace?page=2").text


def test_listing_pages_keep_repeated_filters(client, make_practice):
    for i in range(25):
        make_practice(state="KZ" if i % 2 else "KG", title=f"P{i}")
    page = client.get("/library/?state=KZ&state=KG").text
    assert "state=KZ&amp;state=KG&amp;page=2" in page


def test_nav_has_the_library(client):
    assert 'href="/library/"' in client.get("/").text


def test_demo_library(runner, db):
    res = runner.invoke(args=["pvenet", "seed-demo"])
    assert res.exit_code == 0, res.output
    assert "40 practices" in res.output
    count = db.session.scalar(select(func.count(Practice.id)))
    assert 35 <= count <= 45
    by = dict(
        db.session.execute(select(Practice.status, func.count()).group_by(Practice.status)).all()
    )
    assert by[PracticeStatus.published] > 25 and by[PracticeStatus.submitted] >= 2
    assert by[PracticeStatus.draft] >= 1
    vis = dict(
        db.session.execute(
            select(Practice.visibility, func.count()).group_by(Practice.visibility)
        ).all()
    )
    assert vis[Visibility.restricted] == 1 and vis[Visibility.network] == 1
    practices = db.session.scalars(select(Practice)).all()
    assert {p.state.code for p in practices} == {"KZ", "KG", "TJ", "TM", "UZ"}
    assert {p.type.value for p in practices} >= {"research", "policy", "strategy", "programme"}
    only_ru = [p for p in practices if not p.is_translated and p.original_language == "ru"]
    only_en = [p for p in practices if not p.is_translated and p.original_language == "en"]
    both = [p for p in practices if p.is_translated]
    assert only_ru and only_en and both
    assert db.session.scalar(select(func.count(PendingRevision.id))) == 1
    # authors are the focal points of each practice's own state
    assert all(p.created_by.role == Role.focal_point for p in practices)
    assert all(p.created_by.state_id == p.state_id for p in practices)
