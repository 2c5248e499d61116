"""Demo step: the chair's programmes (``pvenet.demo.STEPS``), from :mod:`.demo_data`.

Sets up the rotation if no other step did (anchor 2019-01-01, default order), gives the
most recent terms their themes and the current term its meetings. A later step stores the
reports of the ended terms (:func:`store_reports`), once the library's practices exist.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from .. import clock
from ..auth.models import Role, User
from ..extensions import db
from ..rotation.models import ChairTerm
from ..rotation.services.queries import current_term, get_policy, handover_instant
from ..rotation.services.store import create_policy
from ..states.services import MEMBER_STATES
from .demo_data import MEETINGS, PROGRAMMES
from .models import Theme, ThemeScope
from .services.meetings import MeetingContent, add_meeting
from .services.report import store_due_reports
from .services.themes import ThemeContent, ThemeTextContent, add_theme

ANCHOR = date(2019, 1, 1)


def _content(entry: dict, term: ChairTerm) -> ThemeContent:
    national = entry["scope"] == "national" and term.state is not None
    return ThemeContent(
        texts={lang: ThemeTextContent(*entry[lang]) for lang in ("en", "ru") if entry.get(lang)},
        scope=ThemeScope.national if national else ThemeScope.regional,
        state_code=term.state.code if national and term.state else None,
    )


def seed_programmes(progress: Callable[[str], None]) -> None:
    today = clock.today()
    if get_policy() is None:
        create_policy(None, anchor_on=ANCHOR, order=list(MEMBER_STATES), today=today)
    admin = db.session.scalar(select(User).where(User.role == Role.admin).order_by(User.id))
    policy = get_policy()
    today = clock.today(policy.timezone if policy else "UTC")
    view = current_term(today)
    if view is None:
        return
    terms = list(
        db.session.scalars(
            select(ChairTerm)
            .where(ChairTerm.sequence <= view.sequence)
            .order_by(ChairTerm.sequence.desc())
            .limit(len(PROGRAMMES))
        )
    )
    count = 0
    for term, programme in zip(terms, reversed(PROGRAMMES), strict=False):
        # Each term's programme was set while it ran (the services check the window).
        when = handover_instant(term.starts_on) + timedelta(days=1)
        for entry in programme:
            add_theme(term, admin, _content(entry, term), now=when)
            count += 1
    current = terms[0]
    for days, length, city, language, title, agenda in MEETINGS:
        starts = max(current.starts_on, min(today + timedelta(days=days), current.ends_on))
        add_meeting(
            current,
            admin,
            MeetingContent(
                title=title,
                starts_on=starts,
                ends_on=min(starts + timedelta(days=length - 1), current.ends_on),
                city=city,
                is_online=city is None,
                agenda=agenda,
                language=language,
            ),
            now=handover_instant(current.starts_on) + timedelta(days=1),
        )
    db.session.flush()
    progress(f"  {count} themes over {len(terms)} terms, {len(MEETINGS)} network meetings")


def topic_of(theme: Theme) -> str | None:
    """The library topic the demo links to ``theme`` (matched on its texts)."""
    titles = {t.title for t in theme.texts}
    for programme in PROGRAMMES:
        for entry in programme:
            if any(entry.get(lang) and entry[lang][0] in titles for lang in ("en", "ru")):
                return entry["topic"]
    return None


def themes_by_topic_on(moment: datetime) -> dict[str, list[int]]:
    """Demo themes of the term running at ``moment`` (naive UTC), by library topic."""
    day = moment.date()
    stmt = select(Theme).join(ChairTerm).where(ChairTerm.starts_on <= day, ChairTerm.ends_on >= day)
    out: dict[str, list[int]] = {}
    for theme in db.session.scalars(stmt):
        topic = topic_of(theme)
        if topic:
            out.setdefault(topic, []).append(theme.id)
    return out


def store_reports(progress: Callable[[str], None]) -> None:
    """Store the reports of the ended terms, as the scheduler would."""
    stored = store_due_reports(datetime.combine(clock.today(), time(12)))
    progress(f"  {len(stored)} term reports stored")
