"""The themes feature's part of the permission matrix (tests/hardening/matrix.py).

:func:`programme` sets up, once per world, a rotation in which Uzbekistan (the state of
``fp_chair``) holds the current term (term 1; UNODC's inaugural term ended before it),
with a theme and a public meeting, and Kazakhstan (``fp_own``) the next term, which
starts more than 30 days from now, so its focal points may not prepare it yet.
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from pvenet import clock
from pvenet.extensions import db
from pvenet.rotation.services.queries import current_term
from pvenet.themes.services import stored_term
from pvenet.themes.services.meetings import MeetingContent, add_meeting
from pvenet.themes.services.themes import add_theme
from tests.library.matrix_world import ANONYMOUS, SESSION, html
from tests.rotation.matrix_world import rot
from tests.themes.conftest import content


def programme(w: Any) -> SimpleNamespace:
    if not hasattr(w, "programme"):
        rot(w)
        today = clock.today("Asia/Almaty")
        term = stored_term(current_term(today).sequence)
        admin = w.users["admin"]
        now = clock.now()
        theme = add_theme(term, admin, content("Community partnerships"), now=now)
        add_theme(term, admin, content("Youth"), now=now)
        meeting = add_meeting(
            term,
            admin,
            MeetingContent(
                title="Network meeting",
                starts_on=today + timedelta(days=1),
                ends_on=None,
                city="Tashkent",
                is_online=False,
                agenda="",
                language="en",
            ),
            now=now,
        )
        db.session.commit()
        w.programme = SimpleNamespace(term=term.sequence, theme=theme.id, meeting=meeting.id)
    return w.programme


#: The chair (Uzbekistan) and administrators; everyone else is refused.
EDIT = html(observer="forbidden", fp_own="forbidden", fp_other="forbidden")


def public() -> dict[str, str]:
    return dict.fromkeys(SESSION + ANONYMOUS, "ok")


def entries() -> dict[tuple[str, str], tuple[Any, dict[str, str], dict[str, Any] | None]]:
    def t(suffix: str = "") -> Any:
        return lambda w: f"/programme/{programme(w).term}{suffix}"

    def theme(suffix: str) -> Any:
        return lambda w: f"/programme/{programme(w).term}/themes/{programme(w).theme}{suffix}"

    def meeting(suffix: str) -> Any:
        return lambda w: f"/programme/{programme(w).term}/meetings/{programme(w).meeting}{suffix}"

    def t_api(path: str) -> Any:
        return lambda w: f"/api/v1{path}?term={programme(w).term}"

    return {
        ("GET", "themes.index"): (lambda w: (programme(w), "/programme/")[1], public(), None),
        ("GET", "themes.programme"): (t(), public(), None),
        ("GET", "themes.report"): (t("/report"), public(), None),
        ("GET", "themes.report_csv"): (t("/report.csv?lang=ru"), public(), None),
        ("GET", "themes.new_theme"): (t("/themes/new"), EDIT, None),
        ("POST", "themes.new_theme"): (t("/themes/new"), EDIT, {}),
        ("GET", "themes.edit_theme_page"): (theme("/edit"), EDIT, None),
        ("POST", "themes.edit_theme_page"): (theme("/edit"), EDIT, {}),
        ("POST", "themes.move"): (theme("/move"), EDIT, {"direction": "down"}),
        ("POST", "themes.remove_theme"): (theme("/delete"), EDIT, {}),
        ("GET", "themes.new_meeting"): (t("/meetings/new"), EDIT, None),
        ("POST", "themes.new_meeting"): (t("/meetings/new"), EDIT, {}),
        ("GET", "themes.edit_meeting_page"): (meeting("/edit"), EDIT, None),
        ("POST", "themes.edit_meeting_page"): (meeting("/edit"), EDIT, {}),
        ("POST", "themes.remove_meeting"): (meeting("/delete"), EDIT, {}),
        ("GET", "themes_api.list_themes"): (t_api("/themes"), public(), None),
        ("GET", "themes_api.term_report"): (
            lambda w: f"/api/v1/terms/{programme(w).term}/report",
            public(),
            None,
        ),
    }
