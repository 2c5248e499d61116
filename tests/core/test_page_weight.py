"""Pages stay light for slow links: a first visit well under 300 KB, nothing from outside."""

from __future__ import annotations

import re

BUDGET = 150 * 1024  # well under the 300 KB ceiling


def _first_visit_bytes(client, path: str) -> tuple[int, list[str]]:
    gz = {"Accept-Encoding": "gzip"}
    page = client.get(path, headers=gz, buffered=True)
    html = client.get(path).text
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    total = len(page.data)
    for asset in assets:
        res = client.get(asset, headers=gz, buffered=True)
        assert res.status_code == 200, asset
        total += len(res.data)
    return total, assets


def test_home_page_first_visit_is_light(client, states):
    total, assets = _first_visit_bytes(client, "/")
    assert any(a.endswith("bootstrap.min.css") for a in assets)
    assert total < BUDGET, f"{total} bytes on a first visit"


def test_no_outside_resources(client, states):
    html = client.get("/").text
    assert not re.search(r'(?:href|src)="(?:https?:)?//', html)


def test_static_files_are_compressed_and_cached(client):
    res = client.get(
        "/static/vendor/bootstrap/bootstrap.min.css",
        headers={"Accept-Encoding": "gzip"},
        buffered=True,
    )
    assert res.headers.get("Content-Encoding") == "gzip"
    assert "max-age" in res.headers.get("Cache-Control", "")
