"""The library's forms and API under hostile input: never a 500, nothing half-saved."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pvenet.auth.services import create_api_token
from pvenet.library.models import Practice
from tests.hardening.test_fuzz_forms import NASTY
from tests.library.conftest import form_data

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), NASTY),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(NASTY, inner, max_size=4)),
    max_leaves=12,
)


def test_practice_forms_never_fail(client, auth, db, make_practice):
    draft = make_practice(status="draft")
    published = make_practice(status="published")
    submitted = make_practice(status="submitted")
    auth.login(draft.created_by)
    paths = {
        f"/library/{draft.id}/edit": list(form_data()),
        f"/library/{published.id}/translate": ["title", "summary", "body"],
        f"/library/{published.id}/withdraw": ["reason"],
        f"/library/{draft.id}/submit": ["body"],
        f"/library/{submitted.id}/comments": ["comment-body"],
    }

    @FUZZ
    @given(st.sampled_from(sorted(paths)), st.data())
    def run(path, data):
        values = data.draw(st.fixed_dictionaries({f: NASTY for f in paths[path]}))
        res = client.post(path, data=values)
        assert res.status_code < 500, (path, values, res.status_code)

    run()


def test_listing_filters_never_fail(client, make_practice):
    make_practice()

    @FUZZ
    @given(
        st.fixed_dictionaries(
            {k: NASTY for k in ("q", "state", "type", "topic", "language", "year", "sort", "page")}
        )
    )
    def run(args):
        for path in ("/library/", "/api/v1/practices", "/library/export.csv"):
            res = client.get(path, query_string=args)
            assert res.status_code < 500, (path, args, res.status_code)

    run()


def test_api_create_never_fails(client, db, focal_point):
    _row, plain = create_api_token(focal_point, "fuzz")
    db.session.commit()
    headers = {"Authorization": f"Bearer {plain}"}

    @FUZZ
    @given(
        st.one_of(
            JSONISH,
            st.fixed_dictionaries(
                {
                    "type": st.sampled_from(["research", "policy", 1, None]),
                    "year": st.one_of(st.integers(), NASTY),
                    "original_language": st.sampled_from(["en", "ru", "xx"]),
                    "texts": st.dictionaries(
                        st.sampled_from(["en", "ru", "de"]),
                        st.fixed_dictionaries({"title": NASTY, "summary": NASTY, "body": NASTY}),
                    ),
                }
            ),
        )
    )
    def run(body):
        before = db.session.query(Practice).count()
        res = client.post("/api/v1/practices", json=body, headers=headers)
        assert res.status_code in (201, 400), (body, res.status_code, res.get_json())
        db.session.expire_all()
        assert db.session.query(Practice).count() == before + (res.status_code == 201)

    run()
