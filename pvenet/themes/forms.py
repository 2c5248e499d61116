"""Forms of the chair's programme: a theme, a meeting, the reorder buttons."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..forms import choices, no_control_chars
from .models import MeetingVisibility, ThemeScope
from .services.meetings import AGENDA_MAX, CITY_MAX, MeetingContent
from .services.meetings import TITLE_MAX as MEETING_TITLE_MAX
from .services.themes import DESCRIPTION_MAX, TITLE_MAX, ThemeContent, ThemeTextContent

LANGUAGE_LABELS = {"en": _l("English"), "ru": _l("Russian")}
SCOPE_LABELS = {
    ThemeScope.regional: _l("Regional: the whole network"),
    ThemeScope.national: _l("National: one member state"),
}
MEETING_VISIBILITY_LABELS = {
    MeetingVisibility.public: _l("Public: everyone"),
    MeetingVisibility.network: _l("Network-only: logged-in members"),
}


class ThemeForm(FlaskForm):
    scope = RadioField(
        _l("Scope"),
        choices=choices((s.value, label) for s, label in SCOPE_LABELS.items()),
        default=ThemeScope.regional.value,
        validators=[DataRequired()],
    )
    state = SelectField(
        _l("Member state (national themes)"),
        validators=[Optional()],
        description=_l("Only for a national theme: the state it concerns."),
    )
    title_en = StringField(
        _l("Title (English)"), validators=[Optional(), Length(max=TITLE_MAX), no_control_chars]
    )
    description_en = TextAreaField(
        _l("Description (English)"),
        validators=[Optional(), Length(max=DESCRIPTION_MAX), no_control_chars],
    )
    title_ru = StringField(
        _l("Title (Russian)"), validators=[Optional(), Length(max=TITLE_MAX), no_control_chars]
    )
    description_ru = TextAreaField(
        _l("Description (Russian)"),
        validators=[Optional(), Length(max=DESCRIPTION_MAX), no_control_chars],
    )

    def content(self) -> ThemeContent:
        texts = {
            lang: ThemeTextContent(
                getattr(self, f"title_{lang}").data or "",
                getattr(self, f"description_{lang}").data or "",
            )
            for lang in LANGUAGE_LABELS
        }
        return ThemeContent(
            texts=texts, scope=ThemeScope(self.scope.data), state_code=self.state.data or None
        )

    def fill(self, content: ThemeContent) -> None:
        self.scope.data = content.scope.value
        self.state.data = content.state_code or ""
        for lang, text in content.texts.items():
            getattr(self, f"title_{lang}").data = text.title
            getattr(self, f"description_{lang}").data = text.description


class MeetingForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(), Length(max=MEETING_TITLE_MAX), no_control_chars],
    )
    starts_on = DateField(_l("First day"), validators=[DataRequired()])
    ends_on = DateField(
        _l("Last day"),
        validators=[Optional()],
        description=_l("Leave empty for a one-day meeting."),
    )
    city = StringField(_l("City"), validators=[Optional(), Length(max=CITY_MAX), no_control_chars])
    is_online = BooleanField(_l("Online meeting"))
    agenda = TextAreaField(
        _l("Agenda"), validators=[Optional(), Length(max=AGENDA_MAX), no_control_chars]
    )
    language = RadioField(
        _l("Language of the meeting"),
        choices=choices(LANGUAGE_LABELS.items()),
        default="en",
        validators=[DataRequired()],
        description=_l("The title and the agenda are written in this language."),
    )
    visibility = RadioField(
        _l("Who may see it"),
        choices=choices((v.value, label) for v, label in MEETING_VISIBILITY_LABELS.items()),
        default=MeetingVisibility.public.value,
        validators=[DataRequired()],
    )

    def content(self) -> MeetingContent:
        return MeetingContent(
            title=self.title.data or "",
            starts_on=self.starts_on.data,
            ends_on=self.ends_on.data,
            city=self.city.data or None,
            is_online=bool(self.is_online.data),
            agenda=self.agenda.data or "",
            language=self.language.data,
            visibility=MeetingVisibility(self.visibility.data),
        )

    def fill(self, content: MeetingContent) -> None:
        self.title.data = content.title
        self.starts_on.data = content.starts_on
        self.ends_on.data = content.ends_on
        self.city.data = content.city or ""
        self.is_online.data = content.is_online
        self.agenda.data = content.agenda
        self.language.data = content.language
        self.visibility.data = MeetingVisibility(content.visibility).value


class MoveForm(FlaskForm):
    direction = RadioField(
        _l("Direction"),
        choices=choices([("up", _l("Up")), ("down", _l("Down"))]),
        validators=[DataRequired()],
    )
