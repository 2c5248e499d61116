"""The one place for permissions: role decorators and named object-level rules.

Features register their object rules here (``@rule("practice.edit", need=...)``) and
check them with :func:`authorize` in views or :func:`can` in templates, so every refusal
produces the same 403 page naming what the user would need.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn, TypeVar

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..extensions import login_manager
from .models import Role

F = TypeVar("F", bound=Callable[..., Any])

ROLE_NEEDS = {
    Role.admin: _l("an administrator's account (UNODC staff)"),
    Role.focal_point: _l("a national focal point's account"),
    Role.observer: _l("an observer's account"),
}


def deny(need: Any) -> NoReturn:
    """Abort with 403; ``need`` says what the user would need to be allowed."""
    abort(403, description=need)


def roles_required(*roles: Role) -> Callable[[F], F]:
    """Allow only logged-in users with one of ``roles``; others get the login page or 403."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                deny(_l("This page needs %(need)s.", need=_or(roles)))
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def _or(roles: tuple[Role, ...]) -> str:
    return str(_l(" or ")).join(str(ROLE_NEEDS[r]) for r in roles)


admin_required = roles_required(Role.admin)
member_required = roles_required(Role.admin, Role.focal_point, Role.observer)
focal_point_or_admin_required = roles_required(Role.admin, Role.focal_point)


Check = Callable[[Any, Any], bool]
_rules: dict[str, tuple[Check, Any]] = {}


def rule(name: str, *, need: Any) -> Callable[[Check], Check]:
    """Register ``check(user, obj) -> bool`` under ``name`` with the need shown on refusal."""

    def decorator(check: Check) -> Check:
        _rules[name] = (check, need)
        return check

    return decorator


def can(name: str, obj: Any = None, user: Any = None) -> bool:
    """Whether ``user`` (default: the current user) may do ``name`` on ``obj``."""
    check, _need = _rules[name]
    return bool(check(current_user if user is None else user, obj))


def authorize(name: str, obj: Any = None, user: Any = None) -> None:
    """Abort with 403 (or send an anonymous visitor to log in) unless :func:`can`."""
    if can(name, obj, user):
        return
    who = current_user if user is None else user
    if not who.is_authenticated:
        abort(login_manager.unauthorized())
    deny(_rules[name][1])


@rule("user.manage", need=_l("an administrator's account (UNODC staff)"))
def _manage_users(user: Any, _obj: Any) -> bool:
    return bool(user.is_authenticated and user.is_admin)
