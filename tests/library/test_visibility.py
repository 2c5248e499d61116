"""Visibility never leaks: listing, search, facet counts, feed, exports, API, attachments."""

from __future__ import annotations

import json

import pytest

from pvenet.auth.models import Role
from pvenet.auth.services import create_api_token
from tests.library.conftest import pdf_bytes

SECRET_TITLES = {
    "network": "Zebracorn network mentoring",
    "restricted": "Zebracorn restricted deradicalisation files",
    "draft": "Zebracorn draft programme",
    "submitted": "Zebracorn submitted programme",
    "withdrawn": "Zebracorn withdrawn programme",
}


@pytest.fixture
def library(db, make_practice):
    def make(key, **kwargs):
        return make_practice(files=[(f"{key}.pdf", pdf_bytes(key))], **kwargs)

    public = make("public", title="Zebracorn public youth clubs", year=2021)
    hidden = {
        "network": make("network", visibility="network", title=SECRET_TITLES["network"], year=2022),
        "restricted": make(
            "restricted", visibility="restricted", title=SECRET_TITLES["restricted"], year=2023
        ),
        "draft": make("draft", status="draft", title=SECRET_TITLES["draft"], year=2019),
        "submitted": make(
            "submitted", status="submitted", title=SECRET_TITLES["submitted"], year=2019
        ),
        "withdrawn": make(
            "withdrawn", status="withdrawn", title=SECRET_TITLES["withdrawn"], year=2019
        ),
    }
    files = {key: p.attachments[0] for key, p in {"public": public, **hidden}.items()}
    return public, hidden, files


def _assert_only_public(text: str, allowed: set[str] = frozenset()) -> None:
    assert "Zebracorn public youth clubs" in text
    for key, title in SECRET_TITLES.items():
        if key in allowed:
            assert title in text, key
        else:
            assert title not in text, key


def test_visitor_sees_only_public_published_everywhere(client, db, library):
    public, hidden, files = library
    _assert_only_public(client.get("/library/").text)
    _assert_only_public(client.get("/library/?q=zebracorn").text)
    _assert_only_public(client.get("/library/feed.atom").text)
    _assert_only_public(client.get("/library/export.csv").text)
    exported = json.loads(client.get("/library/export.json").text)
    assert [p["title"] for p in exported] == ["Zebracorn public youth clubs"]
    api = client.get("/api/v1/practices?q=zebracorn").json
    assert [p["title"] for p in api["items"]] == ["Zebracorn public youth clubs"]
    assert api["total"] == 1
    for practice in hidden.values():
        assert client.get(f"/library/{practice.id}").status_code == 404
        assert client.get(f"/api/v1/practices/{practice.id}").status_code == 404
        assert client.get(f"/library/{practice.id}/side-by-side").status_code == 404
        assert client.get(f"/library/{practice.id}/revisions").status_code == 404
    for key, attachment in files.items():
        url = f"/library/{attachment.practice_id}/files/{attachment.id}"
        assert client.get(url).status_code == (200 if key == "public" else 404), key
    # a guessed URL mixing a public practice and a hidden attachment is refused too
    res = client.get(f"/library/{public.id}/files/{files['restricted'].id}")
    assert res.status_code == 404


def test_facet_counts_only_count_what_the_reader_may_see(client, db, library):
    api = client.get("/api/v1/practices").json
    assert api["facets"]["year"] == {"2021": 1}
    assert api["facets"]["state"] == {"KZ": 1}
    page = client.get("/library/").text
    assert "2022" not in page and "2023" not in page


def test_observer_sees_network_only_but_not_restricted(client, auth, db, observer, library):
    auth.login(observer)
    _assert_only_public(client.get("/library/?q=zebracorn").text, {"network"})
    api = client.get("/api/v1/practices").json  # the session counts on GET of the API too
    assert api["facets"]["year"] == {"2021": 1, "2022": 1}


def test_other_states_focal_point_does_not_see_restricted(
    client, auth, db, other_focal_point, library
):
    public, hidden, files = library
    auth.login(other_focal_point)
    _assert_only_public(client.get("/library/").text, {"network"})
    assert client.get(f"/library/{hidden['restricted'].id}").status_code == 404
    att = files["restricted"]
    assert client.get(f"/library/{att.practice_id}/files/{att.id}").status_code == 404


def test_chair_focal_point_does_not_see_restricted_even_under_review(
    client, auth, db, chair, make_user, make_practice
):
    chair("UZ")
    practice = make_practice(status="submitted", visibility="restricted", title="Sensitive")
    uz = make_user(Role.focal_point, "UZ")
    auth.login(uz)
    assert client.get(f"/library/{practice.id}").status_code == 404
    assert "Sensitive" not in client.get("/library/review").text


def test_own_states_focal_point_sees_restricted(client, auth, db, focal_point, library):
    public, hidden, files = library
    auth.login(focal_point)  # KZ, like the practices
    _assert_only_public(client.get("/library/?q=zebracorn").text, {"network", "restricted"})
    assert client.get(f"/library/{hidden['restricted'].id}").status_code == 200
    att = files["restricted"]
    assert client.get(f"/library/{att.practice_id}/files/{att.id}").status_code == 200
    # drafts are in the workspace, not in the library's listing
    work = client.get("/library/workspace").text
    assert SECRET_TITLES["draft"] in work and SECRET_TITLES["withdrawn"] in work


def test_api_token_reader_gets_its_owners_rights(
    client, db, focal_point, other_focal_point, library
):
    _token, mine = create_api_token(focal_point, "mine")
    _token, theirs = create_api_token(other_focal_point, "theirs")
    db.session.commit()
    titles = {
        p["title"]
        for p in client.get(
            "/api/v1/practices?per_page=100", headers={"Authorization": f"Bearer {mine}"}
        ).json["items"]
    }
    assert SECRET_TITLES["restricted"] in titles
    titles = {
        p["title"]
        for p in client.get(
            "/api/v1/practices?per_page=100", headers={"Authorization": f"Bearer {theirs}"}
        ).json["items"]
    }
    assert SECRET_TITLES["restricted"] not in titles and SECRET_TITLES["network"] in titles


def test_feed_lists_only_public_practices_even_for_admins(client, auth, db, admin, library):
    auth.login(admin)
    _assert_only_public(client.get("/library/feed.atom").text)
    # while the listing shows the admin everything published
    _assert_only_public(client.get("/library/").text, {"network", "restricted"})
