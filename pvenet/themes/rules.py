"""The themes feature's permission rules (they read the clock; the services check again)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from .. import clock
from ..auth.permissions import rule
from .services.access import is_incoming, may_edit


@rule(
    "themes.edit",
    need=_l(
        "to be a focal point of the chairing state (from 30 days before its term until the "
        "handover) or an administrator; past terms are read-only"
    ),
)
def _edit(user: Any, term: Any) -> bool:
    return may_edit(user, term, clock.now())


@rule("themes.incoming", need=_l("to be a focal point of the incoming chair's state"))
def _incoming(user: Any, term: Any) -> bool:
    return is_incoming(user, term, clock.now())
