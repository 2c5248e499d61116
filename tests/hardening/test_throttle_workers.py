"""Login throttling holds across worker processes: the count lives in the database."""

from __future__ import annotations

import multiprocessing as mp

from pvenet import create_app
from pvenet.auth.models import Role, User
from pvenet.auth.passwords import hash_password
from pvenet.extensions import db
from tests.conftest import PG_URL


def _config(url: str) -> dict:
    return {
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "x",
        "TESTING": True,
        "SCHEDULER_MODE": "off",
        "WTF_CSRF_ENABLED": False,
        "LOGIN_MAX_FAILURES_PER_ACCOUNT": 4,
    }


def _worker(url: str, attempts: int, queue) -> None:
    """One 'gunicorn worker': its own process, app and connection pool."""
    app = create_app(_config(url))
    client = app.test_client()
    codes = [
        client.post(
            "/auth/login", data={"email": "fp@example.org", "password": "wrong-password"}
        ).status_code
        for _ in range(attempts)
    ]
    queue.put(codes)


def test_failures_in_two_processes_add_up(tmp_path):
    url = PG_URL or f"sqlite:///{tmp_path}/throttle.db"
    app = create_app(_config(url))
    with app.app_context():
        if PG_URL:
            from tests.conftest import reset_schema

            reset_schema(app)
        else:
            db.create_all()
        db.session.add(
            User(
                email="fp@example.org",
                name="FP",
                role=Role.observer,
                password_hash=hash_password("right-password-1"),
            )
        )
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(url, 2, queue)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(30)
    assert sorted(c for codes in results for c in codes) == [401, 401, 401, 401]
    # Four failures were spread over two processes; a third process is now refused.
    client = app.test_client()
    res = client.post(
        "/auth/login", data={"email": "fp@example.org", "password": "right-password-1"}
    )
    assert res.status_code == 429
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
