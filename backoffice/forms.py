"""Forms staff fill in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    PasswordField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length

from shared.formatting import OUTCOME_LABELS, OUTCOME_SOUGHT_LABELS
from shared.i18n import number
from shared.lifecycle.complaints import MAX_REASONS
from shared.widgets import (
    GovCheckboxesInput,
    GovPasswordInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)


class SignInForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter your email address"))],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[DataRequired(message=_l("Enter your password"))],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class DefinitionForm(FlaskForm):
    """The complaint definition written on acknowledgement (Code 5.6)."""

    points = TextAreaField(
        _l("What the complaint is about"),
        description=_l(
            "Write each point we will investigate on its own line. They will be numbered."
        ),
        widget=GovTextArea(),
        validators=[
            DataRequired(message=_l("Write at least one point of the complaint definition")),
            Length(
                max=20_000,
                message=_l(
                    "The definition must be %(max)s characters or fewer", max=number(20_000)
                ),
            ),
        ],
    )
    outcomes_sought = SelectMultipleField(
        _l("Outcomes the resident is asking for"),
        choices=[SelectChoice(code, label) for code, label in OUTCOME_SOUGHT_LABELS.items()],
        widget=GovCheckboxesInput(),
        validators=[InputRequired(message=_l("Select the outcomes the resident is asking for"))],
        invalid_choice_message=_l("Select the outcomes the resident is asking for"),
    )
    submit = SubmitField(_l("Acknowledge complaint"), widget=GovSubmitInput())

    def point_list(self) -> list[str]:
        return [line.strip() for line in (self.points.data or "").splitlines() if line.strip()]


class DecisionForm(FlaskForm):
    outcome = RadioField(
        _l("Decision"),
        choices=[SelectChoice(code, label) for code, label in OUTCOME_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select the decision"))],
        invalid_choice_message=_l("Select the decision"),
    )
    reasons = TextAreaField(
        _l("Findings and reasons"),
        description=_l("Answer every point of the complaint definition, with your reasons."),
        widget=GovTextArea(),
        validators=[
            DataRequired(message=_l("Give the reasons for the decision")),
            Length(
                max=MAX_REASONS,
                message=_l(
                    "The reasons must be %(max)s characters or fewer", max=number(MAX_REASONS)
                ),
            ),
        ],
    )
    submit = SubmitField(_l("Send response"), widget=GovSubmitInput())


class CloseForm(FlaskForm):
    submit = SubmitField(_l("Close complaint"), widget=GovSubmitInput())
