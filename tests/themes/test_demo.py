"""The demo data: programmes of recent terms in both languages, linked practices, reports."""

from __future__ import annotations

from sqlalchemy import func, select

from pvenet.library.models import practice_themes
from pvenet.rotation.services.queries import current_term
from pvenet.themes.models import Meeting, TermReport, Theme
from pvenet.themes.services import stored_term


def test_seed_demo_gives_terms_their_programmes(runner, db):
    from pvenet import clock

    res = runner.invoke(args=["pvenet", "seed-demo"])
    assert res.exit_code == 0, res.output
    term = stored_term(current_term(clock.today("Asia/Almaty")).sequence)
    themes = list(db.session.scalars(select(Theme).where(Theme.term_id == term.id)))
    assert 1 <= len(themes) <= 5
    languages = [set(t.languages) for t in db.session.scalars(select(Theme))]
    assert {"en", "ru"} in languages and {"en"} in languages and {"ru"} in languages
    assert db.session.scalar(select(func.count()).select_from(practice_themes)) > 0
    assert db.session.scalar(select(func.count(Meeting.id))) == 2
    assert db.session.scalar(select(func.count(TermReport.id))) == term.sequence
