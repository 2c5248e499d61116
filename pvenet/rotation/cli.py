"""``flask rotation show`` and ``flask rotation tick --today DATE``."""

from __future__ import annotations

from datetime import date

import click
from flask import current_app

from .. import clock
from ..extensions import db
from .jobs import run_reconcile
from .lock import lock_for
from .services.queries import load_schedule
from .services.store import cycle_length
from .views import bp


@bp.cli.command("show")
@click.option("--cycles", default=1, show_default=True, type=click.IntRange(0, 20))
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="As of this day.")
def show(cycles: int, today) -> None:
    """Print the schedule: every term so far and the next CYCLES full cycles."""
    schedule = load_schedule()
    if schedule is None:
        raise click.ClickException("The rotation has not been set up (no policy).")
    day = today.date() if today else clock.today(schedule.tz)
    current = schedule.slot_on(day) or schedule.slots[0]
    last = current.sequence + cycles * cycle_length(schedule)
    schedule.slot_by_sequence(last)
    click.echo(
        f"Rotation order {' '.join(schedule.rules.order)}, {schedule.policy.term_months}-month "
        f"terms, handover at midnight {schedule.policy.timezone}; as of {day.isoformat()}"
    )
    for slot in schedule.all_slots():
        if slot.sequence > last:
            break
        view = schedule.view(slot, day)
        marker = "*" if slot.sequence == current.sequence and slot.covers(day) else " "
        click.echo(
            f"{marker}{slot.sequence:>4}  {slot.holder:<6} {slot.starts_on} .. {slot.ends_on}  "
            f"{view.status:<10} {slot.selection.value:<21}"
            f"{'projected' if view.is_projected else 'stored'}"
        )


@bp.cli.command("tick")
@click.option(
    "--today",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Reconcile as of this day (default: today in the handover time zone).",
)
def tick(day) -> None:
    """Run the scheduler's reconcile once, as of DATE, and print what it did."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    as_of: date | None = day.date() if day else None
    try:
        done = run_reconcile(app, today=as_of)
    finally:
        with app.app_context():
            lock_for(app).release()
            db.session.remove()
    if done is None:
        raise click.ClickException("Another scheduler holds the lock; nothing was done.")
    if not done:
        click.echo("Nothing to do.")
    for line in done:
        click.echo(line)
