"""Demo step: the rotation since 2019 (``pvenet.demo.STEPS``).

The network's history as the rules make it: UNODC's inaugural term from the anchor
(2019-01-01), an election in June 2019 that Kazakhstan won for term 1 (from 2019-07-01),
then the rotation in the default order KZ KG TJ TM UZ. Today's chair follows from the
rules (term 15, 2026-07-01 to 2026-12-31, is Uzbekistan's; Kazakhstan chairs from
2027-01-01). The past is recorded as if the scheduler had run on each handover day:
past terms completed, the current one active, their markers stored, so no old notice is
sent when the scheduler starts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import select

from .. import clock
from ..auth.models import Role, User
from ..extensions import db
from ..states.services import all_states
from .models import Ballot, ChairTerm, Election, ElectionStatus, RotationMarker, TermStatus
from .schedule import restart_from
from .services.queries import local_day
from .services.store import create_policy, ensure_stored, save_upcoming, schedule_as_of

ANCHOR = date(2019, 1, 1)
ORDER = ["KZ", "KG", "TJ", "TM", "UZ"]
#: The June 2019 election: each state's vote.
VOTES = {"KZ": "KZ", "KG": "KZ", "TJ": "KZ", "TM": "UZ", "UZ": "KZ"}


def seed_rotation(progress: Callable[[str], None]) -> None:
    admin = db.session.scalar(select(User).where(User.role == Role.admin).order_by(User.id))
    policy = create_policy(admin, anchor_on=ANCHOR, order=list(ORDER), today=ANCHOR)
    states = {s.code: s for s in all_states()}
    election = Election(
        term_sequence=1,
        opened_at=datetime(2019, 6, 3, 5, 0),
        closes_at=datetime(2019, 6, 21, 12, 0),
        closed_at=datetime(2019, 6, 21, 12, 0),
        opened_by_id=admin.id if admin else None,
        status=ElectionStatus.closed,
        winner=states["KZ"],
        tally={"KZ": 4, "UZ": 1},
    )
    db.session.add(election)
    for n, (voter, choice) in enumerate(VOTES.items()):
        focal_point = db.session.scalar(
            select(User)
            .where(User.role == Role.focal_point, User.state_id == states[voter].id)
            .order_by(User.id)
        )
        db.session.add(
            Ballot(
                election=election,
                state_id=states[voter].id,
                candidate_state_id=states[choice].id,
                cast_by_id=focal_point.id if focal_point else None,
                cast_at=datetime(2019, 6, 5 + 2 * n, 8, 30),
            )
        )
    closing_day = date(2019, 6, 21)
    schedule = schedule_as_of(closing_day)
    prev = schedule.slots[0]
    upcoming = [s for s in schedule.slots if s.sequence > prev.sequence]
    save_upcoming(schedule, prev, restart_from(prev, upcoming, 0, "KZ", schedule.rules))
    today = local_day(clock.now(), policy.timezone)
    ensure_stored(today)
    _as_if_the_scheduler_ran(today)
    db.session.flush()
    current = db.session.scalar(
        select(ChairTerm).where(ChairTerm.starts_on <= today, ChairTerm.ends_on >= today)
    )
    progress(
        f"  rotation from {ANCHOR}: election of June 2019, term {current.sequence} "
        f"held by {current.holder_code} today"
    )


def _as_if_the_scheduler_ran(today: date) -> None:
    terms = db.session.scalars(
        select(ChairTerm).where(ChairTerm.starts_on <= today).order_by(ChairTerm.sequence)
    ).all()
    for term in terms:
        term.status = TermStatus.completed if term.ends_on < today else TermStatus.active
        when = datetime.combine(term.starts_on, datetime.min.time())
        for key in (f"term:{term.sequence}:activated", f"term:{term.sequence}:handover_notified"):
            db.session.add(RotationMarker(key=key, created_at=when))
