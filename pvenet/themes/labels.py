"""Labels and helpers for the programme's templates."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..rotation.models import ChairTerm
from .forms import LANGUAGE_LABELS, MEETING_VISIBILITY_LABELS

IN_LANGUAGE = {"en": _l("In English"), "ru": _l("In Russian")}
SCOPE_SHORT = {"regional": _l("Regional"), "national": _l("National")}


def holder_name(term: ChairTerm) -> str:
    return term.state.name() if term.state is not None else _("UNODC (secretariat)")


def template_helpers() -> dict[str, Any]:
    return {
        "holder_name": holder_name,
        "in_language": lambda code: IN_LANGUAGE.get(code, code),
        "language_label": lambda code: LANGUAGE_LABELS.get(code, code),
        "scope_label": lambda code: SCOPE_SHORT.get(str(code), code),
        "meeting_visibility_label": lambda v: MEETING_VISIBILITY_LABELS.get(v, v),
    }
