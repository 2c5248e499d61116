"""Rotation fixtures: a policy anchored on 2019-01-01 with the default order."""

from __future__ import annotations

from datetime import date

import pytest

from pvenet.rotation.services.store import create_policy

ORDER = ["KZ", "KG", "TJ", "TM", "UZ"]
ANCHOR = date(2019, 1, 1)


@pytest.fixture
def policy(db, states):
    """The rotation set up on the anchor day (nothing started yet but the inaugural term)."""
    p = create_policy(None, anchor_on=ANCHOR, order=list(ORDER), today=ANCHOR)
    db.session.commit()
    return p


@pytest.fixture
def app(app):
    """The shared app, leaving no scheduler lock behind: PostgreSQL keeps an advisory lock
    on its connection, which would outlive the app and block the next test's jobs."""
    yield app
    from pvenet.rotation.lock import lock_for

    lock_for(app).release()
