"""The bounded load test behind ``make load`` (not part of ``make test``).

It serves the app as production does (gunicorn, sync workers, PostgreSQL) on 127.0.0.1 and
lets 50 simulated people use it at once for a bounded time (default 150 s):

- visitors browse and search the library (pages, facets, full-text search in Russian and
  English, practice pages, the JSON API, the Atom feed);
- focal points log in through the real login form (some mistype their password first),
  create practices through the real form and submit them for review (CSRF tokens taken
  from the forms, as a browser does);
- reviewers (admins) open the review queue and approve or return what is waiting.

Afterwards it checks that nothing failed and nothing was lost: no 5xx and no failed
request; every practice a focal point saw created exists with its title and the status its
last decision gave it; every approval and return is recorded; the audit log holds exactly
one event per login, failed login, creation, submission and decision. The figures go to
``bench/load-results.json`` and to ``bench/RESULTS.md`` between ``<!-- load:start -->`` and
``<!-- load:end -->`` (the rest of that file belongs to ``make bench``).

It uses a database of its own, ``pvenet_load``, created (and first dropped) on the local
PostgreSQL server. Run ``python bench/load.py --help`` for the options.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (bench/run.py: the benchmark's server helpers)

DB_NAME = "pvenet_load"
TAG = "load"  # bench/.work/load-0/: instance folder and gunicorn log
PASSWORD = "load-test-password-2026"  # nosec B105  (accounts of a throw-away database)
DOMAIN = "load.pvenet.org"
MARK_START, MARK_END = "<!-- load:start -->", "<!-- load:end -->"

#: Configuration this run changes, and why. Every simulated person connects from
#: 127.0.0.1, so the per-address login throttle (20 failures in 15 minutes) would start
#: refusing everybody's correct password once 20 of them had mistyped theirs. In
#: production each person has an address of their own; the per-account limit stays on.
OVERRIDES = {"PVENET_LOGIN_MAX_FAILURES_PER_ADDRESS": "100000"}

SEARCH_TERMS = [
    "молодёжь",
    "радикализация",
    "тюрьмы",
    "религиозные лидеры",
    "youth",
    "prison",
    "online",
    "women",
    "community policing",
    "образование",
]
FILTERS = ["state=KZ", "state=UZ&type=guidance", "topic=youth", "language=ru", "year=2023"]
CSRF = re.compile(r'name="(?:(\w+)-)?csrf_token" type="hidden" value="([^"]+)"')
PRACTICE_LINK = re.compile(r'href="/library/(\d+)"')
REVIEW_LINK = re.compile(r'href="/library/(\d+)/review"')


# ----------------------------------------------------------------------------- recording


@dataclass
class Recorder:
    """Every request's kind, time and outcome, shared by the simulated people."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[str] = field(default_factory=list)
    created: dict[int, str] = field(default_factory=dict)  # practice id → title
    submitted: set[int] = field(default_factory=set)
    decided: dict[int, str] = field(default_factory=dict)  # practice id → approved/returned
    conflicts: int = 0  # a reviewer found the submission already decided by another
    logins: int = 0
    failed_logins: int = 0

    def add(self, kind: str, seconds: float, status: int | None, error: str | None) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            self.statuses[kind][status or "no answer"] += 1
            if error:
                self.errors.append(f"{kind}: {error}")


