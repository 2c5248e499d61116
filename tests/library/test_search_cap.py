"""A search of the listing ranks and counts a bounded set: the most recent matching texts.

A word found in a great share of the library must cost what a rare word costs (issue 7,
``make bench``); past the bound the page and the API say that they show the best of the
most recent matches, while the exports stay complete.
"""

from __future__ import annotations

import pytest

from pvenet.library.services import search_listing


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(search_listing, "SEARCH_CANDIDATES", 4)


def _make(make_practice, n, **kwargs):
    return [
        make_practice(title=f"Youth work {i}", state=("KZ", "KG")[i % 2], **kwargs)
        for i in range(n)
    ]


def test_below_the_bound_the_search_is_exact(client, make_practice, small_cap):
    _make(make_practice, 3)
    res = client.get("/api/v1/practices?q=youth")
    assert res.json["total"] == 3 and res.json["capped"] is False
    assert "search-capped" not in client.get("/library/?q=youth").text


def test_past_the_bound_the_most_recent_matches_are_ranked_and_counted(
    client, make_practice, small_cap
):
    made = _make(make_practice, 7)
    res = client.get("/api/v1/practices?q=youth")
    assert res.json["capped"] is True
    assert res.json["total"] == 4
    newest = {p.id for p in made[-4:]}
    assert {item["id"] for item in res.json["items"]} == newest
    assert sum(res.json["facets"]["state"].values()) == 4
    page = client.get("/library/?q=youth").text
    assert 'id="search-capped"' in page
    # The exports are never capped.
    assert len(client.get("/library/export.json?q=youth").json) == 7


def test_facet_filters_and_sorts_apply_within_the_candidates(client, make_practice, small_cap):
    made = _make(make_practice, 4)
    res = client.get("/api/v1/practices?q=youth&state=KZ&sort=newest")
    ids = [item["id"] for item in res.json["items"]]
    kz = [p.id for p in made if p.state.code == "KZ"]
    assert ids == sorted(kz, reverse=True)
    # Each facet is counted without its own filter: KG still shows its two practices.
    assert res.json["facets"]["state"] == {"KZ": 2, "KG": 2}
    assert res.json["total"] == 2


def test_visibility_applies_within_the_candidates(client, auth, make_practice, small_cap, db):
    _make(make_practice, 2, visibility="network")
    _make(make_practice, 1)
    assert client.get("/api/v1/practices?q=youth").json["total"] == 1
