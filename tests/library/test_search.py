"""Full-text search with stemming in both languages, on SQLite (FTS5) and PostgreSQL.

Every test here runs on the backend of the run: in-memory SQLite by default, PostgreSQL
with ``make test-pg``; the backend-specific tests say so.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from pvenet.library.search.text import fts5_expression, parse_query, snippet, stem
from pvenet.library.services.queries import Filters, listing
from pvenet.library.services.workflow import create_practice
from tests.conftest import is_postgres
from tests.library.conftest import NOW, content


def titles(client, query: str, language: str = "en", **args) -> list[str]:
    res = client.get(
        "/api/v1/practices",
        query_string={"q": query, **args},
        headers={"Accept-Language": language},
    )
    assert res.status_code == 200, res.json
    return [p["title"] for p in res.json["items"]]


@pytest.fixture
def corpus(make_practice):
    make_practice(
        state="KG",
        language="ru",
        title="Профилактика радикализации молодёжи",
        summary="Школьные клубы помогают подросткам распознавать вербовку в интернете.",
        body="Учителя и родители обсуждают с учениками пропаганду насильственного экстремизма.",
        topics=["youth", "education"],
    )
    make_practice(
        state="TJ",
        language="en",
        title="Community policing partnerships",
        summary="Neighbourhood officers meet communities and religious leaders.",
        body="The programmes reduced recruitment by building trust.",
        topics=["community"],
    )
    make_practice(
        state="UZ",
        language="ru",
        title="Реинтеграция вернувшихся семей",
        summary="Женщины и дети, вернувшиеся из зон конфликта, получают поддержку.",
        body="Социальные работники сопровождают семьи в течение года.",
        translation=(
            "Reintegration of returning families",
            "Women and children returning from conflict zones receive support.",
            "Social workers accompany the families for a year.",
        ),
        topics=["returnees", "women"],
    )


def test_russian_query_finds_other_word_forms(client, corpus):
    assert titles(client, "радикализация") == ["Профилактика радикализации молодёжи"]
    assert titles(client, "вербовки") == ["Профилактика радикализации молодёжи"]
    assert titles(client, "подросткам") == ["Профилактика радикализации молодёжи"]


def test_yo_is_folded_in_documents_and_queries(client, corpus):
    assert titles(client, "молодежь") == ["Профилактика радикализации молодёжи"]
    assert titles(client, "молодёжью") == ["Профилактика радикализации молодёжи"]
    assert titles(client, "вернувшиеся", "ru") == ["Реинтеграция вернувшихся семей"]


def test_english_query_finds_other_word_forms(client, corpus):
    assert titles(client, "programme") == ["Community policing partnerships"]
    assert titles(client, "partnership") == ["Community policing partnerships"]
    assert titles(client, "communities officer") == ["Community policing partnerships"]


def test_both_languages_are_searched(client, corpus):
    # found through the English translation and through the Russian original
    assert titles(client, "returning families") == ["Reintegration of returning families"]
    assert titles(client, "семьи") == ["Reintegration of returning families"]
    assert titles(client, "families", "ru") == ["Реинтеграция вернувшихся семей"]


def test_phrase_exclusion_and_no_match(client, corpus):
    assert titles(client, '"community policing"') == ["Community policing partnerships"]
    assert titles(client, '"policing community"') == []
    assert titles(client, "школьные -интернет") == []
    assert titles(client, "школьные -полиция") == ["Профилактика радикализации молодёжи"]
    assert titles(client, "нетакогослова") == []


def test_search_combines_with_facets_and_counts_only_matches(client, corpus):
    res = client.get("/api/v1/practices", query_string={"q": "женщины дети"}).json
    assert res["total"] == 1 and res["facets"]["state"] == {"UZ": 1}
    assert res["facets"]["topic"] == {"returnees": 1, "women": 1}
    res = client.get("/api/v1/practices", query_string={"q": "семьи", "state": "KG"}).json
    assert res["total"] == 0
    assert res["facets"]["state"] == {"UZ": 1}  # what choosing another state would give


def test_page_shows_highlighted_snippets_from_the_real_text(client, corpus):
    page = client.get("/library/", query_string={"q": "вербовка"}).text
    assert "<mark>вербовку</mark>" in page  # the real word form, not the stem "вербовк"
    assert "вербовк<" not in page


def test_snippet_escapes_the_text_before_marking():
    words = {stem("alert")}
    html = str(snippet('<script>alert("x")</script> & more', words))
    assert "<script" not in html and "&lt;script" in html
    assert "<mark>alert</mark>" in html and "&amp; more" in html


def test_query_syntax_cannot_break_out_of_fts5():
    parsed = parse_query('NEAR(a b) OR "x* ^y" col:z -')
    expression = fts5_expression(parsed)
    # every term is a quoted phrase of stems: no FTS5 operator or column filter survives
    assert expression == '"near a" AND "b" AND "or" AND "x y" AND "col z"'
    assert fts5_expression(parse_query('"unclosed')) == '"unclos"'
    assert fts5_expression(parse_query("-only")) == ""


def test_punctuation_only_query_returns_everything(client, corpus):
    assert len(titles(client, "!!! ???")) == 3


def test_sort_by_relevance_puts_title_matches_first(client, make_practice):
    make_practice(title="Teacher training", summary="A guide.", body="About schools.")
    make_practice(title="Schools and sports", summary="Training.", body="Other.")
    found = titles(client, "training", sort="relevance")
    assert found[0] == "Teacher training"


@pytest.mark.skipif(is_postgres(), reason="SQLite's FTS5 index")
def test_sqlite_index_follows_the_transaction(app, db, states, focal_point):
    def indexed() -> int:
        return db.session.execute(text("SELECT count(*) FROM practice_fts")).scalar()

    create_practice(
        focal_point,
        state=states["KZ"],
        content=content(title="Uncommitted"),
        visibility="public",
        now=NOW,
    )
    assert indexed() == 1
    db.session.rollback()
    assert indexed() == 0
    practice = create_practice(
        focal_point,
        state=states["KZ"],
        content=content(title="Kept"),
        visibility="public",
        now=NOW,
    )
    db.session.commit()
    practice.texts[0].title = "Changed title"
    db.session.commit()
    rows = db.session.execute(text("SELECT title FROM practice_fts")).scalars().all()
    assert rows == [f"{stem('changed')} {stem('title')}"]
    db.session.delete(practice)
    db.session.commit()
    assert indexed() == 0


@pytest.mark.skipif(not is_postgres(), reason="PostgreSQL's tsvector column")
def test_postgres_uses_russian_and_english_configurations(app, db, corpus):
    vectors = {"en": "", "ru": ""}
    for language, vector in db.session.execute(
        text("SELECT language, search_vector::text FROM practice_texts")
    ):
        vectors[language] += vector
    assert "'радикализац':2A" in vectors["ru"] and "'молодеж':3A" in vectors["ru"]
    assert "'communiti':1A" in vectors["en"] and "'partnership'" in vectors["en"]


@pytest.mark.skipif(not is_postgres(), reason="PostgreSQL's GIN index")
def test_postgres_search_can_use_the_gin_index(app, db, corpus):
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(
        db.session.execute(
            text(
                "EXPLAIN SELECT id FROM practice_texts WHERE search_vector @@ "
                "(websearch_to_tsquery('russian', 'семьи') || "
                "websearch_to_tsquery('english', 'семьи'))"
            )
        ).scalars()
    )
    assert "ix_practice_texts_search_vector" in plan


def test_listing_service_reports_snippet_language(app, db, corpus, observer):
    result = listing(observer, Filters(q="поддержку"), "en")
    assert len(result.items) == 1
    found, language = result.snippets[result.items[0].id]
    assert language == "ru" and "<mark>поддержку</mark>" in found
