"""Themes fixtures: the rotation set up on 2019-01-01 (term 1 is Kazakhstan's, from
2019-07-01 to 2019-12-31; term 2 Kyrgyzstan's), handovers at midnight in Asia/Almaty."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from pvenet.rotation.services.store import create_policy
from pvenet.themes.models import ThemeScope
from pvenet.themes.services import stored_term
from pvenet.themes.services.themes import ThemeContent, ThemeTextContent

ORDER = ["KZ", "KG", "TJ", "TM", "UZ"]
ANCHOR = date(2019, 1, 1)
ALMATY = ZoneInfo("Asia/Almaty")


def almaty(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ALMATY)


def content(title: str = "Youth resilience", *, lang: str = "en", **kw) -> ThemeContent:
    return ThemeContent(texts={lang: ThemeTextContent(title, kw.pop("description", "Why."))}, **kw)


@pytest.fixture
def policy(db, states):
    p = create_policy(None, anchor_on=ANCHOR, order=list(ORDER), today=ANCHOR)
    db.session.commit()
    return p


@pytest.fixture
def term1(policy):
    """Kazakhstan's term: 2019-07-01 .. 2019-12-31."""
    return stored_term(1)


@pytest.fixture
def term2(policy):
    """Kyrgyzstan's term: 2020-01-01 .. 2020-06-30."""
    return stored_term(2)


__all__ = ["ThemeScope", "almaty", "content"]
