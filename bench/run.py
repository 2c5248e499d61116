"""The performance benchmark behind ``make bench`` (not part of ``make test``).

For each database backend (SQLite always; PostgreSQL when one answers on 127.0.0.1) and
each size (default 100,000 practices, plus 10,000 for the scaling figure) it:

1. builds a fresh database with the migrations and seeds it (``bench/seed.py``), timing it;
2. serves the app with gunicorn (sync workers, as in production) on 127.0.0.1, both sizes
   of a backend at once;
3. drives every endpoint with wrk for a bounded time at a fixed concurrency, as a visitor
   and as a logged-in focal point, on each size in turn before the next endpoint;
4. reads the peak resident memory of each worker;
5. writes ``bench/RESULTS.md`` (tables and target checks) and ``bench/results.json``.

Run ``python bench/run.py --help`` for the options.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / ".work"
VENV_BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("PVENET_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")

# name, path (may hold {id} / {q_*}), who: "visitor" or "focal_point"
ENDPOINTS: list[tuple[str, str]] = [
    ("healthz", "/healthz"),
    ("home", "/"),
    ("library", "/library/"),
    ("library_2_facets", "/library/?state=KZ&type=guidance"),
    ("search_ru_common", "/library/?q=молодёжь"),
    ("search_ru_rare", "/library/?q={q_ru_rare}"),
    ("search_en_common", "/library/?q=youth"),
    ("search_en_rare", "/library/?q={q_en_rare}"),
    ("practice", "/library/{id}"),
    ("timeline", "/rotation/"),
    ("api_practices", "/api/v1/practices"),
    ("atom", "/library/feed.atom"),
    ("calendar", "/calendar/rotation.ics"),
]
WHO = ("visitor", "focal_point")
#: Endpoints of features built on other branches: a 404 there means "absent in this build".
OPTIONAL = {"timeline", "calendar"}

TARGETS = {
    "min_ratio_to_healthz": 0.25,
    "max_search_listing_p95_ms": 50.0,
    "max_p95_growth_10k_to_100k": 2.0,
    "max_worker_rss_mb": 150.0,
    "max_seed_seconds_100k": 180.0,
}


@dataclass
class Run:
    backend: str
    size: int
    seed_seconds: float = 0.0
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    worker_rss_mb: list[float] = field(default_factory=list)
    worker_rss_now_mb: list[float] = field(default_factory=list)
    load_start: float = 0.0
    load_end: float = 0.0
    #: endpoint -> median wall ms of one request with the page cache off (bench/cpu.py)
    uncached_ms: dict[str, float] = field(default_factory=dict)


def ensure_wrk() -> None:
    """Find wrk, or install it from Debian when running as root (CI machines, containers)."""
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: installing it with apt-get (Debian package wrk)", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False)
        if shutil.which("wrk") is None:
            subprocess.run(["apt-get", "update", "-q"], check=False)
            subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: run `sudo apt-get install wrk` (Debian/Ubuntu)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_available() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN_URL, connect_timeout=3).close()
        return True
    except Exception:
        return False


def database_url(backend: str, size: int) -> str:
    if backend == "sqlite":
        return f"sqlite:///{WORK / f'sqlite-{size}' / 'bench.sqlite3'}"
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    return f"{base}/pvenet_bench_{size}"


def prepare_database(backend: str, size: int) -> None:
    folder = WORK / f"{backend}-{size}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    if backend == "postgresql":
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "pvenet_bench_{size}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "pvenet_bench_{size}"')


def env_for(backend: str, size: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PVENET_DATABASE_URL=database_url(backend, size),
        PVENET_SECRET_KEY="bench-secret-key-not-for-production",
        PVENET_SCHEDULER_MODE="off",
        PVENET_ENV="production",
        PVENET_INSTANCE_PATH=str(WORK / f"{backend}-{size}"),
        PVENET_MAIL_BACKEND="log",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def seed(backend: str, size: int) -> float:
    """Migrate and seed in a child process (its own app); returns the seeding seconds."""
    env = env_for(backend, size)
    subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "pvenet", "db", "upgrade"],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    out = subprocess.run(
        [str(VENV_BIN / "python"), str(BENCH / "seed.py"), str(size)],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    return float(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])


def start_server(backend: str, size: int, port: int, workers: int) -> subprocess.Popen:
    log = (WORK / f"{backend}-{size}" / "gunicorn.log").open("w")
    proc = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "pvenet:create_app()",
        ],
        env=env_for(backend, size),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return proc
        except Exception:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"gunicorn did not answer; see {log.name}")


def uncached(backend: str, size: int) -> dict[str, float]:
    """Each endpoint's median wall time, one request at a time, with the page cache off:
    what the first reader after a change waits for, and the figure that shows whether a
    page scans (it would grow with the number of practices)."""
    out = subprocess.run(
        [
            str(VENV_BIN / "python"),
            str(BENCH / "cpu.py"),
            str(WORK / f"{backend}-{size}"),
            "--database",
            database_url(backend, size),
            "--wall",
            "--repeat",
            "9",
        ],
        env=env_for(backend, size),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    out = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        out[name.strip()] = rest.split(";", 1)[0]
    return out


def login_cookie(port: int, email: str, password: str) -> str:
    """Log the focal point in; returns the Cookie header of the session.

    The production cookies are ``Secure``, which a cookie jar would not send over plain
    HTTP on 127.0.0.1, so the cookies are carried by hand.
    """
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/auth/login")
    res = conn.getresponse()
    page = res.read().decode()
    cookies = _cookies(res)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token})
    conn.request(
        "POST",
        "/auth/login",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": _cookie_header(cookies),
            "Referer": f"http://127.0.0.1:{port}/auth/login",
        },
    )
    res = conn.getresponse()
    res.read()
    cookies.update(_cookies(res))
    if res.status != 302 or "session" not in cookies:
        conn.close()
        raise SystemExit(f"could not log in the benchmark focal point (HTTP {res.status})")
    # Follow the redirect as a browser does and keep the cookie it sets: the first page
    # after login stores the session's CSRF token. A cookie without it would make every
    # measured request store a new one (a Set-Cookie per request no browser would cause).
    conn.request("GET", "/", headers={"Cookie": _cookie_header(cookies)})
    res = conn.getresponse()
    res.read()
    cookies.update(_cookies(res))
    conn.close()
    return _cookie_header(cookies)


def wrk(url: str, duration: int, connections: int, cookie: str | None) -> dict[str, Any]:
    cmd = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH / "report.lua"),
    ]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def worker_rss_mb(master_pid: int, field: str = "VmHWM") -> list[float]:
    """Peak (VmHWM) or current (VmRSS) resident set of each gunicorn worker, in MB."""
    result = []
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            status = (pid_dir / "status").read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", status, re.M):
            m = re.search(rf"^{field}:\s+(\d+) kB", status, re.M)
            if m:
                result.append(int(m.group(1)) / 1024)
    return sorted(result)


def fill(path: str, facts: dict[str, Any]) -> str:
    """The path with the facts filled in, percent-encoded (wrk and HTTP want ASCII)."""
    filled = path.format(**{k: str(v) for k, v in facts.items()})
    return urllib.parse.quote(filled, safe="/?=&:")


def probe(url: str, cookie: str | None) -> int:
    """The status of one request (no redirect followed)."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    res = conn.getresponse()
    res.read()
    conn.close()
    return res.status


