"""Forms for the resident's circumstances: a vulnerability, a restriction on contact and its
review. Each reuses the domain's rules, so the page and the domain agree on every limit."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, SubmitField, TextAreaField
from wtforms.validators import InputRequired

from backoffice.admin_forms import GovDateField
from backoffice.forms import CaseForm
from shared.cases import circumstances as rules
from shared.people.circumstances import RESTRICTION_LABELS
from shared.web.validators import DomainRule
from shared.web.widgets import GovRadioInput, GovSubmitInput, GovTextArea

_REVIEW_HINT = _l("Within the next year. For example, 27 3 2027")
_ENTER_REVIEW_DATE = _l("Enter the date of the review")
_REAL_DATE = _l("The date must be a real date, like 27 3 2026")


class VulnerabilityForm(CaseForm):
    description = TextAreaField(
        _l("What did the resident tell us?"),
        description=_l("Only what they chose to tell us and what we need to know to help."),
        widget=GovTextArea(),
        validators=[DomainRule(rules.vulnerability_description)],
    )
    support = TextAreaField(
        _l("What will we do because of it? (optional)"),
        widget=GovTextArea(),
        validators=[DomainRule(rules.support)],
    )
    review_on = GovDateField(
        _l("When should this be reviewed?"),
        description=_REVIEW_HINT,
        missing=_ENTER_REVIEW_DATE,
        invalid=_REAL_DATE,
    )
    submit = SubmitField(_l("Record the vulnerability"), widget=GovSubmitInput())


class EndVulnerabilityForm(CaseForm):
    submit = SubmitField(_l("No longer applies"), widget=GovSubmitInput())


class RestrictionForm(CaseForm):
    kind = RadioField(
        _l("What kind of restriction?"),
        choices=[SelectChoice(code.value, label) for code, label in RESTRICTION_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select the kind of restriction"))],
        invalid_choice_message=_l("Select the kind of restriction"),
    )
    scope = TextAreaField(
        _l("What exactly is restricted?"),
        description=_l("Say how the resident can still contact us, and who their contact is."),
        widget=GovTextArea(),
        validators=[DomainRule(rules.restriction_scope)],
    )
    reason = TextAreaField(
        _l("Why is it needed?"),
        description=_l(
            "The behaviour, why the restriction is proportionate, and how we took account of "
            "the resident's circumstances (Equality Act 2010)."
        ),
        widget=GovTextArea(),
        validators=[DomainRule(rules.restriction_reason)],
    )
    review_on = GovDateField(
        _l("When will it be reviewed?"),
        description=_REVIEW_HINT,
        missing=_ENTER_REVIEW_DATE,
        invalid=_REAL_DATE,
    )
    submit = SubmitField(_l("Record the restriction"), widget=GovSubmitInput())


class RestrictionReviewForm(CaseForm):
    outcome = RadioField(
        _l("What did the review decide?"),
        choices=[
            SelectChoice("keep", _l("Keep the restriction until the next review")),
            SelectChoice("lift", _l("Lift the restriction")),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select whether to keep or lift the restriction"))],
        invalid_choice_message=_l("Select whether to keep or lift the restriction"),
    )
    note = TextAreaField(
        _l("What did the review find?"),
        widget=GovTextArea(),
        validators=[DomainRule(rules.review_note)],
    )
    next_review_on = GovDateField(
        _l("Next review (if you keep it)"),
        description=_REVIEW_HINT,
        missing=_ENTER_REVIEW_DATE,
        invalid=_REAL_DATE,
    )
    submit = SubmitField(_l("Record the review"), widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.outcome.data == "lift" and self.next_review_on.errors:
            # Only a restriction that is kept needs its next review.
            self.next_review_on.errors = []
            valid = not any(field.errors for field in self)
        return valid