class Person(threading.Thread):
    """One simulated person with a browser-like session (cookies, CSRF tokens)."""

    def __init__(self, base: str, rec: Recorder, deadline: float, seed: int) -> None:
        super().__init__(daemon=True)
        self.base, self.rec, self.deadline = base, rec, deadline
        self.rnd = random.Random(seed)
        self.http = requests.Session()
        self.http.headers["User-Agent"] = "pvenet-load"

    def call(
        self, kind: str, method: str, path: str, expect: tuple[int, ...] = (200,), **kw: Any
    ) -> requests.Response | None:
        start = time.perf_counter()
        try:
            res = self.http.request(
                method, self.base + path, allow_redirects=False, timeout=60, **kw
            )
        except requests.RequestException as exc:
            self.rec.add(kind, time.perf_counter() - start, None, f"{method} {path}: {exc}")
            return None
        # The app runs with production settings, whose cookies are Secure; loopback HTTP
        # stands in for the TLS a reverse proxy would terminate, so send them back anyway.
        for cookie in self.http.cookies:
            cookie.secure = False
        error = None
        if res.status_code not in expect:
            error = f"{method} {path}: {res.status_code} (expected {expect})"
        self.rec.add(kind, time.perf_counter() - start, res.status_code, error)
        return res if error is None else None

    def think(self) -> None:
        time.sleep(self.rnd.uniform(0.3, 1.2))

    def csrf(self, html: str, prefix: str | None = None) -> str | None:
        for found_prefix, token in CSRF.findall(html):
            if (found_prefix or None) == prefix:
                return token
        return None

    def login(self, email: str) -> bool:
        page = self.call("login_page", "GET", "/auth/login")
        if page is None:
            return False
        token = self.csrf(page.text)
        if self.rnd.random() < 0.5:  # a typo first, as people do
            res = self.call(
                "login_failed",
                "POST",
                "/auth/login",
                expect=(401,),
                data={"email": email, "password": PASSWORD + "x", "csrf_token": token},
            )
            if res is not None:
                with self.rec.lock:
                    self.rec.failed_logins += 1
        res = self.call(
            "login",
            "POST",
            "/auth/login",
            expect=(302,),
            data={"email": email, "password": PASSWORD, "csrf_token": token},
        )
        if res is None:
            return False
        with self.rec.lock:
            self.rec.logins += 1
        return True

    def running(self) -> bool:
        return time.monotonic() < self.deadline


class Visitor(Person):
    def run(self) -> None:
        ids: list[str] = []
        while self.running():
            action = self.rnd.choices(
                ["home", "library", "search", "facets", "practice", "api", "api_search", "feed"],
                weights=[2, 3, 5, 2, 4, 2, 1, 1],
            )[0]
            if action == "home":
                self.call("home", "GET", "/")
            elif action == "library":
                res = self.call("library", "GET", "/library/")
                if res is not None:
                    ids = PRACTICE_LINK.findall(res.text) or ids
            elif action == "search":
                term = self.rnd.choice(SEARCH_TERMS)
                res = self.call("search", "GET", "/library/", params={"q": term})
                if res is not None:
                    ids = PRACTICE_LINK.findall(res.text) or ids
            elif action == "facets":
                self.call("facets", "GET", "/library/?" + self.rnd.choice(FILTERS))
            elif action == "practice" and ids:
                self.call("practice", "GET", f"/library/{self.rnd.choice(ids)}")
            elif action == "api":
                self.call("api_list", "GET", "/api/v1/practices", params={"per_page": 20})
            elif action == "api_search":
                term = self.rnd.choice(SEARCH_TERMS)
                self.call("api_search", "GET", "/api/v1/practices", params={"q": term})
            elif action == "feed":
                self.call("feed", "GET", "/library/feed.atom")
            self.think()


class FocalPoint(Person):
    def __init__(self, email: str, state: str, number: int, **kw: Any) -> None:
        super().__init__(**kw)
        self.email, self.state, self.number = email, state, number

    def run(self) -> None:
        if not self.login(self.email):
            return
        n = 0
        while self.running():
            n += 1
            self.create_and_submit(n)
            if self.rnd.random() < 0.3:
                self.call("workspace", "GET", "/library/workspace")
            self.think()

    def create_and_submit(self, n: int) -> None:
        form = self.call("new_form", "GET", "/library/new")
        if form is None:
            return
        title = f"Load {self.number}-{n}: диалог с молодёжью {self.state}"
        res = self.call(
            "create",
            "POST",
            "/library/new",
            expect=(302,),
            data={
                "csrf_token": self.csrf(form.text),
                "state": self.state,
                "type": self.rnd.choice(["programme", "guidance", "research", "policy"]),
                "year": str(self.rnd.randint(2015, 2025)),
                "original_language": "ru",
                "title_ru": title,
                "summary_ru": "Встречи молодёжи с местными властями и религиозными лидерами.",
                "body_ru": "## Как это работает\n\nРаз в месяц в каждом районе.\n\n"
                + "Участники обсуждают вопросы доверия и профилактики. " * 20,
                "topics": self.rnd.sample(["youth", "community", "education"], 2),
                "visibility": "public",
            },
        )
        match = re.search(r"/library/(\d+)$", res.headers.get("Location", "")) if res else None
        if match is None:
            if res is not None:
                self.rec.add("create", 0.0, None, "create: no practice id in the redirect")
            return
        practice_id = int(match.group(1))
        with self.rec.lock:
            self.rec.created[practice_id] = title
        self.call("practice_own", "GET", f"/library/{practice_id}")
        page = self.call("submit_form", "GET", f"/library/{practice_id}/submit")
        if page is None:
            return
        res = self.call(
            "submit",
            "POST",
            f"/library/{practice_id}/submit",
            expect=(302,),
            data={"csrf_token": self.csrf(page.text), "body": "Просим рассмотреть."},
        )
        if res is not None:
            with self.rec.lock:
                self.rec.submitted.add(practice_id)


