"""The library's permission rules, registered with :func:`pvenet.auth.permissions.rule`.

They read the clock (who chairs depends on the day) and defer to
:mod:`pvenet.library.services.access`, which the services check again themselves.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from .. import clock
from ..auth.models import Role
from ..auth.permissions import rule
from .services import access
from .services.workflow import editing_mode


def _now():
    return clock.utcnow_naive()


@rule("practice.create", need=_l("a national focal point's or an administrator's account"))
def _create(user: Any, _obj: Any) -> bool:
    return bool(user.is_authenticated and user.role in (Role.admin, Role.focal_point))


@rule("practice.edit", need=_l("to be a focal point of the practice's state, or an administrator"))
def _edit(user: Any, practice: Any) -> bool:
    return access.may_write(user, practice) and editing_mode(practice) != "locked"


@rule("practice.write", need=_l("to be a focal point of the practice's state, or an administrator"))
def _write(user: Any, practice: Any) -> bool:
    return access.may_write(user, practice)


@rule(
    "practice.review",
    need=_l(
        "to be an administrator or a focal point of the chairing state; nobody reviews "
        "a submission from their own state"
    ),
)
def _review(user: Any, practice: Any) -> bool:
    return access.may_review(user, practice, _now())


@rule("practice.reviewer", need=_l("to be an administrator or a focal point of the chairing state"))
def _reviewer(user: Any, _obj: Any) -> bool:
    return access.is_reviewer(user, _now())


@rule(
    "practice.translate",
    need=_l("to be a focal point of the practice's state, a reviewer, or an administrator"),
)
def _translate(user: Any, practice: Any) -> bool:
    return access.may_translate(user, practice, _now())


@rule(
    "practice.comment",
    need=_l("to be a focal point of the practice's state, a reviewer, or an administrator"),
)
def _comment(user: Any, practice: Any) -> bool:
    return access.may_write(user, practice) or access.may_review(user, practice, _now())
