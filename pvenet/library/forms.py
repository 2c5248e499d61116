"""Library forms: cheap checks here, the rules in the services (STYLE.md C11)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..forms import choices, no_control_chars
from .models import Visibility
from .services.content import (
    BODY_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    PracticeContent,
    TextContent,
)
from .services.workflow import COMMENT_MAX
from .vocab import LANGUAGE_LABELS, TARGET_GROUPS, TOPICS, TYPE_LABELS, PracticeType

VISIBILITY_LABELS = {
    Visibility.public: _l("Public: everyone, also without an account"),
    Visibility.network: _l("Network-only: logged-in members of the network"),
    Visibility.restricted: _l("Restricted: your state's focal points and the administrators"),
}


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _text_fields(language: str) -> tuple[StringField, TextAreaField, TextAreaField]:
    """Title, summary and body in one language (all optional here; see the service)."""
    label = LANGUAGE_LABELS[language]
    return (
        StringField(
            _l("Title (%(language)s)", language=label),
            validators=[Optional(), Length(max=TITLE_MAX), no_control_chars],
        ),
        TextAreaField(
            _l("Summary (%(language)s)", language=label),
            validators=[Optional(), Length(max=SUMMARY_MAX), no_control_chars],
            description=_l("Two or three sentences shown in the listing."),
        ),
        TextAreaField(
            _l("Text (%(language)s)", language=label),
            validators=[Optional(), Length(max=BODY_MAX), no_control_chars],
            description=_l(
                "Markdown: **bold**, *italic*, lists, tables, [links](https://…). "
                "HTML is shown as text."
            ),
        ),
    )


class PracticeForm(FlaskForm):
    state = SelectField(_l("Member state"), validators=[DataRequired()])
    type = SelectField(
        _l("Type"),
        choices=choices((t.value, label) for t, label in TYPE_LABELS.items()),
        validators=[DataRequired()],
    )
    year = IntegerField(
        _l("Year"),
        validators=[InputRequired(), NumberRange(min=1991, max=2200)],
        description=_l("The year the practice was adopted, published or carried out."),
    )
    original_language = RadioField(
        _l("Written in"),
        choices=choices(LANGUAGE_LABELS.items()),
        validators=[DataRequired()],
        default="en",
    )
    topics = CheckboxesField(_l("Topics"), choices=choices(TOPICS))
    target_groups = CheckboxesField(_l("Target groups"), choices=choices(TARGET_GROUPS))
    themes = CheckboxesField(
        _l("Themes of the chair"),
        coerce=int,
        choices=[],
        description=_l("The thematic priorities of the current or a past term it serves."),
    )
    source_url = StringField(
        _l("Source link"),
        validators=[Optional(), Length(max=500), no_control_chars],
        description=_l("Where the original document can be found (http:// or https://)."),
    )
    visibility = RadioField(
        _l("Who may read it"),
        choices=choices((v.value, label) for v, label in VISIBILITY_LABELS.items()),
        default=Visibility.public.value,
        validators=[DataRequired()],
        description=_l("Applies at once, also to a published practice."),
    )
    title_en, summary_en, body_en = _text_fields("en")
    title_ru, summary_ru, body_ru = _text_fields("ru")
    attachment = FileField(
        _l("Attachment"),
        description=_l("Optional. PDF, DOCX, XLSX, PPTX, ODT, PNG or JPEG."),
    )

    def content(self) -> PracticeContent:
        texts = {}
        for lang in LANGUAGE_LABELS:
            texts[lang] = TextContent(
                getattr(self, f"title_{lang}").data or "",
                getattr(self, f"summary_{lang}").data or "",
                getattr(self, f"body_{lang}").data or "",
            )
        return PracticeContent(
            type=PracticeType(self.type.data),
            year=int(self.year.data),
            original_language=self.original_language.data,
            texts=texts,
            topics=list(self.topics.data or []),
            target_groups=list(self.target_groups.data or []),
            source_url=self.source_url.data or None,
            themes=list(self.themes.data or []),
        )

    def fill(self, content: PracticeContent, visibility: Visibility) -> None:
        self.type.data = content.type.value
        self.year.data = content.year
        self.original_language.data = content.original_language
        self.topics.data = list(content.topics)
        self.target_groups.data = list(content.target_groups)
        self.source_url.data = content.source_url or ""
        self.themes.data = list(content.themes)
        self.visibility.data = visibility.value
        for lang, text in content.texts.items():
            getattr(self, f"title_{lang}").data = text.title
            getattr(self, f"summary_{lang}").data = text.summary
            getattr(self, f"body_{lang}").data = text.body


class TranslationForm(FlaskForm):
    title = StringField(
        _l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX), no_control_chars]
    )
    summary = TextAreaField(
        _l("Summary"), validators=[DataRequired(), Length(max=SUMMARY_MAX), no_control_chars]
    )
    body = TextAreaField(
        _l("Text"),
        validators=[DataRequired(), Length(max=BODY_MAX), no_control_chars],
        description=_l("Markdown, as in the original."),
    )


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Comment"), validators=[DataRequired(), Length(max=COMMENT_MAX), no_control_chars]
    )


class DecisionForm(FlaskForm):
    """Approve or return: the comment is required when returning (checked in the service)."""

    body = TextAreaField(
        _l("Comment to the authors"),
        validators=[Optional(), Length(max=COMMENT_MAX), no_control_chars],
        description=_l("Required when you return the submission."),
    )


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for withdrawing"),
        validators=[DataRequired(), Length(max=COMMENT_MAX), no_control_chars],
    )


class SubmitForm(FlaskForm):
    body = TextAreaField(
        _l("Note to the reviewers"),
        validators=[Optional(), Length(max=COMMENT_MAX), no_control_chars],
    )