class Reviewer(Person):
    def __init__(self, email: str, **kw: Any) -> None:
        super().__init__(**kw)
        self.email = email

    def run(self) -> None:
        if not self.login(self.email):
            return
        while self.running():
            queue = self.call("review_queue", "GET", "/library/review")
            waiting = REVIEW_LINK.findall(queue.text) if queue is not None else []
            if waiting:
                self.decide(int(self.rnd.choice(waiting[:10])))
            self.think()

    def decide(self, practice_id: int) -> None:
        page = self.call("review_page", "GET", f"/library/{practice_id}/review")
        token = self.csrf(page.text, "decision") if page is not None else None
        if token is None:  # decided by another reviewer meanwhile: no decision form
            with self.rec.lock:
                self.rec.conflicts += 1
            return
        action = "approve" if self.rnd.random() < 0.8 else "return"
        res = self.call(
            action,
            "POST",
            f"/library/{practice_id}/{action}",
            expect=(302,),
            data={
                "decision-csrf_token": token,
                "decision-body": "" if action == "approve" else "Добавьте, пожалуйста, итоги.",
            },
        )
        if res is None:
            return
        after = self.call("review_page", "GET", res.headers["Location"])
        if after is None:
            return
        done = "has been approved" if action == "approve" else "has been returned"
        with self.rec.lock:
            if done in after.text:
                self.rec.decided[practice_id] = "approved" if action == "approve" else "returned"
            else:  # another reviewer decided first; the page says so
                self.rec.conflicts += 1


# ----------------------------------------------------------------------------- the run


def database_url() -> str:
    base = bench.PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    return f"{base}/{DB_NAME}"


def environment() -> dict[str, str]:
    """bench/run.py's production-like environment, on this run's database."""
    env = bench.env_for("postgresql", 0)
    env.update(
        PVENET_DATABASE_URL=database_url(),
        PVENET_INSTANCE_PATH=str(bench.WORK / f"{TAG}-0"),
        **OVERRIDES,
    )
    return env


