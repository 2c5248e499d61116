"""Localization: complete Russian catalog, locale precedence, plurals, every page in both."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale, ngettext

ROOT = Path(__file__).resolve().parents[2]
RU_PO = ROOT / "translations" / "ru" / "LC_MESSAGES" / "messages.po"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_ngettext:1,2",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    with pot.open("rb") as fh:
        return read_po(fh)


@pytest.fixture(scope="module")
def russian():
    with RU_PO.open("rb") as fh:
        return read_po(fh)


def test_every_message_in_the_code_has_a_russian_translation(extracted, russian):
    missing = []
    for msg in extracted:
        if not msg.id:
            continue
        ru = russian.get(msg.id)
        if ru is None or ru.fuzzy:
            missing.append(msg.id)
            continue
        strings = ru.string if isinstance(ru.string, tuple) else (ru.string,)
        if not all(strings):
            missing.append(msg.id)
    assert not missing, (
        f"{len(missing)} untranslated, e.g. {missing[:5]} — run "
        "`flask translate update` and translate translations/ru"
    )


def test_no_fuzzy_or_empty_entries_in_the_russian_catalog(russian):
    bad = [
        m.id
        for m in russian
        if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))
    ]
    assert not bad, bad[:5]


def test_placeholders_survive_translation(russian):
    import re

    pat = re.compile(r"%\(\w+\)[sd]")
    for m in russian:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set(pat.findall(ids[-1]))
        for s in strings:
            assert set(pat.findall(s)) <= wanted | set(pat.findall(ids[0])), (m.id, s)


def test_no_wrong_name_of_kyrgyzstan_anywhere():
    for path in list((ROOT / "pvenet").rglob("*")) + [RU_PO]:
        if path.is_file() and path.suffix in {".py", ".html", ".txt", ".po"}:
            assert "киргиз" not in path.read_text(encoding="utf-8").lower(), path


@pytest.mark.parametrize(
    "n,expected",
    [
        (1, "1 учётная запись"),
        (2, "2 учётные записи"),
        (5, "5 учётных записей"),
        (11, "11 учётных записей"),
        (21, "21 учётная запись"),
        (22, "22 учётные записи"),
    ],
)
def test_russian_plural_forms(app, n, expected):
    with app.test_request_context(), force_locale("ru"):
        text = ngettext("%(count)s account", "%(count)s accounts", n, count=n)
    assert text.replace("ё", "е") == expected.replace("ё", "е")


def test_locale_precedence(client, auth, make_user, db):
    # Accept-Language when nothing else is known
    assert '<html lang="ru">' in client.get("/", headers={"Accept-Language": "ru"}).text
    # an explicit choice beats Accept-Language
    client.post("/locale", data={"locale": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "ru"}).text
    # the user's own setting beats the switcher's earlier choice
    user = make_user(locale="ru")
    auth.login(user)
    assert '<html lang="ru">' in client.get("/", headers={"Accept-Language": "en"}).text


def test_switcher_updates_a_logged_in_users_setting(client, auth, focal_point, db):
    auth.login(focal_point)
    client.post("/locale", data={"locale": "ru", "next": "/auth/profile"})
    db.session.refresh(focal_point)
    assert focal_point.locale == "ru"


def test_default_locale_when_nothing_else_is_known(app, client):
    assert '<html lang="en">' in client.get("/").text
    app.config["DEFAULT_LOCALE"] = "ru"
    assert '<html lang="ru">' in client.get("/").text


def test_switcher_refuses_unknown_locale_and_foreign_redirect(client):
    res = client.post("/locale", data={"locale": "xx", "next": "https://evil.example/"})
    assert res.headers["Location"] == "/"


def _simple_get_routes(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments and not rule.endpoint == "static":
            yield rule.rule


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_page_renders_in_both_languages(app, client, auth, admin, focal_point, lang):
    for who in (None, focal_point, admin):
        if who is not None:
            auth.login(who)
        for path in _simple_get_routes(app):
            res = client.get(path, headers={"Accept-Language": lang})
            assert res.status_code < 500, (path, who)
            if res.status_code == 200 and res.mimetype == "text/html":
                assert f'<html lang="{lang}">' in res.text, path
        if who is not None:
            auth.logout()
