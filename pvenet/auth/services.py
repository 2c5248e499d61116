"""Account rules: login and throttling, invitations, password reset, profile, API tokens.

Services flush and never commit (STYLE C4/C5); the view or command that calls them commits.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from ..audit.services import record
from ..extensions import db
from ..mail.services import queue_mail
from ..states.models import MemberState
from ..web import external_url
from .models import ApiToken, LoginFailure, Role, User
from .passwords import MIN_LENGTH, hash_password, needs_rehash, verify_password


class AccountError(Exception):
    """A request about an account that the rules refuse; ``str()`` is a user message."""

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


# --------------------------------------------------------------------------- lookup


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


# --------------------------------------------------------------------------- login


def throttle_window_start(now: datetime) -> datetime:
    return now - timedelta(minutes=current_app.config["LOGIN_THROTTLE_MINUTES"])


def is_throttled(email: str, ip: str, now: datetime) -> bool:
    """Too many recent failures for this account or from this address?"""
    since = throttle_window_start(now)
    email = email.strip().lower()
    per_account = db.session.scalar(
        select(func.count(LoginFailure.id)).where(
            LoginFailure.email == email, LoginFailure.created_at >= since
        )
    )
    per_address = db.session.scalar(
        select(func.count(LoginFailure.id)).where(
            LoginFailure.ip == ip, LoginFailure.created_at >= since
        )
    )
    cfg = current_app.config
    return bool(
        per_account >= cfg["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
        or per_address >= cfg["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    )


def authenticate(email: str, password: str, *, ip: str, now: datetime) -> User | None:
    """The active user with these credentials, or ``None``; failures are recorded.

    The same answer and about the same time for an unknown e-mail, a wrong password and a
    deactivated account, so the login form never tells whether an e-mail exists.
    """
    user = get_user_by_email(email)
    ok = verify_password(user.password_hash if user else None, password)
    if not (ok and user is not None and user.is_active):
        db.session.add(LoginFailure(email=email.strip().lower()[:254], ip=ip, created_at=now))
        record(user, "auth.login_failed", user, email=email.strip().lower()[:254])
        return None
    if user.password_hash and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = now
    # A success clears the account's failure count.
    db.session.execute(LoginFailure.__table__.delete().where(LoginFailure.email == user.email))
    record(user, "auth.login", user)
    return user


def logout(user: User) -> None:
    """End every session of ``user``, including copies of its cookies."""
    user.session_version += 1
    record(user, "auth.logout", user)
    db.session.flush()


def prune_login_failures(now: datetime) -> int:
    """Delete failures older than the throttle window; returns how many."""
    result = db.session.execute(
        LoginFailure.__table__.delete().where(LoginFailure.created_at < throttle_window_start(now))
    )
    return result.rowcount or 0


# --------------------------------------------------------------------------- passwords


def check_password_strength(password: str, *, email: str = "") -> None:
    if len(password) < MIN_LENGTH:
        raise AccountError(
            _l("The password must have at least %(n)d characters.", n=MIN_LENGTH), "password"
        )
    if email and password.strip().lower() == email.strip().lower():
        raise AccountError(_l("The password must not be your e-mail address."), "password")


def set_password(user: User, password: str, *, actor: User | None, action: str) -> None:
    check_password_strength(password, email=user.email)
    user.password_hash = hash_password(password)
    user.session_version += 1  # every other session of this user ends
    record(actor, action, user)
    db.session.flush()


def change_password(user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise AccountError(_l("The current password is not correct."), "current")
    set_password(user, new, actor=user, action="auth.password_changed")


# --------------------------------------------------------------------------- signed links

INVITE_SALT = "pvenet.invitation"
RESET_SALT = "pvenet.password-reset"


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _fingerprint(user: User) -> str:
    """Changes when the password is set or the session version bumps: links are single-use."""
    raw = f"{user.password_hash or '-'}:{user.session_version}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def make_link_token(user: User, salt: str, now: datetime) -> str:
    # itsdangerous stamps tokens with the wall clock; we sign our own clock's time
    # into the payload instead so expiry follows pvenet.clock in tests and demos.
    return _serializer(salt).dumps(
        {"u": user.id, "f": _fingerprint(user), "t": int(now.timestamp())}
    )


def read_link_token(token: str, salt: str, max_age: timedelta, now: datetime) -> User:
    """The user a link token names, if it is genuine, unexpired and unused."""
    invalid = AccountError(_l("This link is invalid or has already been used."))
    try:
        data = _serializer(salt).loads(token)
    except (BadSignature, SignatureExpired):
        raise invalid from None
    if not isinstance(data, dict) or not {"u", "f", "t"} <= data.keys():
        raise invalid
    user = db.session.get(User, data["u"])
    if user is None or not user.is_active or data["f"] != _fingerprint(user):
        raise invalid
    if now.timestamp() - data["t"] > max_age.total_seconds():
        raise AccountError(_l("This link has expired. Ask for a new one."))
    return user


def invitation_max_age() -> timedelta:
    return timedelta(days=current_app.config["INVITATION_DAYS"])


def reset_max_age() -> timedelta:
    return timedelta(hours=current_app.config["RESET_HOURS"])


def _mail_user(user: User, template: str, subject: Any, **context: Any) -> None:
    """Queue a mail to ``user`` rendered in the user's own language."""
    locale = user.locale or current_app.config["DEFAULT_LOCALE"]
    with force_locale(locale):
        body = render_template(template, user=user, **context)
        queue_mail(user.email, str(subject), body)


