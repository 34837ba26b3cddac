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
from shared.cases.exclusions import EXCLUSION_REASONS
from shared.cases.wording import CHANNEL_LABELS, OUTCOME_LABELS, OUTCOME_SOUGHT_LABELS
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


_ROUTE_HINT = _l(
    "What the resident can do instead. Leave it empty to send the usual route for the "
    "reasons chosen."
)


class NotAcceptForm(CaseForm):
    """Not accepting a complaint, on its own merits (Code 2.1-2.5)."""

    reasons = SelectMultipleField(
        _l("Why can it not be accepted?"),
        choices=[
            SelectChoice(r.code, r.label) for r in EXCLUSION_REASONS if r.code != "service_request"
        ],
        widget=GovCheckboxesInput(),
        validators=[DomainRule(rules.exclusion_reasons)],
        invalid_choice_message=_l("Select the reasons for not accepting the complaint"),
    )
    discretion = RadioField(
        _l("If it is over 12 months old: did you consider accepting it anyway?"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        widget=GovRadioInput(),
        validate_choice=False,
    )
    explanation = TextAreaField(
        _l("Explanation for the resident"),
        description=_l("On the facts of this complaint: it is sent to the resident."),
        widget=GovTextArea(),
        validators=[DomainRule(rules.exclusion_explanation)],
    )
    alternative_route = TextAreaField(
        _l("What the resident can do instead"),
        description=_ROUTE_HINT,
        widget=GovTextArea(),
        validators=[DomainRule(rules.alternative_route)],
    )
    submit = SubmitField(_l("Do not accept the complaint"), widget=GovSubmitInput())


class ServiceRequestForm(CaseForm):
    explanation = TextAreaField(
        _l("Explanation for the resident"),
        description=_l("What the service will do about it: it is sent to the resident."),
        widget=GovTextArea(),
        validators=[DomainRule(rules.exclusion_explanation)],
    )
    alternative_route = TextAreaField(
        _l("What happens next"),
        description=_ROUTE_HINT,
        widget=GovTextArea(),
        validators=[DomainRule(rules.alternative_route)],
    )
    submit = SubmitField(_l("Treat as a service request"), widget=GovSubmitInput())


class ReversalForm(CaseForm):
    reason = TextAreaField(
        _l("Why is the decision being reversed?"),
        description=_l("For example, the Ombudsman asked the council to take the complaint on."),
        widget=GovTextArea(),
        validators=[DomainRule(rules.reversal_reason)],
    )
    submit = SubmitField(_l("Accept the complaint"), widget=GovSubmitInput())


class WithdrawalForm(CaseForm):
    """The resident told staff they withdraw the complaint (recorded with how they did)."""

    how = RadioField(
        _l("How did the resident tell us?"),
        choices=[SelectChoice(code, label) for code, label in CHANNEL_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select how the resident contacted us"))],
        invalid_choice_message=_l("Select how the resident contacted us"),
    )
    reason = TextAreaField(
        _l("Their reason, if they gave one (optional)"),
        widget=GovTextArea(),
        validators=[DomainRule(rules.escalation_reason)],
    )
    submit = SubmitField(_l("Record the withdrawal"), widget=GovSubmitInput())
