"""Forms staff fill in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Regexp

from shared.cases import rules
from shared.cases.wording import OUTCOME_LABELS, OUTCOME_SOUGHT_LABELS
from shared.web.validators import DomainRule, NoControlCharacters
from shared.web.widgets import (
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
        validators=[DataRequired(message=_l("Enter your email address")), NoControlCharacters()],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[DataRequired(message=_l("Enter your password")), NoControlCharacters()],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


_STALE_PAGE = _l("This page is out of date. Go back to the case, reload it and try again.")


class CaseForm(FlaskForm):
    """A form that changes a case carries the version of the case it was drawn from, so a
    change made meanwhile by someone else is refused rather than overwritten."""

    version = HiddenField(
        validators=[
            InputRequired(message=_STALE_PAGE),
            Regexp(r"^[0-9]{1,9}$", message=_STALE_PAGE),
        ]
    )

    @property
    def expected_version(self) -> int:
        return int(self.version.data)

    def for_case(self, complaint) -> CaseForm:
        if not self.version.data:
            self.version.data = str(complaint.version)
        return self


class DefinitionForm(CaseForm):
    """The complaint definition written on acknowledgement (Code 5.6)."""

    points = TextAreaField(
        _l("What the complaint is about"),
        description=_l(
            "Write each point we will investigate on its own line. They will be numbered."
        ),
        widget=GovTextArea(),
        validators=[DomainRule(rules.definition_points)],
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
        return rules.definition_points(self.points.data)


class DecisionForm(CaseForm):
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
        validators=[DomainRule(rules.decision_reasons)],
    )
    submit = SubmitField(_l("Send response"), widget=GovSubmitInput())


class CloseForm(CaseForm):
    submit = SubmitField(_l("Close complaint"), widget=GovSubmitInput())


class ExtensionForm(CaseForm):
    """More time for the response, with the reason the resident will be told (Code 6.4)."""

    working_days = StringField(
        _l("How many working days to add"),
        widget=GovTextInput(),
        validators=[DomainRule(rules.extension_working_days)],
    )
    reason = TextAreaField(
        _l("Why we need more time"),
        description=_l("The resident is sent this reason with the new date."),
        widget=GovTextArea(),
        validators=[DomainRule(rules.extension_reason)],
    )
    good_reason = TextAreaField(
        _l("Good reason for going beyond the limit (only if it does)"),
        description=_l(
            "Needed when all the extensions together go beyond the policy's limit. A "
            "complaints manager must then approve it before the resident is told."
        ),
        widget=GovTextArea(),
        validators=[NoControlCharacters()],
    )
    submit = SubmitField(_l("Extend the deadline"), widget=GovSubmitInput())


class ExtensionDecisionForm(CaseForm):
    approve = SubmitField(_l("Approve extension"), widget=GovSubmitInput())
    refuse = SubmitField(_l("Refuse extension"), widget=GovSubmitInput())