def invite_user(
    *,
    actor: User,
    email: str,
    name: str,
    role: Role,
    state: MemberState | None,
    locale: str | None,
    now: datetime,
) -> User:
    """Create an account without a password and mail its owner a signed invitation link."""
    email = email.strip().lower()
    if get_user_by_email(email) is not None:
        raise AccountError(_l("A user with this e-mail address already exists."), "email")
    check_role_state(role, state)
    user = User(email=email, name=name.strip(), role=role, state=state, locale=locale)
    db.session.add(user)
    db.session.flush()
    send_invitation(user, actor=actor, now=now, action="auth.invited")
    return user


def send_invitation(user: User, *, actor: User, now: datetime, action: str) -> None:
    if user.has_password:
        raise AccountError(_l("This user has already accepted the invitation."))
    if action != "auth.invited":
        user.session_version += 1  # the previous invitation link stops working
        db.session.flush()
    token = make_link_token(user, INVITE_SALT, now)
    _mail_user(
        user,
        "auth/email/invitation.txt",
        _l("Your invitation to pvenet"),
        link=external_url("auth.accept_invitation", token=token),
        days=current_app.config["INVITATION_DAYS"],
        inviter=actor,
    )
    record(actor, action, user, email=user.email, role=user.role.value)


def accept_invitation(token: str, password: str, now: datetime) -> User:
    user = read_link_token(token, INVITE_SALT, invitation_max_age(), now)
    if user.has_password:
        raise AccountError(_l("This link is invalid or has already been used."))
    set_password(user, password, actor=user, action="auth.invitation_accepted")
    return user


def request_password_reset(email: str, now: datetime) -> None:
    """Mail a reset link if the account exists; say nothing either way."""
    user = get_user_by_email(email)
    if user is None or not user.is_active or not user.has_password:
        return
    token = make_link_token(user, RESET_SALT, now)
    _mail_user(
        user,
        "auth/email/reset.txt",
        _l("Resetting your pvenet password"),
        link=external_url("auth.reset_password", token=token),
        hours=current_app.config["RESET_HOURS"],
    )
    record(None, "auth.reset_requested", user)


def reset_password(token: str, password: str, now: datetime) -> User:
    user = read_link_token(token, RESET_SALT, reset_max_age(), now)
    set_password(user, password, actor=user, action="auth.password_reset")
    return user


# --------------------------------------------------------------------------- profile/admin


def check_role_state(role: Role, state: MemberState | None) -> None:
    if role == Role.focal_point and state is None:
        raise AccountError(_l("A focal point must belong to a member state."), "state")
    if role != Role.focal_point and state is not None:
        raise AccountError(_l("Only focal points belong to a member state."), "state")


def update_profile(user: User, *, name: str, locale: str | None) -> None:
    changes = {}
    if user.name != name.strip():
        changes["name"] = [user.name, name.strip()]
        user.name = name.strip()
    if user.locale != locale:
        changes["locale"] = [user.locale, locale]
        user.locale = locale
    if changes:
        record(user, "auth.profile_updated", user, **changes)
    db.session.flush()


def change_role(user: User, *, actor: User, role: Role, state: MemberState | None) -> None:
    check_role_state(role, state)
    if user.id == actor.id and role != Role.admin:
        raise AccountError(_l("You cannot take the admin role from yourself."), "role")
    before = [user.role.value, user.state.code if user.state else None]
    user.role, user.state = role, state
    record(
        actor,
        "auth.role_changed",
        user,
        before=before,
        after=[role.value, state.code if state else None],
    )
    db.session.flush()


def set_active(user: User, *, actor: User, active: bool) -> None:
    if user.id == actor.id and not active:
        raise AccountError(_l("You cannot deactivate your own account."))
    if user.is_active_flag == active:
        return
    user.is_active_flag = active
    if not active:
        user.session_version += 1  # logged out on the next request
    record(actor, "auth.activated" if active else "auth.deactivated", user)
    db.session.flush()


def create_admin(email: str, name: str, password: str) -> User:
    if get_user_by_email(email) is not None:
        raise AccountError(_l("A user with this e-mail address already exists."), "email")
    user = User(email=email, name=name, role=Role.admin)
    check_password_strength(password, email=email)
    user.password_hash = hash_password(password)
    db.session.add(user)
    db.session.flush()
    record(None, "auth.admin_created", user, email=user.email)
    return user


# --------------------------------------------------------------------------- API tokens


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; the plain value is returned once and never stored."""
    plain = "pvn_" + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name.strip() or "API", prefix=plain[:10], digest=_digest(plain)
    )
    db.session.add(token)
    db.session.flush()
    record(user, "auth.token_created", token, name=token.name)
    return token, plain


def revoke_api_token(token: ApiToken, *, actor: User, now: datetime) -> None:
    if token.revoked_at is None:
        token.revoked_at = now
        record(actor, "auth.token_revoked", token, name=token.name)
        db.session.flush()


def user_for_api_token(plain: str, now: datetime) -> User | None:
    token = db.session.scalar(select(ApiToken).where(ApiToken.digest == _digest(plain)))
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    token.last_used_at = now
    return token.user
