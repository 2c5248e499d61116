"""The term report: figures from the contribution provider, balance, storing, page, CSV, API."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from pvenet import clock
from pvenet.themes.jobs import store_reports
from pvenet.themes.models import TermReport
from pvenet.themes.services import Contributions, Counts, register_contribution_provider
from pvenet.themes.services.meetings import MeetingContent, add_meeting
from pvenet.themes.services.report import balance, build_report, gini, store_due_reports
from pvenet.themes.services.themes import add_theme

from .conftest import almaty, content

IN_TERM1 = almaty(date(2019, 9, 1), 12)
AFTER_TERM1 = almaty(date(2020, 1, 2))


@pytest.fixture
def programme(db, term1, focal_point):
    youth = add_theme(term1, focal_point, content("Youth"), now=IN_TERM1)
    women = add_theme(term1, focal_point, content("Женщины", lang="ru"), now=IN_TERM1)
    add_meeting(
        term1,
        focal_point,
        MeetingContent("Annual meeting", date(2019, 10, 3), None, "Almaty", False, "", "en"),
        now=IN_TERM1,
    )
    db.session.commit()
    return youth, women


@pytest.fixture
def provider(programme):
    youth, women = programme
    calls = []

    def count(start, end, theme_ids):
        calls.append((start, end, theme_ids))
        return Contributions(
            by_state={"KZ": Counts(2, 1), "KG": Counts(2, 2)},
            by_theme={youth.id: Counts(3, 2)},
        )

    register_contribution_provider(count)
    yield calls
    register_contribution_provider(None)


def test_gini_and_balance():
    assert gini([1, 1, 1]) == 0
    assert gini([2, 2, 0, 0, 0]) == pytest.approx(0.6)
    b = balance({"KZ": 2, "KG": 2, "TJ": 0, "TM": 0, "UZ": 0})
    assert b["index"] == 0.4 and b["min_share"] == 0 and b["max_share"] == 0.5
    assert balance({"KZ": 0, "KG": 0}) is None


def test_figures_on_a_known_data_set(db, term1, programme, provider):
    youth, women = programme
    data = build_report(term1, AFTER_TERM1)
    start, end, ids = provider[0]
    # The term's instants in UTC: Almaty was UTC+6 in 2019.
    assert (start.isoformat(), end.isoformat()) == ("2019-06-30T18:00:00", "2019-12-31T18:00:00")
    assert ids == [youth.id, women.id]
    assert data["is_final"] and data["has_figures"]
    assert data["by_state"]["KZ"] == {"contributed": 2, "published": 1}
    assert data["by_state"]["TJ"] == {"contributed": 0, "published": 0}
    assert list(data["by_state"]) == ["KZ", "KG", "TJ", "TM", "UZ"]
    assert data["by_theme"] == {
        str(youth.id): {"contributed": 3, "published": 2},
        str(women.id): {"contributed": 0, "published": 0},
    }
    assert data["balance"]["index"] == 0.4
    assert [t["texts"] for t in data["themes"]][1] == {
        "ru": {"title": "Женщины", "description": "Why."}
    }
    assert data["meetings"][0]["city"] == "Almaty"


def test_without_a_provider_there_are_no_figures(client, db, term1, programme):
    register_contribution_provider(None)
    data = build_report(term1, AFTER_TERM1)
    assert not data["has_figures"] and data["by_state"] is None and data["balance"] is None
    clock.set_now(AFTER_TERM1)
    page = client.get("/programme/1/report").text
    assert "There are no figures" in page
    csv = client.get("/programme/1/report.csv?lang=en").text
    assert "No figures" in csv


def test_report_is_stored_once_when_the_term_ends(app, db, term1, programme, provider):
    # In Kazakhstan's term only UNODC's inaugural term has ended.
    assert [r.term.sequence for r in store_due_reports(IN_TERM1)] == [0]
    db.session.commit()
    last_minute = almaty(date(2019, 12, 31), 23, 59)
    clock.set_now(last_minute)
    assert store_reports(app) == []
    clock.set_now(AFTER_TERM1)
    assert store_reports(app) == [1]
    assert store_reports(app) == []
    assert db.session.scalar(select(func.count(TermReport.id))) == 2
    # The stored figures no longer move.
    register_contribution_provider(lambda s, e, ids: Contributions())
    stored = db.session.scalar(select(TermReport).where(TermReport.term_id == term1.id))
    assert stored.data["by_state"]["KZ"]["contributed"] == 2


def test_page_csv_and_api(client, db, term1, programme, provider):
    clock.set_now(AFTER_TERM1)
    page = client.get("/programme/1/report", headers={"Accept-Language": "ru"}).text
    assert "Отчёт" in page or "отчёт" in page
    assert "Женщины" in page and "0,40" in page  # the balance index, in Russian notation
    csv = client.get("/programme/1/report.csv?lang=ru")
    assert csv.mimetype == "text/csv" and "Казахстан" in csv.text and "Кыргызстан" in csv.text
    csv_en = client.get("/programme/1/report.csv?lang=en").text
    assert "Kyrgyzstan" in csv_en and "Youth" in csv_en and "Женщины" in csv_en
    api = client.get("/api/v1/terms/1/report").get_json()
    assert api["by_state"]["KG"] == {"contributed": 2, "published": 2}
    assert client.get("/api/v1/terms/77/report").status_code == 404


def test_network_only_meetings_are_hidden_from_visitors(client, auth, db, term1, focal_point):
    from pvenet.themes.models import MeetingVisibility

    add_meeting(
        term1,
        focal_point,
        MeetingContent(
            "Closed session",
            date(2019, 10, 3),
            None,
            None,
            True,
            "",
            "en",
            MeetingVisibility.network,
        ),
        now=IN_TERM1,
    )
    db.session.commit()
    assert "Closed session" not in client.get("/programme/1/report").text
    assert client.get("/api/v1/terms/1/report").get_json()["meetings"] == []
    auth.login(focal_point)
    assert "Closed session" in client.get("/programme/1/report").text


def test_api_themes_default_to_the_current_term(client, db, term1, programme):
    clock.set_now(IN_TERM1)
    data = client.get("/api/v1/themes", headers={"Accept-Language": "en"}).get_json()
    assert data["term"] == 1 and data["holder"] == "KZ"
    assert [t["title"] for t in data["items"]] == ["Youth", "Женщины"]
    assert data["items"][1]["language"] == "ru"  # marked: no English text exists
    assert client.get("/api/v1/themes?term=2").get_json()["items"] == []
    for bad in ("x", "", "²", "1e3"):
        assert client.get(f"/api/v1/themes?term={bad}").status_code == 400, bad
    assert client.get("/api/v1/themes?lang=").status_code == 400
    assert client.get("/api/v1/themes?term=999").status_code == 404
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/themes" in spec["paths"] and "/api/v1/terms/{sequence}/report" in spec["paths"]
