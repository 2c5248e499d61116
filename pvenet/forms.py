"""Form pieces shared by every feature."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from wtforms import Field, SelectChoice
from wtforms.validators import ValidationError


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for POST-only buttons."""


class ButtonForms:
    """``csrf_form`` in templates: the CSRF field of POST-only buttons (as
    ``EmptyForm().csrf_token`` renders it). The navigation renders it on every page, so it
    skips building a WTForms form each time; :class:`EmptyForm` still validates the POST.
    """

    @property
    def csrf_token(self) -> Markup:
        return Markup('<input id="csrf_token" name="csrf_token" type="hidden" value="{}">').format(
            generate_csrf()
        )


def no_control_chars(_form: Any, field: Field) -> None:
    """Refuse NUL and other C0 control characters (PostgreSQL rejects NUL outright)."""
    value = field.data
    if isinstance(value, str) and any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise ValidationError(_l("This field contains characters that are not allowed."))


def choices(pairs: Any) -> list[SelectChoice]:
    """``SelectField`` choices from (value, label) pairs (WTForms 3.3 wants SelectChoice)."""
    return [SelectChoice(value, label) for value, label in pairs]
