"""Admin pages of the rotation: the policy, elections, and each override with its preview."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from .. import clock
from ..admin_sections import SECTIONS
from ..auth.permissions import admin_required
from ..extensions import db
from ..forms import EmptyForm
from ..states.models import MemberState
from ..web import form_error
from .forms import ElectionForm, OverrideForm, PolicyForm, TieForm
from .models import Election, ElectionStatus, Override, OverrideKind
from .notices import override_label
from .services import elections as election_services
from .services.errors import RotationError
from .services.overrides import apply_override, plan_override
from .services.queries import Schedule, TermView, load_schedule
from .services.store import create_policy, cycle_length, upcoming_window, update_policy

bp = Blueprint(
    "rotation_admin", __name__, url_prefix="/admin/rotation", template_folder="templates"
)

SECTIONS.append(
    (
        "rotation_admin.index",
        _l("Chair rotation"),
        _l("Rotation policy, elections and overrides of the schedule"),
    )
)

OVERRIDE_HELP = {
    "waive": _l("A state declines an upcoming term; the next state in order takes it."),
    "defer": _l("A state swaps its upcoming term with the next state's, once."),
    "swap": _l("Exchange the holders of two upcoming terms."),
    "extend": _l("Lengthen the current term by whole months; all later terms move."),
    "interim": _l(
        "UNODC holds an upcoming term, or the rest of the current one when its chair steps down."
    ),
    "suspend": _l("The rotation skips a state until it is reinstated."),
    "reinstate": _l("A suspended state returns to the rotation."),
    "reorder": _l("A new rotation order for every term not yet started."),
}


def _actor() -> Any:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def _today(schedule: Schedule | None):
    return clock.today(schedule.tz) if schedule else clock.today()


def _term_label(t: TermView) -> str:
    return _(
        "Term %(n)s — %(holder)s, %(start)s – %(end)s",
        n=t.sequence,
        holder=t.holder_name(),
        start=format_date(t.starts_on, "medium"),
        end=format_date(t.ends_on, "medium"),
    )


@bp.get("/")
@admin_required
def index():
    schedule = load_schedule()
    elections = list(db.session.scalars(select(Election).order_by(Election.id.desc())))
    overrides = list(db.session.scalars(select(Override).order_by(Override.id.desc()).limit(50)))
    return render_template(
        "rotation/admin/index.html",
        schedule=schedule,
        elections=elections,
        overrides=overrides,
        kinds=list(OverrideKind),
        override_help=OVERRIDE_HELP,
        override_label=override_label,
        today=_today(schedule),
    )


@bp.route("/policy", methods=["GET", "POST"])
@admin_required
def policy():
    schedule = load_schedule()
    current = schedule.policy if schedule else None
    form = PolicyForm(obj=current)
    refused = False
    if current is not None:
        del form.order
        if request.method == "GET":
            form.reminder_days.data = ", ".join(str(d) for d in current.reminder_days)
    elif request.method == "GET":
        form.order.data = " ".join(s.code for s in _states())
    if form.validate_on_submit():
        today = _today(schedule)
        try:
            if current is None:
                order = form.order.data.replace(",", " ").upper().split() if form.order.data else []
                create_policy(
                    _actor(),
                    anchor_on=form.anchor_on.data,
                    order=order,
                    term_months=form.term_months.data,
                    timezone=form.timezone.data.strip(),
                    reminder_days=form.reminder_days.parsed,
                    today=today,
                )
            else:
                update_policy(
                    current,
                    _actor(),
                    anchor_on=form.anchor_on.data,
                    term_months=form.term_months.data,
                    timezone=form.timezone.data.strip(),
                    reminder_days=form.reminder_days.parsed,
                    today=today,
                )
        except RotationError as exc:
            form_error(form, exc.field, exc.message)
            refused = True
        else:
            db.session.commit()
            flash(_("The rotation policy has been saved."), "success")
            return redirect(url_for(".index"))
    status = 400 if form.errors or refused else 200
    page = render_template("rotation/admin/policy.html", form=form, creating=current is None)
    return page, status


def _states() -> list[MemberState]:
    return list(db.session.scalars(select(MemberState).order_by(MemberState.rotation_position)))


def _require_schedule() -> Schedule:
    schedule = load_schedule()
    if schedule is None:
        flash(_("Set up the rotation policy first."), "warning")
        abort(redirect(url_for(".policy")))
    return schedule


@bp.route("/elections/new", methods=["GET", "POST"])
@admin_required
def new_election():
    schedule = _require_schedule()
    today = _today(schedule)
    prev, upcoming = upcoming_window(schedule, today, cycle_length(schedule))
    form = ElectionForm()
    refused = False
    form.term_sequence.choices = [
        (s.sequence, _term_label(schedule.view(s, today))) for s in upcoming
    ]
    if request.method == "GET":
        form.closes_at.data = (clock.utcnow_naive() + timedelta(days=14)).replace(
            second=0, microsecond=0
        )
    if form.validate_on_submit():
        try:
            election = election_services.open_election(
                _actor(),
                term_sequence=form.term_sequence.data,
                closes_at=form.closes_at.data,
                now=clock.utcnow_naive(),
                today=today,
            )
        except RotationError as exc:
            form_error(form, exc.field, exc.message)
            refused = True
        else:
            db.session.commit()
            flash(_("The election is open; the focal points have been told."), "success")
            return redirect(url_for(".election", election_id=election.id))
    status = 400 if form.errors or refused else 200
    return render_template("rotation/admin/election_new.html", form=form), status


def _tie_form(election: Election) -> TieForm:
    form = TieForm()
    tally = election.tally or {}
    best = max(tally.values(), default=0)
    leaders = [c for c, n in tally.items() if n == best] if tally else None
    states = election_services.candidates()
    form.winner.choices = [
        (s.code, s.name()) for s in states if leaders is None or s.code in leaders
    ]
    return form


@bp.get("/elections/<int:election_id>")
@admin_required
def election(election_id: int):
    election = db.get_or_404(Election, election_id)
    schedule = _require_schedule()
    counts = election_services.tally(election) if election.is_open else election.tally or {}
    return render_template(
        "rotation/admin/election.html",
        election=election,
        counts=sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])),
        states_by_code=schedule.by_code,
        tie_form=_tie_form(election) if election.status == ElectionStatus.tied else None,
        close_form=EmptyForm(),
    )


@bp.post("/elections/<int:election_id>/close")
@admin_required
def close_election(election_id: int):
    election = db.get_or_404(Election, election_id)
    schedule = _require_schedule()
    if EmptyForm().validate_on_submit():
        try:
            election_services.close_election(
                _actor(), election, now=clock.utcnow_naive(), today=_today(schedule)
            )
        except RotationError as exc:
            flash(str(exc.message), "danger")
        else:
            db.session.commit()
            if election.winner is not None:
                flash(_("Elected: %(state)s", state=election.winner.name()), "success")
            else:
                flash(_("The vote is tied; decide it below and record the reason."), "warning")
    return redirect(url_for(".election", election_id=election.id))


@bp.post("/elections/<int:election_id>/tie")
@admin_required
def break_tie(election_id: int):
    election = db.get_or_404(Election, election_id)
    schedule = _require_schedule()
    form = _tie_form(election)
    if form.validate_on_submit():
        winner = db.session.scalar(select(MemberState).where(MemberState.code == form.winner.data))
        try:
            election_services.break_tie(
                _actor(), election, winner=winner, reason=form.reason.data, today=_today(schedule)
            )
        except RotationError as exc:
            flash(str(exc.message), "danger")
        else:
            db.session.commit()
            flash(_("Elected: %(state)s", state=winner.name()), "success")
            return redirect(url_for(".election", election_id=election.id))
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "danger")
    return redirect(url_for(".election", election_id=election.id))


def _override_form(kind: str, schedule: Schedule) -> OverrideForm:
    today = _today(schedule)
    prev, upcoming = upcoming_window(schedule, today, 2 * cycle_length(schedule))
    form = OverrideForm()
    form.keep_only(kind)
    terms = [schedule.view(s, today) for s in upcoming]
    if kind == "interim" and schedule.slot_on(today) is not None:
        terms = [schedule.view(prev, today), *terms]
    choices = [(t.sequence, _term_label(t)) for t in terms]
    if "sequence" in form:
        form.sequence.choices = choices
    if "other" in form:
        form.other.choices = choices
    if "state" in form:
        suspended = set(schedule.policy.suspended or ())
        codes = [c for c in schedule.rules.order if (c in suspended) == (kind == "reinstate")]
        form.state.choices = [
            (c, schedule.by_code[c].name() if c in schedule.by_code else c) for c in codes
        ]
    if "order" in form and request.method == "GET":
        form.order.data = " ".join(schedule.rules.order)
    return form


def _params(kind: str, form: OverrideForm) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name in OverrideForm.FIELDS[kind]:
        value = getattr(form, name).data
        if name == "order":
            value = getattr(form.order, "parsed", [])
        params[name] = value
    return params


@bp.route("/overrides/<kind>", methods=["GET", "POST"])
@admin_required
def override(kind: str):
    if kind not in OverrideForm.FIELDS:
        abort(404)
    schedule = _require_schedule()
    today = _today(schedule)
    form = _override_form(kind, schedule)
    plan = None
    status = 200
    if form.validate_on_submit():
        params = _params(kind, form)
        try:
            if request.form.get("confirm") == "1":
                apply_override(_actor(), kind, params, reason=form.reason.data, today=today)
                db.session.commit()
                flash(_("The override has been applied and the states concerned told."), "success")
                return redirect(url_for(".index"))
            plan = plan_override(kind, params, today)
        except RotationError as exc:
            form_error(form, exc.field, exc.message)
            status = 400
            if request.form.get("confirm") == "1" and exc.field == "reason":
                plan = _safe_plan(kind, params, today)
    if form.errors:
        status = 400
    return render_template(
        "rotation/admin/override.html",
        kind=kind,
        label=override_label(kind),
        help=OVERRIDE_HELP[kind],
        form=form,
        plan=plan,
        views=_plan_views(schedule, plan, today) if plan else None,
    ), status


def _safe_plan(kind, params, today):
    try:
        return plan_override(kind, params, today)
    except RotationError:
        return None


def _plan_views(schedule: Schedule, plan, today) -> dict[str, Any]:
    def view(slot) -> TermView:
        state = schedule.by_code.get(slot.holder)
        return TermView(
            sequence=slot.sequence,
            holder_kind="secretariat" if slot.is_secretariat else "state",
            state_id=state.id if state else None,
            state_code=None if slot.is_secretariat else slot.holder,
            starts_on=slot.starts_on,
            ends_on=slot.ends_on,
            status="active" if slot.covers(today) else "scheduled",
            selection=slot.selection.value,
            is_projected=False,
        )

    return {
        "before": [view(s) for s in plan.before],
        "after": [view(s) for s in plan.after],
        "changed_before": plan.changed_before,
        "changed_after": plan.changed_after,
    }
