"""The page cache in Redis (``PVENET_CACHE_TYPE=RedisCache``): one store for every worker.

Skipped when no Redis answers (``PVENET_TEST_REDIS_URL``, default 127.0.0.1:6379/15);
the embedded default needs none.
"""

from __future__ import annotations

import os
from uuid import uuid4

import pytest

from pvenet.library.models import PracticeText
from pvenet.pagecache import cache
from tests.querycount import queries_for

REDIS_URL = os.environ.get("PVENET_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:
        return False
    return True


@pytest.fixture
def app_config(app_config):
    if not _redis_answers():
        pytest.skip(f"no Redis answers at {REDIS_URL}")
    return {
        **app_config,
        "CACHE_TYPE": "RedisCache",
        "CACHE_REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"pvenet-test-{uuid4().hex}:",
    }


@pytest.fixture(autouse=True)
def _forget(app):
    yield
    cache.clear()  # only this test's keys: they carry its prefix


def test_pages_are_kept_in_redis_and_an_edit_shows_at_once(app, client, db, make_practice):
    practice = make_practice(title="Youth resilience clubs")
    for n in range(3):
        make_practice(title=f"Practice {n}")
    first = queries_for(client, "/library/")
    again = queries_for(client, "/library/")
    assert again <= 2 < first
    import redis

    store = redis.Redis.from_url(REDIS_URL)
    assert store.keys(app.config["CACHE_KEY_PREFIX"] + "*")  # kept in Redis, not in memory

    text = db.session.get(PracticeText, practice.texts[0].id)
    text.title = "Youth resilience clubs in schools"
    db.session.commit()
    assert "clubs in schools" in client.get("/library/").text
