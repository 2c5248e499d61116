"""The facet-count table follows every change of the published practices."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pvenet.library import facets
from pvenet.library.models import FacetCount, Visibility
from pvenet.library.services.conditions import base_conditions
from pvenet.library.services.content import TextContent
from pvenet.library.services.counts import facet_counts, grouped_rows
from pvenet.library.services.filters import Filters
from pvenet.library.services.translations import add_translation
from pvenet.library.services.workflow import (
    approve,
    save_practice,
    start_revision,
    submit,
    withdraw,
)
from tests.library.conftest import NOW, content


def table(db) -> dict:
    rows = db.session.scalars(select(FacetCount)).all()
    return {
        tuple(getattr(r, k) for k in facets.KEY): (
            r.count,
            *(getattr(r, c) for c in facets.TOPIC_COLUMNS),
        )
        for r in rows
        if r.count
    }


def rebuilt(db) -> dict:
    facets.rebuild(db.session)
    return table(db)


def test_counts_follow_every_kind_of_change(db, admin, make_practice):
    a = make_practice(state="KZ", year=2020, topics=["youth", "women"])
    b = make_practice(state="KG", year=2021, topics=["prisons"], visibility="network")
    c = make_practice(state="TJ", status="submitted", year=2022)
    make_practice(state="UZ", status="draft")
    live = table(db)
    assert sum(v[0] for v in live.values()) == 2
    # approval, visibility, translation, revision with new year and topics, withdrawal
    approve(c, admin, now=NOW)
    save_practice(
        b,
        b.created_by,
        content=content(year=2021, topics=["prisons"]),
        visibility=Visibility.restricted,
        now=NOW,
    )
    add_translation(a, admin, language="ru", text=TextContent("Т", "К", "Т"), now=NOW)
    pending = start_revision(a, a.created_by, now=NOW)
    pending.data = {**pending.data, "year": 2019, "topics": ["education"]}
    submit(a, a.created_by, now=NOW)
    approve(a, admin, now=NOW)
    withdraw(c, c.created_by, reason="Outdated.", now=NOW)
    db.session.commit()
    live = table(db)
    assert live == rebuilt(db)
    assert sum(v[0] for v in live.values()) == 2  # a and b


def test_changes_of_expired_objects_are_counted(db, make_practice):
    practice = make_practice(year=2020)
    db.session.commit()  # every attribute expired: the hook must still see old values
    practice.year = 2018
    db.session.commit()
    assert table(db) == rebuilt(db)


def test_deleting_a_practice_uncounts_it(db, make_practice):
    practice = make_practice()
    db.session.delete(practice)
    db.session.commit()
    assert table(db) == {}


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(states=["KZ"]),
        Filters(topics=["youth"]),
        Filters(topics=["youth"], types=["programme"], languages=["ru"]),
        Filters(years=[2020, 2021]),
    ],
)
def test_fast_and_grouped_counts_agree(db, observer, focal_point, make_practice, filters):
    make_practice(state="KZ", year=2020, topics=["youth", "women"], visibility="restricted")
    make_practice(state="KG", year=2021, topics=["youth"], translation=("Т", "К", "Т"))
    make_practice(state="KZ", year=2021, topics=["prisons"], visibility="network")
    make_practice(state="TJ", year=2020, topics=[], type_="research")
    for user in (observer, focal_point):
        total, fast = facet_counts(user, filters)
        # the same counts computed from the practices themselves (multi-topic path)
        slow_filters = Filters(**{**filters.__dict__, "topics": filters.topics * 2})
        slow_total, slow = facet_counts(user, slow_filters)
        assert (total, fast) == (slow_total, slow)
    assert grouped_rows(base_conditions(observer, Filters(), None))  # the slow path runs
