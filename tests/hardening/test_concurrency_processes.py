"""Many writers in several processes at once, as under gunicorn's sync workers: focal points
of three states write and submit practices while two reviewers approve whatever is
submitted, racing each other. No answer is a 500 and nothing is lost or decided twice."""

from __future__ import annotations

import multiprocessing as mp
import re

from pvenet import create_app
from pvenet.auth.models import Role, User
from pvenet.auth.passwords import hash_password
from pvenet.extensions import db
from tests.conftest import PASSWORD, PG_URL
from tests.library.conftest import form_data

WRITERS = ("KZ", "KG", "TJ")
PER_WRITER = 4
TOTAL = len(WRITERS) * PER_WRITER


def _config(url: str) -> dict:
    return {
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "x",
        "TESTING": True,
        "SCHEDULER_MODE": "off",
        "WTF_CSRF_ENABLED": False,
    }


def _login(client, email: str) -> None:
    res = client.post("/auth/login", data={"email": email, "password": PASSWORD})
    assert res.status_code == 302, res.status_code


def _writer(url: str, code: str, queue) -> None:
    """One focal point in its own process (own app, own connection pool)."""
    client = create_app(_config(url)).test_client()
    _login(client, f"{code.lower()}@example.org")
    codes, made = [], []
    for i in range(PER_WRITER):
        title = f"{code} practice {i} — «кириллица» ✓"
        res = client.post("/library/new", data=form_data(state=code, title_en=title))
        codes.append(res.status_code)
        found = re.search(r"/library/(\d+)", res.headers.get("Location", ""))
        if found:
            pid = int(found.group(1))
            res = client.post(f"/library/{pid}/submit", data={"body": ""})
            codes.append(res.status_code)
            made.append((pid, title))
    queue.put(("writer", codes, made))


def _reviewer(url: str, n: int, queue) -> None:
    """An administrator approving every submission it sees until all are decided."""
    import time

    from pvenet.library.models import Practice, PracticeStatus

    app = create_app(_config(url))
    client = app.test_client()
    _login(client, f"reviewer{n}@example.org")
    codes, deadline = [], time.monotonic() + 90
    while time.monotonic() < deadline:
        with app.app_context():
            waiting = [
                p.id for p in db.session.query(Practice).filter_by(status=PracticeStatus.submitted)
            ]
            done = db.session.query(Practice).filter_by(status=PracticeStatus.published).count()
            db.session.remove()
        if done >= TOTAL:
            break
        for pid in waiting:
            res = client.post(f"/library/{pid}/approve", data={"decision-body": ""})
            codes.append(res.status_code)
        time.sleep(0.05)
    queue.put(("reviewer", codes, []))


def test_writers_and_reviewers_in_separate_processes(tmp_path):
    from pvenet.audit.models import AuditEvent
    from pvenet.library.models import Practice, PracticeStatus
    from pvenet.states.services import ensure_member_states

    url = PG_URL or f"sqlite:///{tmp_path}/processes.db"
    app = create_app(_config(url))
    with app.app_context():
        if PG_URL:
            from tests.conftest import reset_schema

            reset_schema(app)
        else:
            db.create_all()
        states = {s.code: s for s in ensure_member_states()}
        hashed = hash_password(PASSWORD)
        db.session.add_all(
            [
                User(
                    email=f"{c.lower()}@example.org",
                    name=f"FP {c}",
                    role=Role.focal_point,
                    state=states[c],
                    password_hash=hashed,
                )
                for c in WRITERS
            ]
            + [
                User(
                    email=f"reviewer{i}@example.org",
                    name=f"Reviewer {i}",
                    role=Role.admin,
                    password_hash=hashed,
                )
                for i in range(2)
            ]
        )
        db.session.commit()
        db.session.remove()
        db.engine.dispose()

    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, c, queue)) for c in WRITERS]
    procs += [ctx.Process(target=_reviewer, args=(url, i, queue)) for i in range(2)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(30)
        assert p.exitcode == 0

    codes = [c for _, cs, _ in results for c in cs]
    made = [m for kind, _, ms in results if kind == "writer" for m in ms]
    # 302: done; 403: already decided by the other reviewer; 409/503: refused, nothing saved.
    assert codes and all(c in (302, 403, 409, 503) for c in codes), sorted(set(codes))
    assert len(made) == TOTAL
    with app.app_context():
        for pid, title in made:
            practice = db.session.get(Practice, pid)
            assert practice.status == PracticeStatus.published
            assert practice.text("en").title == title
        approvals = (
            db.session.query(AuditEvent.object_id)
            .filter(AuditEvent.action == "practice.approved")
            .all()
        )
        assert sorted(int(a[0]) for a in approvals) == sorted(pid for pid, _ in made)
        db.session.remove()
        db.engine.dispose()
