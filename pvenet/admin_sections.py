"""The sections of the admin dashboard: each feature's admin page, in menu order.

The dashboard (:mod:`pvenet.admin`) sits above every feature, which therefore cannot
import it; a feature appends its section to this list, and the dashboard shows it.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

#: (endpoint, label, description) of each feature's admin page, in menu order.
SECTIONS: list[tuple[str, Any, Any]] = [
    ("users_admin.index", _l("Users"), _l("Invite people, change roles, deactivate accounts")),
    ("states.index", _l("Member states"), _l("Active states and their rotation positions")),
    ("audit.index", _l("Audit log"), _l("Every change of state, with filters and CSV export")),
]
