"""Forms staff fill in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Form,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Regexp

from shared.cases import rules, work_queue
from shared.cases.state_machine import OPEN_STATUSES
from shared.cases.wording import (
    OUTCOME_LABELS,
    OUTCOME_SOUGHT_LABELS,
    REPRESENTATIVE_ROLE_LABELS,
    STATUS_LABELS,
)
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

    def with_service_areas(self, areas) -> QueueFilterForm:
        self.service_area.choices = [SelectChoice("", _l("Any service area"))] + [
            SelectChoice(area.code, area.name) for area in areas
        ]
        return self

    def filters(self) -> work_queue.QueueFilters:
        """What to filter by; a field with an error is left out (the page says why)."""

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
        )

    def query(self, **extra) -> dict:
        """The filters as the address carries them, for links to other pages and the export."""
        values = {
            name: field.data
            for name, field in self._fields.items()
            if field.data and name != "overdue"
        }
        if self.overdue.data:
            values["overdue"] = "y"
        return {**values, **extra}