def create_database() -> None:
    import psycopg

    (bench.WORK / f"{TAG}-0").mkdir(parents=True, exist_ok=True)
    with psycopg.connect(bench.PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def migrate_and_seed_demo(env: dict[str, str]) -> None:
    flask = str(bench.VENV_BIN / "flask")
    for args in (["db", "upgrade"], ["pvenet", "seed-demo"]):
        subprocess.run(
            [flask, "--app", "pvenet", *args],
            env=env,
            cwd=bench.ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def app_for(env: dict[str, str]):
    os.environ.update(env)
    from pvenet import create_app

    return create_app()


def seed_people(app, focal_points: int, reviewers: int) -> tuple[list, list]:
    """Accounts for the simulated people (one Argon2 hash for all: it is slow on purpose)."""
    from pvenet.auth.models import Role, User
    from pvenet.auth.passwords import hash_password
    from pvenet.extensions import db
    from pvenet.states.services import all_states

    with app.app_context():
        states = [s for s in all_states() if s.is_active]
        digest = hash_password(PASSWORD)
        fps, revs = [], []
        for i in range(focal_points):
            state = states[i % len(states)]
            email = f"fp{i + 1}@{DOMAIN}"
            db.session.add(
                User(
                    email=email,
                    name=f"Load FP {i + 1}",
                    role=Role.focal_point,
                    state=state,
                    password_hash=digest,
                )
            )
            fps.append((email, state.code))
        for i in range(reviewers):
            email = f"reviewer{i + 1}@{DOMAIN}"
            db.session.add(
                User(
                    email=email,
                    name=f"Load reviewer {i + 1}",
                    role=Role.admin,
                    password_hash=digest,
                )
            )
            revs.append(email)
        db.session.commit()
    return fps, revs


def audit_counts(app) -> Counter:
    from sqlalchemy import func, select

    from pvenet.audit.models import AuditEvent
    from pvenet.extensions import db

    with app.app_context():
        rows = db.session.execute(
            select(AuditEvent.action, func.count()).group_by(AuditEvent.action)
        )
        counts = Counter({action: n for action, n in rows})
        db.session.remove()
    return counts


def verify(app, rec: Recorder, before: Counter) -> list[tuple[str, bool, str]]:
    """Nothing lost: the database agrees with what every simulated person was told."""
    from sqlalchemy import select

    from pvenet.audit.models import AuditEvent
    from pvenet.extensions import db
    from pvenet.library.models import Practice

    checks: list[tuple[str, bool, str]] = []
    with app.app_context():
        rows = db.session.scalars(select(Practice).where(Practice.id.in_(list(rec.created))))
        found = {p.id: p for p in rows}
        missing = sorted(set(rec.created) - set(found))
        checks.append(
            (
                "every practice reported created exists",
                not missing,
                f"{len(found)} of {len(rec.created)}"
                + (f"; missing {missing[:10]}" if missing else ""),
            )
        )
        wrong_title = [
            i for i, p in found.items() if rec.created[i] not in {t.title for t in p.texts}
        ]
        checks.append(
            ("each with the title it was given", not wrong_title, f"{len(wrong_title)} differ")
        )
        expected = {}
        for i in rec.created:
            expected[i] = {"approved": "published", "returned": "returned"}.get(
                rec.decided.get(i, ""), "submitted" if i in rec.submitted else "draft"
            )
        wrong_status = {
            i: (found[i].status.value, want)
            for i, want in expected.items()
            if i in found and found[i].status.value != want
        }
        checks.append(
            (
                "each in the status its last reported step gave it",
                not wrong_status,
                ", ".join(f"{k}: {v}" for k, v in Counter(expected.values()).most_common())
                + (f"; wrong {list(wrong_status.items())[:5]}" if wrong_status else ""),
            )
        )
        decided_events = Counter(
            (action, int(object_id))
            for action, object_id in db.session.execute(
                select(AuditEvent.action, AuditEvent.object_id).where(
                    AuditEvent.action.in_(["practice.approved", "practice.returned"]),
                    AuditEvent.object_type == "practices",
                )
            )
            if object_id and object_id.isdigit()
        )
        unrecorded = [
            i for i, what in rec.decided.items() if decided_events[(f"practice.{what}", i)] != 1
        ]
        checks.append(
            (
                "every approval and return recorded once in the audit log",
                not unrecorded,
                f"{sum(1 for v in rec.decided.values() if v == 'approved')} approved, "
                f"{sum(1 for v in rec.decided.values() if v == 'returned')} returned"
                + (f"; not recorded once: {unrecorded[:10]}" if unrecorded else ""),
            )
        )
        db.session.remove()
    after = audit_counts(app)
    delta = {k: after[k] - before[k] for k in after}
    wanted = {
        "auth.login": rec.logins,
        "auth.login_failed": rec.failed_logins,
        "practice.created": len(rec.created),
        "practice.submitted": len(rec.submitted),
        "practice.approved": sum(1 for v in rec.decided.values() if v == "approved"),
        "practice.returned": sum(1 for v in rec.decided.values() if v == "returned"),
    }
    off = {k: (delta.get(k, 0), v) for k, v in wanted.items() if delta.get(k, 0) != v}
    checks.append(
        (
            "audit events: one per login, failed login, creation, submission, decision",
            not off,
            ", ".join(f"{k} {delta.get(k, 0)}" for k in wanted)
            + (f"; expected {off}" if off else ""),
        )
    )
    return checks


def percentile(values: list[float], q: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def summarise(rec: Recorder, seconds: float) -> dict[str, dict[str, Any]]:
    out = {}
    for kind in sorted(rec.times):
        times = rec.times[kind]
        statuses = rec.statuses[kind]
        out[kind] = {
            "requests": len(times),
            "rps": len(times) / seconds,
            "p50_ms": percentile(times, 50),
            "p95_ms": percentile(times, 95),
            "p99_ms": percentile(times, 99),
            "max_ms": max(times) * 1000 if times else 0.0,
            "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
        }
    return out


def server_side(log: Path) -> dict[str, Any]:
    """The app's own request log (JSON lines in production): how many requests it answered,
    how long it worked on them (without the time they waited for a free worker), how many
    5xx it sent, and tracebacks or worker timeouts in the log."""
    text = log.read_text(errors="replace") if log.exists() else ""
    lines = []
    for line in text.splitlines():
        if line.startswith("{"):
            try:
                lines.append(json.loads(line))
            except ValueError:
                continue
    times = [x["duration_ms"] / 1000 for x in lines if "duration_ms" in x]
    return {
        "requests": len(times),
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "p99_ms": percentile(times, 99),
        "status_5xx": sum(1 for x in lines if int(x.get("status", 0)) >= 500),
        "tracebacks": text.count("Traceback")
        + len(re.findall(r"\[CRITICAL\]|WORKER TIMEOUT", text)),
    }


def write_results(data: dict[str, Any]) -> None:
    server = data["server"]
    (bench.BENCH / "load-results.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    )
    people = data["people"]
    lines = [
        MARK_START,
        "## Load test (`make load`)",
        "",
        f"Generated by `make load` on {data['generated']}: {sum(people.values())} simulated "
        f"people at once ({people['visitors']} visitors browsing and searching, "
        f"{people['focal_points']} focal points creating and submitting practices through "
        f"the forms, {people['reviewers']} reviewers approving or returning them) for "
        f"{data['duration_s']:.0f} s against gunicorn ({data['workers']} sync workers) and "
        f"PostgreSQL on 127.0.0.1, on a 2-core machine shared with the load generator "
        f"(1-minute load average {data['load_average_1min']['before']:.1f} before the run, "
        f"{data['load_average_1min']['after']:.1f} after: other work shared the cores). "
        f"Think time 0.3–1.2 s between a person's steps. Raw figures: "
        "`bench/load-results.json`.",
        "",
        f"**{data['requests']:,} requests, {data['rps']:.1f} req/s, "
        f"{data['errors']} errors** (5xx, unexpected status or no answer). The app's own "
        f"request log: {server['requests']:,} requests answered, {server['status_5xx']} "
        f"with 5xx, {server['tracebacks']} tracebacks or worker timeouts; time spent in the "
        f"app p50 {server['p50_ms']:.0f} ms, p95 {server['p95_ms']:.0f} ms, p99 "
        f"{server['p99_ms']:.0f} ms (the times below also hold the wait for a free worker). "
        f"Reviewers who found a submission already decided by another: {data['conflicts']}.",
        "",
        "| request | count | req/s | p50 ms | p95 ms | p99 ms | max ms | statuses |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for kind, r in data["kinds"].items():
        statuses = ", ".join(f"{k}×{v}" for k, v in r["statuses"].items())
        lines.append(
            f"| {kind} | {r['requests']} | {r['rps']:.1f} | {r['p50_ms']:.0f} | "
            f"{r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {r['max_ms']:.0f} | {statuses} |"
        )
    lines += [
        "",
        "Integrity after the run:",
        "",
        "| check | result | detail |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| {c['check']} | {'PASS' if c['ok'] else 'FAIL'} | {c['detail']} |"
        for c in data["checks"]
    ]
    lines += [
        "",
        "Configuration changed for the run: "
        + "; ".join(f"`{k}={v}`" for k, v in data["overrides"].items())
        + " (every simulated person logs in from 127.0.0.1; the per-account limit stays on).",
        MARK_END,
    ]
    section = "\n".join(lines)
    results = bench.BENCH / "RESULTS.md"
    text = results.read_text() if results.exists() else ""
    if MARK_START in text and MARK_END in text:
        head, rest = text.split(MARK_START, 1)
        tail = rest.split(MARK_END, 1)[1]
        text = head + section + tail
    else:
        text = (text.rstrip() + "\n\n" if text.strip() else "") + section + "\n"
    results.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=150, help="seconds (at most 180)")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds to start everyone")
    parser.add_argument("--no-write", action="store_true", help="print, do not write results")
    args = parser.parse_args()
    duration = min(args.duration, 180)
    if not bench.pg_available():
        raise SystemExit("PostgreSQL does not answer on 127.0.0.1:5432; the load test needs it.")
    reviewers = max(1, args.users // 10)
    focal_points = max(1, args.users * 3 // 10)
    visitors = max(0, args.users - reviewers - focal_points)
    print(f"database {DB_NAME}: create, migrate, seed the demo data", flush=True)
    create_database()
    env = environment()
    migrate_and_seed_demo(env)
    app = app_for(env)
    fps, revs = seed_people(app, focal_points, reviewers)
    before = audit_counts(app)
    port = bench.free_port()
    saved_env_for = bench.env_for
    bench.env_for = lambda backend, size: env  # start_server's environment: this run's
    try:
        server = bench.start_server(TAG, 0, port, args.workers)
    finally:
        bench.env_for = saved_env_for
    rec = Recorder()
    load_before = os.getloadavg()[0]
    base = f"http://127.0.0.1:{port}"
    print(
        f"{visitors} visitors, {focal_points} focal points, {reviewers} reviewers "
        f"for {duration} s on {base} ({args.workers} workers)",
        flush=True,
    )
    try:
        start = time.monotonic()
        deadline = start + duration
        people: list[Person] = []
        for i, (email, state) in enumerate(fps):
            people.append(
                FocalPoint(email, state, i + 1, base=base, rec=rec, deadline=deadline, seed=i)
            )
        for i, email in enumerate(revs):
            people.append(Reviewer(email, base=base, rec=rec, deadline=deadline, seed=100 + i))
        for i in range(visitors):
            people.append(Visitor(base, rec, deadline, seed=1000 + i))
        random.Random(0).shuffle(people)
        for person in people:
            person.start()
            time.sleep(args.ramp / len(people))
        for person in people:
            person.join(timeout=max(1.0, deadline - time.monotonic() + 90))
        elapsed = time.monotonic() - start
        rss = bench.worker_rss_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    checks = verify(app, rec, before)
    kinds = summarise(rec, elapsed)
    total = sum(k["requests"] for k in kinds.values())
    answered = total - sum(k["statuses"].get("no answer", 0) for k in kinds.values())
    logged = server_side(bench.WORK / f"{TAG}-0" / "gunicorn.log")["requests"]
    checks.append(
        (
            "every answered request is in the app's own request log",
            logged == answered,
            f"{logged} logged, {answered} answered",
        )
    )
    data = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "people": {"visitors": visitors, "focal_points": focal_points, "reviewers": reviewers},
        "duration_s": elapsed,
        "workers": args.workers,
        "requests": total,
        "rps": total / elapsed,
        "errors": len(rec.errors),
        "error_samples": rec.errors[:20],
        "server": server_side(bench.WORK / f"{TAG}-0" / "gunicorn.log"),
        "conflicts": rec.conflicts,
        "worker_peak_rss_mb": rss,
        "load_average_1min": {"before": load_before, "after": os.getloadavg()[0]},
        "kinds": kinds,
        "checks": [{"check": c, "ok": ok, "detail": d} for c, ok, d in checks],
        "overrides": OVERRIDES,
    }
    server = data["server"]
    ok = (
        not rec.errors
        and not server["status_5xx"]
        and not server["tracebacks"]
        and all(ok for _c, ok, _d in checks)
    )
    data["ok"] = ok
    for kind, r in kinds.items():
        print(
            f"  {kind:<14} {r['requests']:>6}  p50 {r['p50_ms']:6.0f}  p95 {r['p95_ms']:6.0f}"
            f"  p99 {r['p99_ms']:6.0f} ms  {r['statuses']}"
        )
    print(
        f"{total} requests in {elapsed:.0f} s ({total / elapsed:.1f} req/s), "
        f"{len(rec.errors)} errors"
    )
    for sample in rec.errors[:10]:
        print("  error:", sample)
    for c, passed, d in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {c}  ({d})")
    if not args.no_write:
        write_results(data)
        print(f"Written {bench.BENCH / 'RESULTS.md'} (load section) and load-results.json")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
