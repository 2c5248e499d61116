"""Browser tests: Playwright driving Debian's Chromium against a real HTTP server.

The server is the app itself, served by werkzeug on 127.0.0.1 (any free port) in a thread
of the test process, with its own SQLite file database. Time moves through
:mod:`pvenet.clock`, which the server shares with the test, never by waiting.

Without ``/usr/bin/chromium`` the tests are skipped with a plain message, unless
``PVENET_REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes that an error.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import send_file
from playwright.sync_api import Error as PlaywrightError
from werkzeug.serving import make_server

from pvenet import clock, create_app
from pvenet.extensions import db

CHROMIUM = os.environ.get("PVENET_CHROMIUM", "/usr/bin/chromium")
HAVE_CHROMIUM = Path(CHROMIUM).exists() or shutil.which("chromium") is not None
REQUIRED = os.environ.get("PVENET_REQUIRE_BROWSER") == "1"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def pytest_collection_modifyitems(config, items):
    browser_items = [i for i in items if "tests/browser" in str(i.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if HAVE_CHROMIUM or not browser_items:
        return
    if REQUIRED:
        raise pytest.UsageError(
            f"PVENET_REQUIRE_BROWSER=1 but Chromium is not installed at {CHROMIUM}: "
            "install it with `apt-get install chromium`."
        )
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: browser tests skipped "
        "(apt-get install chromium to run them)"
    )
    for item in browser_items:
        item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not HAVE_CHROMIUM:
        terminalreporter.write_line(
            f"NOTE: the browser journeys were SKIPPED: no Chromium at {CHROMIUM} "
            "(apt-get install chromium).",
            yellow=True,
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


class LiveServer:
    def __init__(self, app, tmp: Path) -> None:
        self.app = app
        self.tmp = tmp
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        app.config["BASE_URL"] = self.url
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(5)


@pytest.fixture
def live_server(tmp_path) -> Iterator[LiveServer]:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/browser.db",
            "SECRET_KEY": "browser-tests",
            "SCHEDULER_MODE": "off",
            "TESTING": True,
            "UPLOAD_FOLDER": str(tmp_path / "uploads"),
            "WTF_CSRF_ENABLED": True,
            "MAIL_BACKEND": "log",
        }
    )

    @app.get("/__test__/axe.min.js")
    def _axe():  # served same-origin so the page's CSP allows it
        return send_file(AXE, mimetype="application/javascript")

    with app.app_context():
        db.create_all()
        _create_fts(app)
        db.session.remove()
    server = LiveServer(app, tmp_path)
    server.start()
    yield server
    server.stop()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    clock.set_now(None)


def _create_fts(app) -> None:
    """Hook for features whose search tables are not plain ORM tables."""


class Journey:
    """Page helpers for one journey: screenshots, console errors, axe checks."""

    def __init__(self, page, server: LiveServer, name: str) -> None:
        self.page = page
        self.server = server
        self.name = name
        self.console_errors: list[str] = []
        self.axe_violations: list[dict[str, Any]] = []
        self.shots = 0
        page.on(
            "console",
            lambda msg: (
                msg.type == "error" and self.console_errors.append(f"{msg.text} @ {page.url}")
            ),
        )
        page.on("pageerror", lambda exc: self.console_errors.append(f"{exc} @ {page.url}"))

    def url(self, path: str) -> str:
        return self.server.url + path

    def goto(self, path: str):
        return self.page.goto(self.url(path))

    def shot(self, label: str) -> Path:
        self.shots += 1
        path = ARTIFACTS / "screenshots" / f"{self.name}-{self.shots:02d}-{label}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def check_accessibility(self) -> None:
        """axe-core on the current page; serious and critical violations are collected."""
        result = None
        for attempt in range(3):
            # A click that navigates returns before the new document exists: wait for it.
            self.page.wait_for_load_state("load")
            try:
                self.page.add_script_tag(url=self.url("/__test__/axe.min.js"))
                result = self.page.evaluate("async () => await axe.run(document)")
                break
            except PlaywrightError:
                if attempt == 2:
                    raise
        assert result is not None
        for v in result["violations"]:
            if v["impact"] in ("serious", "critical"):
                self.axe_violations.append(
                    {
                        "page": self.page.url,
                        "id": v["id"],
                        "impact": v["impact"],
                        "help": v["help"],
                        "nodes": [n["target"] for n in v["nodes"][:3]],
                    }
                )

    def finish(self) -> None:
        problems = [f"console: {e}" for e in self.console_errors] + [
            f"axe {v['impact']} {v['id']} on {v['page']}: {v['help']} {v['nodes']}"
            for v in self.axe_violations
        ]
        assert not problems, "\n".join(problems)


@pytest.fixture
def journey(page, live_server, request):
    lang = (
        request.node.callspec.params.get("lang", "en")
        if hasattr(request.node, "callspec")
        else "en"
    )
    j = Journey(page, live_server, f"{request.node.originalname}-{lang}")
    yield j
    j.finish()
