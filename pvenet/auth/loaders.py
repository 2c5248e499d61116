"""How Flask-Login finds the user of a request: session cookie or API bearer token."""

from __future__ import annotations

from flask import Request
from flask_babel import lazy_gettext as _l

from .. import clock, reads
from ..extensions import db, login_manager
from . import services
from .models import User


def init_login(app) -> None:  # noqa: ANN001 - Flask app
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Sessions store ``id:version``; a bumped version or a deactivation ends them."""
    try:
        raw_id, raw_version = user_id.split(":", 1)
        uid, version = int(raw_id), int(raw_version)
    except ValueError:
        return None
    user = reads.get(User, uid)  # no transaction opened for it (see pvenet.reads)
    if user is None or not user.is_active or user.session_version != version:
        return None
    return user


@login_manager.request_loader
def load_user_from_token(request: Request) -> User | None:
    """Personal API tokens act only on the JSON API, never on the HTML pages."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer ") or not request.path.startswith("/api/"):
        return None
    user = services.user_for_api_token(header[7:].strip(), clock.utcnow_naive())
    if user is not None:
        db.session.commit()  # records last_used_at
    return user
