"""Forms staff fill in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Form,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired

from backoffice.admin_forms import GovDateField
from backoffice.versioned import DrawnFromVersion, version_field
from shared.cases import rules, work_queue
from shared.cases.exclusions import EXCLUSION_REASONS
from shared.cases.handlers import eligible_handlers
from shared.cases.state_machine import OPEN_STATUSES
from shared.cases.wording import (
    CHANNEL_LABELS,
    OUTCOME_SOUGHT_LABELS,
    REPRESENTATIVE_ROLE_LABELS,
    STATUS_LABELS,
)
from shared.ombudsman import DETERMINATIONS
from shared.ombudsman import rules as ombudsman_rules
from shared.ombudsman.wording import DETERMINATION_LABELS, ORDER_KIND_LABELS
from shared.reference.ombudsmen import HOUSING_OMBUDSMAN, LGSCO
from shared.web.validators import DomainRule, NoControlCharacters
from shared.web.widgets import (
    GovCheckboxesInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
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


class CaseForm(DrawnFromVersion, FlaskForm):
    """A form that changes a case, drawn from one version of it."""

    version = version_field(_STALE_PAGE)
    for_case = DrawnFromVersion.drawn_from


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
    responsible_for = TextAreaField(
        _l("What the council is responsible for (optional)"),
        description=_l("The aspects of the complaint the council will answer (Code 5.7)."),
        widget=GovTextArea(),
        validators=[NoControlCharacters()],
    )
    not_responsible_for = TextAreaField(
        _l("What the council is not responsible for (optional)"),
        description=_l("For example, a matter for another organisation, and who that is."),
        widget=GovTextArea(),
        validators=[NoControlCharacters()],
    )
    handler = SelectField(
        _l("Who will handle it? (optional)"),
        widget=GovSelect(),
        validate_choice=False,  # the domain says why someone cannot, by name
    )
    submit = SubmitField(_l("Acknowledge complaint"), widget=GovSubmitInput())

    def with_handlers(self, complaint) -> DefinitionForm:
        self.handler.choices = handler_choices(complaint, _l("Decide later"))
        if not self.handler.data and complaint.handler_id:
            self.handler.data = str(complaint.handler_id)
        return self

    def point_list(self) -> list[str]:
        return rules.definition_points(self.points.data)


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


_ENTER_DATE = _l("Enter the date")
_REAL_DATE = _l("The date must be a real date, like 27 3 2026")
_ORDER_OR_RECOMMENDATION = _l("Select whether it is an order or a recommendation")
_WHICH_OMBUDSMAN = _l("Select which Ombudsman is looking at the complaint")


class OmbudsmanEnquiryForm(CaseForm):
    ombudsman = RadioField(
        _l("Which Ombudsman?"),
        choices=[
            SelectChoice("housing", HOUSING_OMBUDSMAN["name"]),
            SelectChoice("lgsco", LGSCO["name"]),
        ],
        widget=GovRadioInput(),
        validators=[
            InputRequired(message=_l("Select which Ombudsman is looking at the complaint"))
        ],
        invalid_choice_message=_l("Select which Ombudsman is looking at the complaint"),
    )
    their_reference = StringField(
        _l("The Ombudsman's reference (optional)"),
        widget=GovTextInput(),
        validators=[DomainRule(ombudsman_rules.their_reference)],
    )
    enquiry_on = GovDateField(
        _l("When did the Ombudsman contact us?"),
        description=_l("For example, 27 3 2026"),
        missing=_ENTER_DATE,
        invalid=_REAL_DATE,
    )
    submit = SubmitField(_l("Record the enquiry"), widget=GovSubmitInput())


class InformationSentForm(CaseForm):
    sent_on = GovDateField(
        _l("When did we send the Ombudsman the information?"),
        description=_l("For example, 27 3 2026"),
        missing=_ENTER_DATE,
        invalid=_REAL_DATE,
    )
    submit = SubmitField(_l("Record the date"), widget=GovSubmitInput())


class DeterminationForm(CaseForm):
    determination = RadioField(
        _l("What did the Ombudsman determine?"),
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select the Ombudsman's determination"))],
        invalid_choice_message=_l("Select the Ombudsman's determination"),
    )
    determined_on = GovDateField(
        _l("Date of the determination"),
        description=_l("For example, 27 3 2026"),
        missing=_ENTER_DATE,
        invalid=_REAL_DATE,
    )
    summary = TextAreaField(
        _l("Summary (optional)"),
        widget=GovTextArea(),
        validators=[DomainRule(ombudsman_rules.summary)],
    )
    submit = SubmitField(_l("Record the determination"), widget=GovSubmitInput())

    def for_ombudsman(self, which: str) -> DeterminationForm:
        self.determination.choices = [
            SelectChoice(code, DETERMINATION_LABELS[code]) for code in DETERMINATIONS[which]
        ]
        return self


class OmbudsmanOrderForm(CaseForm):
    kind = RadioField(
        _l("Is it an order or a recommendation?"),
        choices=[SelectChoice(code, label) for code, label in ORDER_KIND_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_ORDER_OR_RECOMMENDATION)],
        invalid_choice_message=_ORDER_OR_RECOMMENDATION,
    )
    description = TextAreaField(
        _l("What must the council do?"),
        widget=GovTextArea(),
        validators=[DomainRule(ombudsman_rules.order_description)],
    )
    due_on = GovDateField(
        _l("When is it due?"),
        description=_l("For example, 27 3 2026"),
        missing=_l("Enter the date it is due"),
        invalid=_REAL_DATE,
    )
    submit = SubmitField(_l("Add it"), widget=GovSubmitInput())


class OrderDoneForm(CaseForm):
    completed_on = GovDateField(
        _l("When was it done?"),
        description=_l("For example, 27 3 2026"),
        missing=_ENTER_DATE,
        invalid=_REAL_DATE,
    )
    evidence = TextAreaField(
        _l("Evidence that it was done"),
        description=_l("What was sent to the Ombudsman to show it."),
        widget=GovTextArea(),
        validators=[DomainRule(ombudsman_rules.evidence)],
    )
    submit = SubmitField(_l("Record as done"), widget=GovSubmitInput())


def handler_choices(complaint, empty_label) -> list[SelectChoice]:
    return [SelectChoice("", empty_label)] + [
        SelectChoice(str(user.id), user.name) for user in eligible_handlers(complaint)
    ]


class AssignForm(CaseForm):
    handler = SelectField(
        _l("Who will handle it?"),
        widget=GovSelect(),
        validate_choice=False,  # the domain says why someone cannot, by name
    )
    submit = SubmitField(_l("Assign"), widget=GovSubmitInput())

    def with_handlers(self, complaint) -> AssignForm:
        self.handler.choices = handler_choices(complaint, _l("Select someone"))
        if not self.handler.data and complaint.handler_id:
            self.handler.data = str(complaint.handler_id)
        return self


class QueueFilterForm(Form):
    """The queue's filters: a GET form (no CSRF token: it changes nothing), so they work
    without JavaScript and stay in the address, and so in every link to another page. The
    queue's template draws the fields in plain GOV.UK markup (see there why)."""

    q = StringField(
        _l("Search"),
        description=_l("A reference, or part of a name, an email address or a postcode"),
        validators=[DomainRule(work_queue.search_text)],
    )
    status = SelectField(
        _l("State"),
        choices=[SelectChoice("", _l("Any state"))]
        + [SelectChoice(s, label) for s, label in STATUS_LABELS.items() if s in OPEN_STATUSES],
        validate_choice=False,  # the domain leaves out a choice no form offers
    )
    stage = SelectField(
        _l("Stage"),
        choices=[
            SelectChoice("", _l("Any stage")),
            SelectChoice("1", _l("Stage 1")),
            SelectChoice("2", _l("Stage 2")),
        ],
        validate_choice=False,
    )
    service_area = SelectField(_l("Service area"), validate_choice=False)
    representative_role = SelectField(
        _l("Representative"),
        choices=[SelectChoice("", _l("With or without"))]
        + [SelectChoice(code, label) for code, label in REPRESENTATIVE_ROLE_LABELS.items()],
        validate_choice=False,
    )
    due_within = StringField(
        _l("Due within (working days)"),
        description=_l("For example, 5. 0 means due today or overdue."),
        validators=[DomainRule(work_queue.working_days_within)],
    )
    overdue = BooleanField(_l("Overdue only"))
    mine = BooleanField(_l("Only the complaints I handle"))
    vulnerable = BooleanField(_l("Residents who told us of a vulnerability"))
    restricted = BooleanField(_l("Residents with a restriction on contact"))

    def flags(self) -> list[BooleanField]:
        """The yes-or-no filters, drawn as one group of checkboxes."""
        return [self.overdue, self.mine, self.vulnerable, self.restricted]

    def with_service_areas(self, areas) -> QueueFilterForm:
        self.service_area.choices = [SelectChoice("", _l("Any service area"))] + [
            SelectChoice(area.code, area.display_name) for area in areas
        ]
        return self

    def filters(self, me: int | None = None) -> work_queue.QueueFilters:
        """What to filter by; a field with an error is left out (the page says why). ``me``
        is the member of staff looking, for "my cases"."""

        def clean(field, rule):
            return rule(field.data) if not field.errors else None

        return work_queue.QueueFilters.from_choices(
            search=clean(self.q, work_queue.search_text) or "",
            status=self.status.data,
            stage=self.stage.data,
            service_area=self.service_area.data,
            representative_role=self.representative_role.data,
            overdue=self.overdue.data,
            due_within=clean(self.due_within, work_queue.working_days_within),
            handler_id=me if self.mine.data else None,
            vulnerable=self.vulnerable.data,
            restricted=self.restricted.data,
        )

    def query(self, **extra) -> dict:
        """The filters as the address carries them, for links to other pages and the export."""
        values = {
            name: field.data
            for name, field in self._fields.items()
            if field.data and not isinstance(field, BooleanField)
        }
        for flag in self.flags():
            if flag.data:
                values[flag.name] = "y"
        return {**values, **extra}
