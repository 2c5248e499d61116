"""APScheduler wiring: which jobs exist, and where the scheduler runs.

Features add their jobs with :func:`job`; every job receives the Flask app, pushes an
app context, does idempotent work and commits itself (STYLE C7). The scheduler runs in
the web process in development (``PVENET_SCHEDULER_MODE=process``) and alone under
``flask scheduler run`` in production; tests never start it.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from flask import Flask

log = logging.getLogger(__name__)


@dataclass
class JobSpec:
    id: str
    func: Callable[[Flask], Any]
    trigger: str
    trigger_args: dict[str, Any] = field(default_factory=dict)


JOBS: dict[str, JobSpec] = {}
#: Functions called with (app, scheduler) after the jobs are added, e.g. to schedule
#: one-off jobs at handover instants read from the database.
STARTUP_HOOKS: list[Callable[[Flask, BaseScheduler], None]] = []


def job(id: str, trigger: str, **trigger_args: Any) -> Callable[[Callable], Callable]:
    """Register ``func(app)`` as a scheduled job."""

    def decorator(func: Callable[[Flask], Any]) -> Callable[[Flask], Any]:
        JOBS[id] = JobSpec(id, func, trigger, trigger_args)
        return func

    return decorator


def configure(scheduler: BaseScheduler, app: Flask) -> None:
    for spec in JOBS.values():
        scheduler.add_job(
            spec.func,
            spec.trigger,
            args=[app],
            id=spec.id,
            replace_existing=True,
            # A run missed while the process was down is run late, once, not skipped.
            misfire_grace_time=None,
            coalesce=True,
            max_instances=1,
            **spec.trigger_args,
        )
    for hook in STARTUP_HOOKS:
        hook(app, scheduler)


def start_in_process(app: Flask) -> None:
    """Start a background scheduler with the first request this process serves.

    Starting it with the first request, not in the factory, keeps CLI commands such as
    ``flask db upgrade`` from running jobs. Only when ``SCHEDULER_MODE`` is "process".
    """
    if app.config.get("TESTING") or app.config.get("SCHEDULER_MODE") != "process":
        return
    lock = threading.Lock()

    @app.before_request
    def _start_scheduler_once() -> None:
        if "pvenet.scheduler" in app.extensions:
            return
        with lock:
            if "pvenet.scheduler" not in app.extensions:
                app.extensions["pvenet.scheduler"] = _start_background(app)


def _start_background(app: Flask) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone="UTC")
    configure(scheduler, app)
    scheduler.start()
    atexit.register(lambda: scheduler.shutdown(wait=False))
    log.info("scheduler started in the web process with %d jobs", len(JOBS))
    return scheduler
