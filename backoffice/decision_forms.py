"""The forms of the decision page and of following a decision through.

The rows of the decision page (findings, remedies, actions) carry no rules of their own:
the domain checks a whole decision at once (`shared.decisions.rules.check_decision`) and
names each field at fault, and `place_errors` puts each message beside its field, so
nothing typed is lost and every problem shows at once.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    Field,
    FieldList,
    Form,
    FormField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired

from backoffice.forms import CaseForm
from shared.cases import rules
from shared.cases.wording import OUTCOME_LABELS, OUTCOME_SOUGHT_LABELS
from shared.decisions import rules as decision_rules
from shared.decisions.wording import (
    FINANCIAL_PURPOSE_LABELS,
    FINDING_LABELS,
    REMEDY_KIND_LABELS,
)
from shared.web.validators import DomainRule, NoControlCharacters
from shared.web.widgets import (
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)


class DateBoxes(Field):
    """A date in three boxes, kept exactly as typed; the domain reads and judges it."""

    widget = GovDateInput()

    def process_formdata(self, valuelist):
        parts = [str(part).strip() for part in [*valuelist, "", "", ""][:3]]
        self.raw_data = parts
        self.data = parts if any(parts) else None

    def _value(self):
        return ""


class FindingForm(Form):
    finding = RadioField(
        _l("Finding"),
        choices=[SelectChoice(code, label) for code, label in FINDING_LABELS.items()],
        widget=GovRadioInput(),
        validate_choice=False,
    )
    reasons = TextAreaField(_l("Reasons"), widget=GovTextArea())


def _choose(labels, empty):
    return [SelectChoice("", empty)] + [SelectChoice(code, label) for code, label in labels.items()]


class RemedyForm(Form):
    kind = SelectField(
        _l("Kind of remedy"),
        choices=_choose(REMEDY_KIND_LABELS, _l("Choose a remedy")),
        widget=GovSelect(),
        validate_choice=False,
    )
    point_id = SelectField(
        _l("Point it remedies (optional)"), widget=GovSelect(), validate_choice=False
    )
    detail = TextAreaField(_l("What will happen"), widget=GovTextArea())
    amount = StringField(
        _l("Amount in pounds (a financial remedy only)"),
        description=_l("For example, 150 or 75.50"),
        widget=GovTextInput(),
    )
    financial_purpose = SelectField(
        _l("What the payment is for (a financial remedy only)"),
        choices=_choose(FINANCIAL_PURPOSE_LABELS, _l("Not a financial remedy")),
        widget=GovSelect(),
        validate_choice=False,
    )
    owner = StringField(
        _l("Who will see it done"),
        description=_l("A named officer or team"),
        widget=GovTextInput(),
    )
    due_on = DateBoxes(_l("Due by"), description=_l("For example, 27 3 2027"))

    def is_blank(self) -> bool:
        return not any(
            (self.kind.data, self.detail.data, self.amount.data, self.owner.data, self.due_on.data)
        )


class ActionForm(Form):
    what = TextAreaField(_l("What will be done"), widget=GovTextArea())
    owner = StringField(
        _l("Who will see it done"),
        description=_l("A named officer or team"),
        widget=GovTextInput(),
    )
    due_on = DateBoxes(_l("Due by"), description=_l("For example, 27 3 2027"))

    def is_blank(self) -> bool:
        return not any((self.what.data, self.owner.data, self.due_on.data))


class DecisionPageForm(CaseForm):
    """A stage's decision: a finding and reasons on every point, the outcome, remedies,
    outstanding actions and lessons learned (Code 6.7, 6.18, 7.1-7.4, 9.1-9.3)."""

    findings = FieldList(FormField(FindingForm))
    outcome = RadioField(
        _l("Decision"),
        choices=[SelectChoice(code, label) for code, label in OUTCOME_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select the decision"))],
        invalid_choice_message=_l("Select the decision"),
    )
    reasons = TextAreaField(
        _l("Summary of the decision"),
        description=_l("The resident reads this first, before the findings on each point."),
        widget=GovTextArea(),
        validators=[DomainRule(rules.decision_reasons)],
    )
    remedies = FieldList(FormField(RemedyForm), min_entries=1)
    add_remedy = SubmitField(_l("Add another remedy"), widget=GovSubmitInput())
    actions = FieldList(FormField(ActionForm), min_entries=1)
    add_action = SubmitField(_l("Add another action"), widget=GovSubmitInput())
    lessons = TextAreaField(
        _l("Lessons learned (optional)"),
        description=_l("What the council should do differently. Not sent to the resident."),
        widget=GovTextArea(),
        validators=[NoControlCharacters()],
    )
    improvement_action = TextAreaField(
        _l("Service improvement action (optional)"), widget=GovTextArea()
    )
    improvement_owner = StringField(_l("Who will see the improvement done"), widget=GovTextInput())
    improvement_due_on = DateBoxes(
        _l("Improvement due by"), description=_l("For example, 27 3 2027")
    )
    submit = SubmitField(_l("Send response"), widget=GovSubmitInput())

    def for_points(self, points) -> DecisionPageForm:
        """One findings row per point answered, in order; the point choices of remedies."""
        while len(self.findings.entries) < len(points):
            self.findings.append_entry()
        while len(self.findings.entries) > len(points):
            self.findings.pop_entry()
        choices = [SelectChoice("", _l("The complaint as a whole"))] + [
            SelectChoice(str(p.id), _l("Point %(number)s", number=p.number)) for p in points
        ]
        for entry in self.remedies.entries:
            entry.point_id.choices = choices
        self._point_choices = choices
        return self

    def add_row(self, name: str) -> None:
        getattr(self, name).append_entry()
        self._point_choices_again()

    def ensure_a_row_each(self) -> None:
        """At least one row of each to type in, after blank ones were dropped."""
        for rows in (self.remedies, self.actions):
            if not rows.entries:
                rows.append_entry()
        self._point_choices_again()

    def _point_choices_again(self) -> None:
        for entry in self.remedies.entries:
            entry.point_id.choices = self._point_choices

    def decision(self, points) -> decision_rules.Decision:
        return decision_rules.Decision(
            findings=[
                decision_rules.PointFinding(p.id, e.finding.data, e.reasons.data)
                for p, e in zip(points, self.findings.entries, strict=False)
            ],
            remedies=[
                decision_rules.NewRemedy(
                    kind=e.kind.data or None,
                    detail=e.detail.data,
                    owner=e.owner.data,
                    due_on=e.due_on.data,
                    amount=e.amount.data,
                    financial_purpose=e.financial_purpose.data or None,
                    point_id=int(e.point_id.data) if str(e.point_id.data).isdigit() else None,
                )
                for e in (entry.form for entry in self.remedies.entries)
            ],
            actions=[
                decision_rules.NewAction(e.what.data, e.owner.data, e.due_on.data)
                for e in (entry.form for entry in self.actions.entries)
            ],
            lesson=decision_rules.NewLesson(
                self.lessons.data,
                self.improvement_action.data,
                self.improvement_owner.data,
                self.improvement_due_on.data,
            ),
        )


def drop_blank_rows(form: DecisionPageForm) -> None:
    """Rows left empty are not remedies or actions; keep at least one to type in."""
    for name in ("remedies", "actions"):
        rows = getattr(form, name)
        kept = [entry for entry in rows.entries if not entry.form.is_blank()]
        rows.entries = kept
        rows.last_index = len(kept) - 1
        for index, entry in enumerate(kept):
            _renumber(entry, name, index)


def _renumber(entry, name: str, index: int) -> None:
    """Give a kept row the name and ids of its new place, so messages point at it."""
    prefix = f"{name}-{index}"
    entry.name = entry.id = prefix
    for field in entry.form:
        short = field.short_name
        field.name = field.id = f"{prefix}-{short}"


def _fields_by_id(form) -> dict:
    found = {}
    for field in form:
        if isinstance(field, FieldList):
            for entry in field.entries:
                found.update(_fields_by_id(entry.form))
        elif isinstance(field, FormField):
            found.update(_fields_by_id(field.form))
        else:
            found[field.id] = field
    return found


def place_errors(form, field_errors: dict) -> bool:
    """Put each message beside its field; False when one names no field on the form."""
    fields = _fields_by_id(form)
    placed = True
    for name, message in field_errors.items():
        field = fields.get(name)
        if field is None:
            placed = False
            continue
        field.errors = [message]
    # The form's summary of errors is worked out once; work it out again with these.
    for field in form:
        if isinstance(field, FieldList):
            for entry in field.entries:
                entry.form._errors = None
            field.errors = [entry.form.errors for entry in field.entries]
            if not any(field.errors):
                field.errors = []
    form._errors = None
    return placed


class AddPointForm(CaseForm):
    text = TextAreaField(
        _l("The new point"),
        description=_l("A related issue the resident raised before our response."),
        widget=GovTextArea(),
        validators=[DomainRule(decision_rules.new_point_text)],
    )
    outcome_sought = SelectField(
        _l("What the resident is asking for on this point (optional)"),
        choices=_choose(OUTCOME_SOUGHT_LABELS, _l("Not said")),
        widget=GovSelect(),
        validators=[DomainRule(decision_rules.point_outcome_sought)],
        validate_choice=False,
    )
    submit = SubmitField(_l("Add the point and tell the resident"), widget=GovSubmitInput())


class SplitPointForm(CaseForm):
    point_id = RadioField(
        _l("Which point is unrelated to this complaint?"),
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select the point to move to a new complaint"))],
        validate_choice=False,
    )
    submit = SubmitField(_l("Make it a new complaint"), widget=GovSubmitInput())

    def with_points(self, points) -> SplitPointForm:
        self.point_id.choices = [
            SelectChoice(str(p.id), _l("Point %(number)s: %(text)s", number=p.number, text=p.text))
            for p in points
        ]
        return self


class ActionUpdateForm(CaseForm):
    text = TextAreaField(
        _l("Update for the resident"),
        description=_l("The resident is sent this update."),
        widget=GovTextArea(),
        validators=[DomainRule(decision_rules.update_text)],
    )
    update = SubmitField(_l("Send the update"), widget=GovSubmitInput())
    complete = SubmitField(_l("Send it and mark the action done"), widget=GovSubmitInput())


class DoneForm(CaseForm):
    submit = SubmitField(_l("Mark as done"), widget=GovSubmitInput())


class RegisterFilterForm(Form):
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice("", _l("Any")),
            SelectChoice("overdue", _l("Overdue")),
            SelectChoice("outstanding", _l("Outstanding")),
            SelectChoice("done", _l("Done")),
        ],
        widget=GovSelect(),
        validate_choice=False,
    )
    owner = StringField(_l("Owner"), widget=GovTextInput(), validators=[NoControlCharacters()])
