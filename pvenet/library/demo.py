"""Demo step: the library's practices (``pvenet.demo.STEPS``), from :mod:`.demo_data`.

Published practices are given publication dates spread over the last two years; the
submitted ones go through the real workflow (so the administrators find them in their
review queue and notifications), the returned one carries a reviewer's comment, and one
published practice has a revision in preparation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from .. import clock
from ..auth.models import Role, User
from ..extensions import db
from ..states.services import all_states
from ..themes.demo import themes_by_topic_on
from .models import PracticeStatus, Visibility
from .services.content import PracticeContent, TextContent
from .services.workflow import (
    create_practice,
    return_with_comments,
    snapshot,
    start_revision,
    submit,
)
from .vocab import PracticeType

RETURN_COMMENT = (
    "Thank you. Please add how many students took part and explain how the "
    "questionnaire was tested before the survey."
)


def _content(entry: dict, themes: list[int] | None = None) -> PracticeContent:
    texts = {
        lang: TextContent(*entry[lang]) for lang in ("en", "ru") if entry.get(lang) is not None
    }
    return PracticeContent(
        type=PracticeType(entry["type"]),
        year=entry["year"],
        original_language=entry["orig"],
        texts=texts,
        topics=list(entry["topics"]),
        target_groups=list(entry["groups"]),
        source_url=entry.get("source"),
        themes=themes or [],
    )


def seed_library(progress: Callable[[str], None]) -> None:
    from .demo_data import PRACTICES

    states = {s.code: s for s in all_states()}
    users = list(db.session.scalars(select(User).order_by(User.id)))
    admin = next(u for u in users if u.role == Role.admin)
    authors = {
        code: [u for u in users if u.role == Role.focal_point and u.state_id == s.id]
        for code, s in states.items()
    }
    now = clock.utcnow_naive()
    counts: dict[str, int] = {}
    revised = None
    for i, entry in enumerate(PRACTICES):
        author = authors[entry["state"]][i % 2]
        status = entry.get("status", "published")
        # Older practices first, one every two to three weeks, up to the present.
        when = now - timedelta(days=(len(PRACTICES) - i) * 17, hours=i)
        # Linked to the themes of the chair of the day that share one of its topics.
        by_topic = themes_by_topic_on(when - timedelta(days=3))
        themes = sorted({t for topic in entry["topics"] for t in by_topic.get(topic, [])})
        practice = create_practice(
            author,
            state=states[entry["state"]],
            content=_content(entry, themes),
            visibility=Visibility(entry.get("visibility", "public")),
            now=when - timedelta(days=3),
        )
        if status == "published":
            practice.status = PracticeStatus.published
            practice.submitted_at = when - timedelta(days=2)
            practice.submitted_by_id = author.id
            practice.published_at = practice.revised_at = when
            snapshot(practice, admin, reason="published", now=when)
            if revised is None and practice.is_translated:
                revised = (practice, author, when)
        elif status in ("submitted", "returned"):
            submit(practice, author, now=when)
            if status == "returned":
                return_with_comments(practice, admin, comment=RETURN_COMMENT, now=when)
        counts[status] = counts.get(status, 0) + 1
    if revised is not None:
        practice, author, when = revised
        pending = start_revision(practice, author, now=when + timedelta(days=30))
        data = dict(pending.data)
        data["year"] = practice.year + 1
        pending.data = data
    db.session.flush()
    progress(
        f"  {len(PRACTICES)} practices ("
        + ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        + ")"
    )
