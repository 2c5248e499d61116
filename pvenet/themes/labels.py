"""Labels and helpers for the programme's templates."""

from __future__ import annotations

from typing import Any

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..rotation.models import ChairTerm
from .forms import LANGUAGE_LABELS

IN_LANGUAGE = {"en": _l("In English"), "ru": _l("In Russian")}
SCOPE_SHORT = {"regional": _l("Regional"), "national": _l("National")}


def holder_name(term: ChairTerm) -> str:
    return term.state.name() if term.state is not None else _("UNODC (secretariat)")


def template_helpers() -> dict[str, Any]:
    """Helpers for the programme's templates and macros (also on the home page), prefixed
    ``th_`` so that they never shadow another feature's."""
    return {
        "th_holder": holder_name,
        "th_in_language": lambda code: IN_LANGUAGE.get(code, code),
        "th_language": lambda code: LANGUAGE_LABELS.get(code, code),
        "th_scope": lambda code: SCOPE_SHORT.get(str(code), code),
        "th_percent": lambda share: format_percent(share, "#,##0.0%"),
        "th_number": lambda value: format_decimal(value, "0.00"),
        # The rotation's timeline links each stored term to its programme and report.
        "term_links": [
            ("themes.programme", _l("Programme of the chair")),
            ("themes.report", _l("Term report")),
        ],
    }
