"""The term report as a printable page and as CSV, in the reader's language or ``?lang=``."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from flask import Response, current_app, render_template, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..i18n import current_language
from ..states.names import country_name
from ..web import SafeCSVWriter
from .labels import SCOPE_SHORT
from .serialize import report_for_reader
from .services.report import report_for
from .views import _term, bp


def _language() -> str:
    wanted = request.args.get("lang")
    return wanted if wanted in current_app.config["LANGUAGES"] else current_language()


def _text(texts: dict[str, Any], language: str) -> tuple[dict[str, Any], str]:
    """The text in ``language`` or the other one, with the language it is in."""
    if language in texts:
        return texts[language], language
    other = next(iter(sorted(texts)), language)
    return texts.get(other, {"title": "", "description": ""}), other


def _state_label(code: str, language: str) -> str:
    return _("UNODC (secretariat)") if code == "UNODC" else country_name(code, language)


@bp.get("/<int:sequence>/report")
def report(sequence: int):
    term = _term(sequence)
    data = report_for_reader(report_for(term, clock.now()), current_user)
    language = current_language()
    themes = [
        {**t, "text": _text(t["texts"], language)[0], "language": _text(t["texts"], language)[1]}
        for t in data["themes"]
    ]
    meetings = [
        {
            **m,
            "starts": date.fromisoformat(m["starts_on"]),
            "ends": date.fromisoformat(m["ends_on"]),
        }
        for m in data["meetings"]
    ]
    return render_template(
        "themes/report.html",
        term=term,
        data=data,
        themes=themes,
        meetings=meetings,
        language=language,
        state_label=lambda code: _state_label(code, language),
    )


@bp.get("/<int:sequence>/report.csv")
def report_csv(sequence: int):
    term = _term(sequence)
    data = report_for_reader(report_for(term, clock.now()), current_user)
    language = _language()
    with force_locale(language):
        body = _csv(data, language)
    filename = f"pvenet-term-{term.sequence}-report-{language}.csv"
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _csv(data: dict[str, Any], language: str) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # spreadsheet programs read Cyrillic right with a BOM
    writer = SafeCSVWriter(out)
    writer.writerow(
        [
            _("Section"),
            _("Item"),
            _("Language"),
            _("Details"),
            _("Contributed"),
            _("Published"),
            _("Share"),
        ]
    )
    term = data["term"]
    writer.writerow(
        [
            _("Term"),
            term["sequence"],
            "",
            f"{_state_label(term['holder'], language)}: {term['starts_on']} – {term['ends_on']}",
            "",
            "",
            "",
        ]
    )
    by_theme = data.get("by_theme") or {}
    for t in data["themes"]:
        text, lang = _text(t["texts"], language)
        scope = str(SCOPE_SHORT.get(t["scope"], t["scope"]))
        if t.get("state"):
            scope += f": {_state_label(t['state'], language)}"
        counts = by_theme.get(str(t["id"]), {})
        writer.writerow(
            [
                _("Theme"),
                text["title"],
                lang,
                scope,
                counts.get("contributed", ""),
                counts.get("published", ""),
                "",
            ]
        )
    for m in data["meetings"]:
        place = _("Online") if m["is_online"] else (m["city"] or "")
        writer.writerow(
            [
                _("Meeting"),
                m["title"],
                m["language"],
                f"{m['starts_on']} – {m['ends_on']}, {place}",
                "",
                "",
                "",
            ]
        )
    if data["has_figures"]:
        shares = (data.get("balance") or {}).get("shares", {})
        for code, counts in (data.get("by_state") or {}).items():
            writer.writerow(
                [
                    _("Member state"),
                    _state_label(code, language),
                    "",
                    "",
                    counts["contributed"],
                    counts["published"],
                    shares.get(code, ""),
                ]
            )
        if data.get("balance"):
            writer.writerow(
                [
                    _("Balance"),
                    _("1 − Gini of contributions"),
                    "",
                    "",
                    "",
                    "",
                    data["balance"]["index"],
                ]
            )
    else:
        writer.writerow(
            [
                _("Practices"),
                _("No figures: the library does not report to this page."),
                "",
                "",
                "",
                "",
                "",
            ]
        )
    return out.getvalue()
