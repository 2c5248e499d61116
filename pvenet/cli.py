"""Command-line tools: ``flask translate …``, ``flask pvenet …``, ``flask scheduler run``."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .extensions import db

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"

translate = AppGroup("translate", help="Extract, update and compile the translations.")


def _pybabel(*args: str) -> None:
    cmd = [sys.executable, "-m", "babel.messages.frontend", *args]
    if subprocess.run(cmd, cwd=ROOT, check=False).returncode != 0:
        raise click.ClickException("pybabel " + " ".join(args[:1]) + " failed")


@translate.command("extract")
def translate_extract() -> None:
    """Collect every translatable string into translations/messages.pot."""
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "lazy_ngettext:1,2",
        "-c",
        "i18n:",
        "--no-location",
        "--sort-output",
        "-w",
        "100",
        "-o",
        str(POT),
        ".",
    )


@translate.command("update")
def translate_update() -> None:
    """Extract, then merge new strings into every language's messages.po."""
    translate_extract.callback()
    _pybabel(
        "update",
        "-i",
        str(POT),
        "-d",
        str(TRANSLATIONS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
        "-w",
        "100",
    )


@translate.command("compile")
def translate_compile() -> None:
    """Compile messages.po files into the .mo files the app reads."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


pvenet_cli = AppGroup("pvenet", help="Administration of this pvenet installation.")


@pvenet_cli.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option()
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator account (the first one on a new installation)."""
    from .auth.services import AccountError
    from .auth.services import create_admin as _create

    try:
        user = _create(email, name, password)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"Administrator {user.email} created.")


@pvenet_cli.command("seed-demo")
def seed_demo() -> None:
    """Load the demo data set (refuses when the database already has data)."""
    from .demo import DemoError, seed

    try:
        accounts = seed(progress=click.echo)
    except DemoError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo("Demo data loaded. Accounts:")
    for email, password, what in accounts:
        click.echo(f"  {email:<28} {password:<18} {what}")


@pvenet_cli.command("demo-accounts")
def demo_accounts() -> None:
    """Print the demo accounts (for `make run`)."""
    from .demo import DEMO_PASSWORD, demo_account_list

    accounts = demo_account_list()
    if not accounts:
        click.echo("No demo accounts in this database.")
        return
    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for email, what in accounts:
        click.echo(f"  {email:<28} {what}")


@pvenet_cli.command("is-empty")
def is_empty() -> None:
    """Exit 0 when the database has no member states yet, 1 otherwise."""
    from .states.services import all_states

    sys.exit(0 if not all_states() else 1)


@pvenet_cli.command("send-mail")
def send_mail() -> None:
    """Send the e-mail waiting in the outbox now."""
    from . import clock
    from .mail.services import send_pending

    sent, failed = send_pending(clock.utcnow_naive(), limit=1000)
    click.echo(f"{sent} sent, {failed} failed.")


scheduler_cli = AppGroup("scheduler", help="The job scheduler.")


@scheduler_cli.command("run")
def scheduler_run() -> None:
    """Run the scheduler in the foreground (production: one such process)."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    from .scheduler import JOBS, configure

    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    scheduler = BlockingScheduler(timezone="UTC")
    configure(scheduler, app)
    click.echo(
        f"Scheduler running with {len(JOBS)} jobs: {', '.join(sorted(JOBS))}. Stop with Ctrl+C."
    )
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        time.sleep(0)


backup_cli = AppGroup("backup", help="Back up and restore the database and attachments.")


@backup_cli.command("create")
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("backups"),
    show_default=True,
    help="Folder for the archive.",
)
def backup_create(output: Path) -> None:
    """Write a backup archive (database, attachments, manifest with checksums)."""
    from . import clock
    from .backup import BackupError, create_backup

    try:
        archive = create_backup(
            output, Path(current_app.config["UPLOAD_FOLDER"]), clock.now(), progress=click.echo
        )
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Backup written to {archive}")


@backup_cli.command("restore")
@click.argument("archive", type=click.Path(dir_okay=False, path_type=Path))
def backup_restore(archive: Path) -> None:
    """Restore ARCHIVE into this empty instance and check it row by row count."""
    from .backup import BackupError, restore_backup

    try:
        counts = restore_backup(
            archive, Path(current_app.config["UPLOAD_FOLDER"]), progress=click.echo
        )
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Restored {sum(counts.values())} rows in {len(counts)} tables.")


def register_commands(app: Flask) -> None:
    app.cli.add_command(translate)
    app.cli.add_command(pvenet_cli)
    app.cli.add_command(scheduler_cli)
    app.cli.add_command(backup_cli)
