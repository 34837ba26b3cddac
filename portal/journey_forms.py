"""The question pages' forms. They only draw the fields and carry what was typed: each
page's rules (and their messages) are the domain's, in shared/drafts/answers.py."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)

from shared.cases import rules
from shared.cases.wording import OUTCOME_SOUGHT_LABELS
from shared.drafts import answers
from shared.drafts.journey import MYSELF, SOMEONE_ELSE
from shared.drafts.wording import (
    ADJUSTMENT_LABELS,
    CONSENT_METHOD_LABELS,
    CONTACT_FORMAT_LABELS,
    CONTACT_METHOD_LABELS,
    CORRESPONDENCE_LABELS,
    ROLE_LABELS,
)
from shared.validation import number
from shared.web.date_input import DatePartsField
from shared.web.uploads import EvidenceFilesField
from shared.web.widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(str(code), label) for code, label in labels.items()]


class QuestionForm(FlaskForm):
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class WhoForm(QuestionForm):
    who = RadioField(
        _l("Who is the complaint for?"),
        choices=[
            SelectChoice(MYSELF, _l("Myself")),
            SelectChoice(SOMEONE_ELSE, _l("Someone else: I am acting on their behalf")),
        ],
        description=_l(
            "For example, as their MP, councillor, relative, friend, advocate or solicitor"
        ),
        widget=GovRadioInput(),
        validate_choice=False,
    )


class YourRoleForm(QuestionForm):
    role = RadioField(
        _l("Who are you acting as?"),
        choices=_choices(ROLE_LABELS),
        widget=GovRadioInput(),
        validate_choice=False,
    )
    organisation = StringField(
        _l("Your organisation (optional)"),
        description=_l(
            "For example, the MP's office or the advice service. Up to %(max)s characters.",
            max=number(200),
        ),
        widget=GovTextInput(),
    )


class YourDetailsForm(QuestionForm):
    name = StringField(_l("Your full name"), widget=GovTextInput())
    email = StringField(
        _l("Your email address"),
        description=_l("We will send you the reference and updates, if the resident agrees"),
        widget=GovTextInput(),
    )
    phone = StringField(_l("Your phone number (optional)"), widget=GovTextInput())


class ConsentForm(QuestionForm):
    declared = SelectMultipleField(
        _l("Declaration"),
        choices=[
            SelectChoice(
                "yes",
                _l(
                    "I confirm that the resident has agreed to me making this complaint for "
                    "them and to the council sharing information about it with me"
                ),
            )
        ],
        widget=GovCheckboxesInput(),
        validate_choice=False,
    )
    how = RadioField(
        _l("How did the resident give their agreement?"),
        choices=_choices(CONSENT_METHOD_LABELS),
        widget=GovRadioInput(),
        validate_choice=False,
    )
    given_on = DatePartsField(_l("When did they agree?"), description=_l("For example, 27 3 2026"))
    correspondence_to = RadioField(
        _l("Who should receive our letters and emails about the complaint?"),
        choices=_choices(CORRESPONDENCE_LABELS),
        widget=GovRadioInput(),
        validate_choice=False,
    )


class DetailsForm(QuestionForm):
    name = StringField(_l("Full name"), widget=GovTextInput())
    email = StringField(
        _l("Email address"),
        description=_l("We will send your reference and a private link to follow your complaint"),
        widget=GovTextInput(),
    )
    phone = StringField(_l("Phone number (optional)"), widget=GovTextInput())
    address = TextAreaField(_l("Postal address (optional)"), widget=GovTextArea())
    postcode = StringField(_l("Postcode (optional)"), widget=GovTextInput())


class ResidentDetailsForm(DetailsForm):
    name = StringField(_l("The resident's full name"), widget=GovTextInput())
    email = StringField(_l("The resident's email address (optional)"), widget=GovTextInput())
    phone = StringField(_l("The resident's phone number (optional)"), widget=GovTextInput())
    address = TextAreaField(_l("The resident's postal address (optional)"), widget=GovTextArea())


class ServicesForm(QuestionForm):
    main = SelectField(
        _l("Which service is your complaint mainly about?"),
        widget=GovSelect(),
        validate_choice=False,
    )
    others = SelectMultipleField(
        _l("Is it also about any other services? (optional)"),
        description=_l("Select all that apply."),
        widget=GovCheckboxesInput(),
        validate_choice=False,
    )

    def set_service_areas(self, service_areas) -> None:
        areas = [SelectChoice(area.code, area.display_name) for area in service_areas]
        self.main.choices = [SelectChoice("", _l("Choose a service")), *areas]
        self.others.choices = areas


class WhatHappenedForm(QuestionForm):
    description = TextAreaField(
        _l("What happened?"),
        description=_l(
            "Tell us what went wrong. You can write up to %(max)s characters.",
            max=number(rules.MAX_DESCRIPTION),
        ),
        widget=GovTextArea(),
    )


class WhenForm(QuestionForm):
    happened_on = DatePartsField(
        _l("When did it happen?"),
        description=_l(
            "If it went on for a while, give the date it started. For example, 27 3 2026"
        ),
    )


class FoundOutForm(QuestionForm):
    found_out_on = DatePartsField(
        _l("When did you find out about it?"), description=_l("For example, 27 3 2026")
    )


class StaffForm(QuestionForm):
    staff_involved = TextAreaField(
        _l("Which staff were involved? (optional)"),
        description=_l(
            "Their names or roles, if you know them. You can write up to %(max)s characters.",
            max=number(answers.MAX_STAFF_INVOLVED),
        ),
        widget=GovTextArea(),
    )


class UnfairForm(QuestionForm):
    unfair = RadioField(
        _l("Do you think you were treated unfairly because of who you are?"),
        description=_l(
            "For example, because of age, disability, race, religion or belief, sex, sexual "
            "orientation, gender reassignment, pregnancy or maternity, or marriage or civil "
            "partnership"
        ),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        widget=GovRadioInput(),
        validate_choice=False,
    )


class OutcomeForm(QuestionForm):
    outcomes = SelectMultipleField(
        _l("What would you like us to do?"),
        description=_l("Select all that apply."),
        choices=_choices(OUTCOME_SOUGHT_LABELS),
        widget=GovCheckboxesInput(),
        validate_choice=False,
    )
    outcome_sought = TextAreaField(
        _l("Tell us more (optional unless you chose something else)"),
        description=_l(
            "You can write up to %(max)s characters.", max=number(rules.MAX_OUTCOME_SOUGHT)
        ),
        widget=GovTextArea(),
    )


class SupportForm(QuestionForm):
    language = SelectField(
        _l("Which language should we use?"), widget=GovSelect(), validate_choice=False
    )
    contact_method = RadioField(
        _l("How should we contact you?"),
        choices=_choices(CONTACT_METHOD_LABELS),
        widget=GovRadioInput(),
        validate_choice=False,
    )
    contact_format = RadioField(
        _l("Which format do you need?"),
        choices=_choices(CONTACT_FORMAT_LABELS),
        widget=GovRadioInput(),
        validate_choice=False,
    )
    adjustments = SelectMultipleField(
        _l("Do you need any of these? (optional)"),
        description=_l("Select all that apply."),
        choices=_choices(ADJUSTMENT_LABELS),
        widget=GovCheckboxesInput(),
        validate_choice=False,
    )
    adjustments_detail = TextAreaField(
        _l("Anything else that would help you (optional)"),
        description=_l(
            "For example, a disability we should know about, or the best time to call. "
            "You can write up to %(max)s characters.",
            max=number(answers.MAX_ADJUSTMENTS_DETAIL),
        ),
        widget=GovTextArea(),
    )

    def set_languages(self, languages: list[tuple[str, str]]) -> None:
        self.language.choices = [SelectChoice(code, name) for code, name in languages]


class EvidenceForm(QuestionForm):
    # Each file is checked by its content as the form is validated (shared/web/uploads.py).
    files = EvidenceFilesField(_l("Upload files (optional)"))


class RemoveFileForm(FlaskForm):
    file = HiddenField()
    submit = SubmitField(_l("Remove"))


class SendForm(FlaskForm):
    # One-time: a second post finds the complaint the first one made.
    submission_token = HiddenField()
    submit = SubmitField(_l("Send complaint"), widget=GovSubmitInput())


FORMS: dict[str, type[QuestionForm]] = {
    "who": WhoForm,
    "your-role": YourRoleForm,
    "your-details": YourDetailsForm,
    "consent": ConsentForm,
    "details": DetailsForm,
    "services": ServicesForm,
    "what-happened": WhatHappenedForm,
    "when": WhenForm,
    "found-out": FoundOutForm,
    "staff": StaffForm,
    "unfair": UnfairForm,
    "outcome": OutcomeForm,
    "evidence": EvidenceForm,
    "support": SupportForm,
}

# The heading of each page (its <title> too). Pages asking one question use the question.
TITLES = {
    "who": _l("Who is the complaint for?"),
    "your-role": _l("About you"),
    "your-details": _l("Your contact details"),
    "consent": _l("The resident's agreement"),
    "details": _l("Your contact details"),
    "services": _l("Which service is it about?"),
    "what-happened": _l("What happened?"),
    "when": _l("When did it happen?"),
    "found-out": _l("When did you find out about it?"),
    "staff": _l("Which staff were involved? (optional)"),
    "unfair": _l("Do you think you were treated unfairly because of who you are?"),
    "outcome": _l("What would you like us to do?"),
    "evidence": _l("Add evidence (optional)"),
    "support": _l("Support you need"),
}
RESIDENT_TITLES = {
    "details": _l("The resident's details"),
    "support": _l("Support the resident needs"),
}
