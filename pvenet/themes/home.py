"""The chair's programme on the home page: the current themes under the troika, the next
network meeting, and the incoming chair's notice to prepare its programme.

The app factory registers :func:`section` after the rotation's troika (see
``pvenet.register_features``), so the themes come under it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask_login import current_user

from .. import clock
from ..i18n import current_language
from ..rotation.services.queries import get_policy, troika
from .services import stored_term
from .services.access import is_incoming
from .services.meetings import upcoming
from .services.themes import term_themes

TEMPLATE = "themes/_home.html"


def section() -> dict[str, Any]:
    policy = get_policy()
    if policy is None:
        return {"term": None}
    today = clock.today(policy.timezone)
    t = troika(today)
    term = stored_term(t.current.sequence) if t.current else None
    following = stored_term(t.next.sequence) if t.next else None
    return {
        "term": term,
        "themes": term_themes(term) if term else [],
        "meetings": upcoming(current_user, today, limit=1),
        "incoming": following if is_incoming(current_user, following, clock.now()) else None,
        "language": current_language(),
        "today": today,
        "soon": today + timedelta(days=30),
    }