def measure(
    runs: list[Run],
    ports: list[int],
    duration: int,
    connections: int,
    facts: list[dict[str, Any]],
    cookies: list[str],
) -> None:
    """Drive every endpoint with wrk, on each size's server in turn before the next
    endpoint: the figures of 10,000 and 100,000 practices that the growth check compares
    are taken within seconds of each other, so a shared machine's drift (its speed moves
    by a fifth over a quarter of an hour) does not pass for growth."""
    for who in WHO:
        for name, path in ENDPOINTS:
            for run, port, run_facts, cookie in zip(runs, ports, facts, cookies, strict=True):
                url = f"http://127.0.0.1:{port}" + fill(path, run_facts)
                who_cookie = cookie if who == "focal_point" else None
                status = probe(url, who_cookie)
                if status == 404 and name in OPTIONAL:
                    # A feature built on another branch: not a failure of this build.
                    run.results[f"{name}:{who}"] = {"absent": True, "status": 404}
                    print(f"  {run.backend:>10} {run.size:>7} {who:<11} {name:<18} absent (404)")
                    continue
                load = os.getloadavg()[0]
                res = wrk(url, duration, connections, who_cookie)
                res["status"] = status
                res["load1"] = round(load, 2)
                run.results[f"{name}:{who}"] = res
                print(
                    f"  {run.backend:>10} {run.size:>7} {who:<11} {name:<18} "
                    f"{res['rps']:>8.0f} req/s  p95 {res['p95_ms']:6.1f} ms  load {load:4.1f}"
                    f"{'  ERRORS ' + str(res['errors']) if res['errors'] else ''}"
                    f"{'  HTTP ' + str(status) if status != 200 else ''}",
                    flush=True,
                )


