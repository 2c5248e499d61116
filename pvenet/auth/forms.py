"""Account forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from ..forms import choices, no_control_chars
from .passwords import MIN_LENGTH

LOCALE_CHOICES = [("", _l("Follow my browser")), ("en", "English"), ("ru", "Русский")]
LANGUAGES = [("en", "English"), ("ru", "Русский")]


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1000)])
    remember = BooleanField(_l("Keep me logged in on this computer"))


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(),
            Length(
                min=MIN_LENGTH,
                max=1000,
                message=_l("The password must have at least %(n)d characters.", n=MIN_LENGTH),
            ),
        ],
        description=_l("At least %(n)d characters.", n=MIN_LENGTH),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class ChangePasswordForm(NewPasswordForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])


class ResetRequestForm(FlaskForm):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )


class ProfileForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), no_control_chars])
    locale = SelectField(_l("Preferred language"), choices=choices(LOCALE_CHOICES))


class TokenForm(FlaskForm):
    name = StringField(
        _l("Token name"), validators=[DataRequired(), Length(max=100), no_control_chars]
    )


ROLE_CHOICES = [
    ("focal_point", _l("Focal point")),
    ("observer", _l("Observer")),
    ("admin", _l("Administrator")),
]


class UserRoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=choices(ROLE_CHOICES), validators=[DataRequired()])
    state = SelectField(
        _l("Member state"),
        choices=[],
        validators=[Optional()],
        description=_l("Required for focal points; leave empty for other roles."),
    )


class InviteForm(UserRoleForm):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), no_control_chars])
    locale = SelectField(_l("Language of the invitation"), choices=choices(LANGUAGES))
