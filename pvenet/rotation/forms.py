"""The rotation's forms: the policy, elections and ballots, overrides."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..forms import no_control_chars


def _int_list(_form: Any, field: Any) -> None:
    raw = (field.data or "").replace(",", " ").split()
    try:
        field.parsed = [int(x) for x in raw]
    except ValueError:
        raise ValidationError(_l("Give whole numbers of days, separated by commas.")) from None


def _codes(_form: Any, field: Any) -> None:
    field.parsed = [c.upper() for c in (field.data or "").replace(",", " ").split()]
    if not field.parsed or any(len(c) != 2 or not c.isalpha() for c in field.parsed):
        raise ValidationError(_l("Give two-letter state codes separated by spaces, e.g. KZ KG."))


class PolicyForm(FlaskForm):
    anchor_on = DateField(
        _l("Anchor date (first day of the inaugural term)"), validators=[InputRequired()]
    )
    term_months = IntegerField(
        _l("Term length in months"), default=6, validators=[InputRequired(), NumberRange(1, 24)]
    )
    order = StringField(
        _l("Rotation order"),
        description=_l("State codes in order, e.g. KZ KG TJ TM UZ (only when setting up)."),
        validators=[Length(max=200), no_control_chars],
    )
    timezone = StringField(
        _l("Handover time zone"),
        default="Asia/Almaty",
        description=_l("The handover is at midnight in this time zone (IANA name)."),
        validators=[DataRequired(), Length(max=64), no_control_chars],
    )
    reminder_days = StringField(
        _l("Reminders before a handover (days)"),
        default="30, 7",
        validators=[Length(max=100), no_control_chars, _int_list],
    )


class ElectionForm(FlaskForm):
    term_sequence = SelectField(_l("Term to elect the chair of"), coerce=int)
    closes_at = DateTimeLocalField(
        _l("Ballots accepted until (UTC)"),
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        validators=[InputRequired()],
    )


class BallotForm(FlaskForm):
    candidate = SelectField(_l("Your state's vote"), validators=[InputRequired()])


class TieForm(FlaskForm):
    winner = SelectField(_l("Elected state"), validators=[InputRequired()])
    reason = TextAreaField(
        _l("Reason for the decision"),
        validators=[DataRequired(), Length(max=2000), no_control_chars],
    )


class OverrideForm(FlaskForm):
    """All override fields; each kind's page shows the ones it needs."""

    sequence = SelectField(_l("Term"), coerce=int)
    other = SelectField(_l("Swap with term"), coerce=int)
    months = IntegerField(
        _l("Extend by (months)"), validators=[InputRequired(), NumberRange(1, 12)]
    )
    state = SelectField(_l("State"))
    order = StringField(
        _l("New rotation order"),
        description=_l("State codes in the new order, e.g. KZ KG TJ TM UZ."),
        validators=[Length(max=200), no_control_chars, _codes],
    )
    from_on = DateField(
        _l("First day of the interim"),
        description=_l("Only when the current chair steps down mid-term."),
        validators=[Optional()],
    )
    reason = TextAreaField(
        _l("Reason"),
        description=_l("Written to the audit log and sent to the states concerned."),
        validators=[Length(max=2000), no_control_chars],
    )
    confirm = HiddenField()

    #: The fields each kind of override uses (the others are removed before validation).
    FIELDS = {
        "waive": ["sequence"],
        "defer": ["sequence"],
        "swap": ["sequence", "other"],
        "extend": ["months"],
        "interim": ["sequence", "from_on"],
        "suspend": ["state"],
        "reinstate": ["state"],
        "reorder": ["order"],
    }
    ALL = ["sequence", "other", "months", "state", "order", "from_on"]

    def keep_only(self, kind: str) -> None:
        for name in self.ALL:
            if name not in self.FIELDS[kind]:
                delattr(self, name)
