"""CPU time per endpoint in one process: the scaling figure without the load noise.

Usage (after ``make bench`` has built its databases)::

    python bench/cpu.py bench/.work/sqlite-100000
    python bench/cpu.py bench/.work/postgresql-100000 \\
        --database postgresql+psycopg://postgres@127.0.0.1:5432/pvenet_bench_100000

Each endpoint of ``bench/run.py`` is requested through Flask's test client as a visitor
(15 times after one warm-up) and the median CPU time of this process is printed as JSON
(milliseconds). SQLite runs in-process, so its work is counted; PostgreSQL's server work
is not. wrk figures on a shared machine move with the load of the moment; these do not.

The page cache is off unless ``--cached`` is given: every request then does the page's
whole work, which is what a first request after a change costs and what grows, or not,
with the number of practices. ``--cached`` measures the repeated requests wrk sees.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance", help="the run's instance folder (holds facts.json)")
    parser.add_argument("--database", help="database URL (default: the folder's bench.sqlite3)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--cached", action="store_true", help="keep the page cache on")
    parser.add_argument(
        "--wall",
        action="store_true",
        help="wall-clock time instead of this process's CPU (counts PostgreSQL's work too)",
    )
    args = parser.parse_args()
    instance = Path(args.instance).resolve()
    os.environ.update(
        PVENET_DATABASE_URL=args.database or f"sqlite:///{instance / 'bench.sqlite3'}",
        PVENET_INSTANCE_PATH=str(instance),
        PVENET_SECRET_KEY=os.environ.get(
            "PVENET_SECRET_KEY", "bench-secret-key-not-for-production"
        ),
        PVENET_ENV="production",
        PVENET_SCHEDULER_MODE="off",
    )
    from run import ENDPOINTS, fill

    from pvenet import create_app

    app = create_app({"PAGE_CACHE": args.cached})
    logging.getLogger("pvenet.request").setLevel(logging.WARNING)
    facts = json.loads((instance / "facts.json").read_text())
    client = app.test_client()
    out: dict[str, float] = {}
    for name, path in ENDPOINTS:
        url = fill(path, facts)
        if client.get(url).status_code == 404:
            continue  # a feature of another branch
        samples = []
        timer = time.perf_counter if args.wall else time.process_time
        for _ in range(args.repeat):
            started = timer()
            client.get(url)
            samples.append((timer() - started) * 1000)
        out[name] = round(statistics.median(samples), 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
