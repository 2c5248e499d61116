"""Form pieces shared by every feature."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, SelectChoice
from wtforms.validators import ValidationError


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for POST-only buttons."""


def no_control_chars(_form: Any, field: Field) -> None:
    """Refuse NUL and other C0 control characters (PostgreSQL rejects NUL outright)."""
    value = field.data
    if isinstance(value, str) and any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise ValidationError(_l("This field contains characters that are not allowed."))


def choices(pairs: Any) -> list[SelectChoice]:
    """``SelectField`` choices from (value, label) pairs (WTForms 3.3 wants SelectChoice)."""
    return [SelectChoice(value, label) for value, label in pairs]