def present(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {k: r for k, r in results.items() if not r.get("absent")}


def check_targets(runs: list[Run], full: int, small: int) -> list[tuple[str, bool, str]]:
    checks: list[tuple[str, bool, str]] = []
    for run in runs:
        tag = f"{run.backend} {run.size:,}"
        if run.size != full:
            continue
        base = {who: run.results[f"healthz:{who}"]["rps"] for who in WHO}
        worst = min(
            (
                (k, r["rps"] / base[k.split(":")[1]])
                for k, r in present(run.results).items()
                if not k.startswith("healthz")
            ),
            key=lambda kv: kv[1],
        )
        checks.append(
            (
                f"{tag}: every page ≥ 25% of /healthz req/s",
                worst[1] >= TARGETS["min_ratio_to_healthz"],
                f"lowest {worst[0]} at {worst[1]:.0%}",
            )
        )
        sl = [
            (k, r["p95_ms"])
            for k, r in present(run.results).items()
            if k.split(":")[0].startswith(("search", "library"))
        ]
        top = max(sl, key=lambda kv: kv[1])
        checks.append(
            (
                f"{tag}: search and listing p95 ≤ 50 ms at c=16",
                top[1] <= TARGETS["max_search_listing_p95_ms"],
                f"highest {top[0]} {top[1]:.1f} ms",
            )
        )
        peak = max(run.worker_rss_mb or [0])
        checks.append(
            (
                f"{tag}: peak memory ≤ 150 MB per worker",
                peak <= TARGETS["max_worker_rss_mb"],
                f"{peak:.0f} MB",
            )
        )
        checks.append(
            (
                f"{tag}: seeding {full:,} practices ≤ 3 minutes",
                run.seed_seconds <= TARGETS["max_seed_seconds_100k"] * full / 100_000,
                f"{run.seed_seconds:.0f} s",
            )
        )
        smaller = next((r for r in runs if r.backend == run.backend and r.size == small), None)
        if smaller:
            growth = max(
                (r["p95_ms"] / max(smaller.results[k]["p95_ms"], 0.5), k)
                for k, r in present(run.results).items()
                if k in present(smaller.results)
            )
            checks.append(
                (
                    f"{tag}: p95 at {full:,} ≤ 2× p95 at {small:,}",
                    growth[0] <= TARGETS["max_p95_growth_10k_to_100k"],
                    f"largest growth {growth[1]} ×{growth[0]:.2f}",
                )
            )
            if run.uncached_ms and smaller.uncached_ms:
                cold = max(
                    (ms / max(smaller.uncached_ms[name], 0.1), name)
                    for name, ms in run.uncached_ms.items()
                    if name in smaller.uncached_ms
                )
                checks.append(
                    (
                        f"{tag}: uncached request at {full:,} ≤ 2× at {small:,} "
                        "(indexes, not scans)",
                        cold[0] <= TARGETS["max_p95_growth_10k_to_100k"],
                        f"largest growth {cold[1]} ×{cold[0]:.2f}",
                    )
                )
    return checks


def previous_runs(path: Path, exclude: set[str]) -> list[Run]:
    """The runs of other backends from an earlier results.json (``--merge``)."""
    if not path.exists():
        return []
    runs = []
    for r in json.loads(path.read_text())["runs"]:
        if r["backend"] in exclude:
            continue
        run = Run(r["backend"], r["practices"], r["seed_seconds"], r["endpoints"])
        run.worker_rss_mb = r["worker_peak_rss_mb"]
        run.worker_rss_now_mb = r.get("worker_rss_at_end_mb", [])
        run.load_start, run.load_end = r.get("load_average_start_end", [0.0, 0.0])
        run.uncached_ms = r.get("uncached_ms", {})
        runs.append(run)
    return runs


def write_results(runs: list[Run], checks, args) -> None:
    stamp = getattr(args, "stamp", None) or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    data = {
        "generated": stamp,
        "duration_s": args.duration,
        "connections": args.connections,
        "workers": args.workers,
        "runs": [
            {
                "backend": r.backend,
                "practices": r.size,
                "seed_seconds": r.seed_seconds,
                "worker_peak_rss_mb": r.worker_rss_mb,
                "worker_rss_at_end_mb": r.worker_rss_now_mb,
                "load_average_start_end": [round(r.load_start, 2), round(r.load_end, 2)],
                "endpoints": r.results,
                "uncached_ms": r.uncached_ms,
            }
            for r in runs
        ],
        "checks": [{"check": c, "ok": ok, "detail": d} for c, ok, d in checks],
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(data, indent=2, ensure_ascii=False))
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `make bench` on {stamp}: gunicorn with {args.workers} sync workers on "
        f"127.0.0.1, wrk with {args.connections} connections for {args.duration} s per "
        "endpoint, on a 2-core machine. The ratio compares each endpoint with `/healthz` "
        "measured in the same run (the framework's own ceiling). Raw figures: "
        "`bench/results.json`.",
        "",
        "The machine is shared: other jobs (test suites) may run at the same time, so "
        "figures are noisy. The *load* column is the 1-minute load average when the "
        "endpoint's measurement started (2.0 = both cores busy before the benchmark "
        "itself); wrk and gunicorn share the same two cores. Both sizes of a backend are "
        "served at once and each endpoint is measured on one, then the other, so the "
        "growth from 10,000 to 100,000 practices compares figures taken seconds apart.",
        "",
        "wrk repeats one URL, so after its first request every page comes from the page "
        "cache (README, *Cached pages*): the req/s and latency columns are what readers "
        "get while the content does not change. The *uncached ms* column is the same "
        "page with the cache off, one request at a time with nothing else running (the "
        "lower of two medians of 9, `bench/cpu.py --wall`, the sizes taken in turn; "
        "PostgreSQL's own work included): what the first "
        "reader after a change waits for, and the figure whose growth from 10,000 to "
        "100,000 practices tells indexes from scans.",
        "",
        "## Targets",
        "",
        "| check | result | detail |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {c} | {'PASS' if ok else 'FAIL'} | {d} |" for c, ok, d in checks]
    for run in runs:
        lines += [
            "",
            f"## {run.backend}, {run.size:,} practices",
            "",
            f"Seeding: {run.seed_seconds:.1f} s. Peak resident memory per worker: "
            + ", ".join(f"{m:.0f} MB" for m in run.worker_rss_mb)
            + " (at the end: "
            + ", ".join(f"{m:.0f} MB" for m in run.worker_rss_now_mb)
            + "; the worker that served the focal point's login peaked with one Argon2 "
            "verification, its memory cost held for a moment). "
            f"Load average (1 min) at the start and end of the measurements: "
            f"{run.load_start:.1f} and {run.load_end:.1f}.",
            "",
            "| endpoint | as | req/s | ratio to /healthz | p50 ms | p95 ms | p99 ms | errors "
            "| load | uncached ms |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for key, r in run.results.items():
            name, who = key.split(":")
            if r.get("absent"):
                lines.append(f"| {name} | {who} | absent in this build (404) | | | | | | | |")
                continue
            ratio = r["rps"] / run.results[f"healthz:{who}"]["rps"]
            cold = run.uncached_ms.get(name) if who == "visitor" else None
            lines.append(
                f"| {name} | {who} | {r['rps']:.0f} | {ratio:.0%} | {r['p50_ms']:.1f} "
                f"| {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} | {r['load1']:.1f} "
                f"| {'' if cold is None else f'{cold:.1f}'} |"
            )
    history = BENCH / "HISTORY.md"
    if history.exists():
        lines += ["", history.read_text().strip()]
    # The load test (`make load`, bench/load.py) writes its own section: keep it.
    target = out / "RESULTS.md"
    previous = target.read_text() if target.exists() else ""
    kept = re.search(r"<!-- load:start -->.*?<!-- load:end -->", previous, re.S)
    if kept:
        lines += ["", kept.group(0)]
    target.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=100_000)
    parser.add_argument(
        "--scale",
        type=int,
        default=10_000,
        help="the smaller size for the scaling figure (0: none)",
    )
    parser.add_argument("--duration", type=int, default=8, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--out", default=str(BENCH), help="folder for RESULTS.md and results.json (default: bench/)"
    )
    parser.add_argument(
        "--only", default="", help="comma-separated endpoint names to measure (default: all)"
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="measure nothing: rewrite RESULTS.md from results.json (after editing HISTORY.md)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the databases an earlier run seeded (its seeding time is reported again)",
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the runs of other backends found in the existing results.json",
    )
    args = parser.parse_args()
    if args.report_only:
        saved = json.loads((Path(args.out) / "results.json").read_text())
        args.duration, args.connections = saved["duration_s"], saved["connections"]
        args.workers, args.stamp = saved["workers"], saved["generated"]
        runs = previous_runs(Path(args.out) / "results.json", exclude=set())
        write_results(runs, check_targets(runs, args.practices, args.scale), args)
        print(f"Written {Path(args.out) / 'RESULTS.md'}")
        return
    ensure_wrk()
    if args.only:
        wanted = set(args.only.split(",")) | {"healthz"}
        ENDPOINTS[:] = [e for e in ENDPOINTS if e[0] in wanted]
    backends = [b for b in args.backends.split(",") if b]
    if "postgresql" in backends and not pg_available():
        print("PostgreSQL does not answer on 127.0.0.1:5432: measuring SQLite only.")
        backends.remove("postgresql")
    sizes = [s for s in (args.scale, args.practices) if s]
    runs: list[Run] = []
    for backend in backends:
        group = [Run(backend, size) for size in sizes]
        facts = []
        for run in group:
            kept = WORK / f"{backend}-{run.size}" / "facts.json"
            if not (args.reuse and kept.exists()):
                print(f"== {backend}, {run.size:,} practices: seeding", flush=True)
                prepare_database(backend, run.size)
                seed(backend, run.size)
            facts.append(json.loads(kept.read_text()))
            run.seed_seconds = facts[-1]["seed_seconds"]
        ports = [free_port() for _ in group]
        servers: list[subprocess.Popen] = []
        try:
            for run, port in zip(group, ports, strict=True):
                servers.append(start_server(backend, run.size, port, args.workers))
            cookies = [
                login_cookie(port, f["email"], f["password"])
                for port, f in zip(ports, facts, strict=True)
            ]
            print(f"== {backend}: measuring {', '.join(f'{s:,}' for s in sizes)}", flush=True)
            for run in group:
                run.load_start = os.getloadavg()[0]
            measure(group, ports, args.duration, args.connections, facts, cookies)
            for run, server in zip(group, servers, strict=True):
                run.worker_rss_mb = worker_rss_mb(server.pid)
                run.worker_rss_now_mb = worker_rss_mb(server.pid, "VmRSS")
                run.load_end = os.getloadavg()[0]
        finally:
            for server in servers:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(20)
        print(f"  {backend:>10} uncached requests, one at a time", flush=True)
        # Two passes, the sizes in turn, and each endpoint's faster median kept: a
        # moment of load elsewhere on the machine does not pass for growth.
        for _ in range(2):
            for run in group:
                fresh = uncached(backend, run.size)
                run.uncached_ms = {k: min(v, run.uncached_ms.get(k, v)) for k, v in fresh.items()}
        runs += group
    if args.merge:
        runs = previous_runs(Path(args.out) / "results.json", exclude=set(backends)) + runs
    checks = check_targets(runs, args.practices, args.scale)
    write_results(runs, checks, args)
    print("\n".join(f"{'PASS' if ok else 'FAIL'}  {c}  ({d})" for c, ok, d in checks))
    print(f"Written {Path(args.out) / 'RESULTS.md'} and {Path(args.out) / 'results.json'}")


if __name__ == "__main__":
    main()
