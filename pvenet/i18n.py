"""Locale selection and locale-aware helpers for templates."""

from __future__ import annotations

from flask import current_app, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user


def select_locale() -> str:
    """User's setting → explicit choice (session) → Accept-Language → configured default."""
    languages = current_app.config["LANGUAGES"]
    if has_request_context():
        user = current_user
        if user and user.is_authenticated and getattr(user, "locale", None) in languages:
            return user.locale
        chosen = session.get("locale")
        if chosen in languages:
            return chosen
        best = request.accept_languages.best_match(languages)
        if best:
            return best
    return current_app.config["DEFAULT_LOCALE"]


def current_language() -> str:
    """The language code of the current locale ("en" or "ru")."""
    return get_locale().language if get_locale() else "en"


LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}
