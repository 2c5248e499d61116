"""Public rotation pages: the troika on the home page, the timeline, the election page."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from .. import clock
from ..auth.models import Role
from ..extensions import db
from ..home.views import NAV_ITEMS, home_section
from ..pagecache import cached_page
from ..states.models import MemberState
from ..web import form_error
from .forms import BallotForm
from .models import Ballot, Election, ElectionStatus
from .services import elections as election_services
from .services.errors import RotationError
from .services.queries import Schedule, load_schedule
from .services.store import cycle_length

bp = Blueprint("rotation", __name__, url_prefix="/rotation", template_folder="templates")

NAV_ITEMS.append(("rotation.timeline", _l("Chair rotation")))


def today_for(schedule: Schedule | None):
    return clock.today(schedule.tz) if schedule else clock.today("UTC")


def selection_label(selection: str) -> str:
    labels = {
        "inaugural": _("inaugural term"),
        "election": _("elected"),
        "rotation": _("rotation order"),
        "rotation_no_election": _("rotation order (no election result)"),
        "waive": _("took a waived term"),
        "defer": _("deferred (one-off swap)"),
        "swap": _("swapped"),
        "interim": _("interim chair"),
        "extension": _("extended"),
        "reorder": _("new rotation order"),
    }
    return labels.get(selection, selection)


def status_label(status: str) -> str:
    return {
        "scheduled": _("scheduled"),
        "active": _("current"),
        "completed": _("completed"),
    }.get(status, status)


@bp.app_context_processor
def _helpers() -> dict[str, Any]:
    return {"selection_label": selection_label, "term_status_label": status_label}


@home_section("rotation/_troika.html")
def troika_section() -> dict[str, Any]:
    schedule = load_schedule()
    if schedule is None:
        return {"troika": None}
    today = today_for(schedule)
    return {"troika": schedule.troika(today), "today": today}


@bp.get("/")
@cached_page
def timeline():
    schedule = load_schedule()
    if schedule is None:
        return render_template("rotation/timeline.html", schedule=None, past=[], ahead=[])
    today = today_for(schedule)
    current = schedule.slot_on(today)
    last_started = current.sequence if current else schedule.slots[0].sequence - 1
    ahead_to = last_started + cycle_length(schedule)
    schedule.slot_by_sequence(ahead_to)
    views = [schedule.view(s, today) for s in schedule.all_slots() if s.sequence <= ahead_to]
    past = [v for v in views if v.sequence <= last_started][::-1]
    ahead = [v for v in views if v.sequence > last_started]
    elections = list(db.session.scalars(select(Election).order_by(Election.id.desc()).limit(10)))
    return render_template(
        "rotation/timeline.html",
        schedule=schedule,
        troika=schedule.troika(today),
        past=past,
        ahead=ahead,
        today=today,
        elections=elections,
        suspended=schedule.policy.suspended or [],
    )


def _vote_form(election: Election) -> BallotForm:
    form = BallotForm()
    form.candidate.choices = [(s.code, s.name()) for s in election_services.candidates()]
    return form


@bp.route("/elections/<int:election_id>", methods=["GET", "POST"])
def election(election_id: int):
    election = db.get_or_404(Election, election_id)
    schedule = load_schedule()
    if schedule is None:
        abort(404)
    today = today_for(schedule)
    may_vote = (
        current_user.is_authenticated
        and current_user.role == Role.focal_point
        and current_user.state_id is not None
    )
    form = _vote_form(election) if may_vote and election.is_open else None
    if form is not None and form.validate_on_submit():
        state = db.session.get(MemberState, current_user.state_id)
        candidate = db.session.scalar(
            select(MemberState).where(MemberState.code == form.candidate.data)
        )
        try:
            if candidate is None:
                raise RotationError(_l("That state is not a candidate in this election."))
            election_services.cast_ballot(
                current_user._get_current_object(),
                election,
                state=state,
                candidate=candidate,
                now=clock.utcnow_naive(),
            )
        except RotationError as exc:
            form_error(form, exc.field or "candidate", exc.message)
        else:
            db.session.commit()
            flash(_("Your state's ballot has been recorded."), "success")
            return redirect(url_for(".election", election_id=election.id))
    own_ballot = None
    if may_vote:
        own_ballot = db.session.scalar(
            select(Ballot).where(
                Ballot.election_id == election.id, Ballot.state_id == current_user.state_id
            )
        )
        if form is not None and own_ballot is not None and not form.is_submitted():
            form.candidate.data = own_ballot.candidate.code
    closed = election.status in (ElectionStatus.closed, ElectionStatus.tied, ElectionStatus.lapsed)
    counts = sorted((election.tally or {}).items(), key=lambda kv: (-kv[1], kv[0]))
    return render_template(
        "rotation/election.html",
        election=election,
        term=schedule.term_by_sequence(election.term_sequence, today),
        form=form,
        own_ballot=own_ballot,
        may_vote=may_vote,
        closed=closed,
        counts=counts,
        voted=len(election.ballots),
        candidates=election_services.candidates(),
        states_by_code=schedule.by_code,
    ), (400 if form is not None and form.errors else 200)
