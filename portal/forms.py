"""Forms residents fill in. Each field applies the domain's rule, so its message is the
domain's, in the resident's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired

from shared.cases import rules
from shared.compliments import rules as compliment_rules
from shared.validation import number
from shared.web.date_input import DatePartsField
from shared.web.validators import DomainRule
from shared.web.widgets import GovSelect, GovSubmitInput, GovTextArea, GovTextInput


class StageTwoRequestForm(FlaskForm):
    reason = TextAreaField(
        _l("Why are you unhappy with our response? (optional)"),
        description=_l(
            "You do not have to give a reason. If you tell us what you are unhappy with, "
            "the reviewer can focus on it."
        ),
        widget=GovTextArea(),
        validators=[DomainRule(rules.escalation_reason)],
    )
    submit = SubmitField(_l("Ask for a stage 2 review"), widget=GovSubmitInput())


class HearBackForm(FlaskForm):
    """The public "When will I hear back?" question: a look-up, sent with GET."""

    class Meta:
        csrf = False  # changes nothing, and a bookmarked answer should still work

    complaint_date = DatePartsField(_l("When did you make your complaint?"))
    service_area_code = SelectField(
        _l("Which service is your complaint about? (optional)"),
        description=_l("Services can have different timescales"),
        widget=GovSelect(),
        validate_choice=True,
        invalid_choice_message=_l("Select a service from the list, or leave it blank"),
    )

    def set_service_areas(self, service_areas) -> None:
        self.service_area_code.choices = [SelectChoice("", _l("I do not know"))] + [
            SelectChoice(area.code, area.display_name) for area in service_areas
        ]


class ComplimentForm(FlaskForm):
    what = TextAreaField(
        _l("What would you like to thank us for?"),
        description=_l(
            "Tell us what went well. You can write up to %(max)s characters.",
            max=number(compliment_rules.MAX_WHAT),
        ),
        widget=GovTextArea(),
        validators=[DomainRule(compliment_rules.what)],
    )
    service_area_code = SelectField(
        _l("Which service is your compliment about?"),
        widget=GovSelect(),
        validators=[InputRequired(message=_l("Select the service your compliment is about"))],
        validate_choice=True,
        invalid_choice_message=_l("Select the service your compliment is about"),
    )
    staff_named = StringField(
        _l("Who would you like to thank? (optional)"),
        description=_l("The name of the member of staff or the team, if you know it"),
        widget=GovTextInput(),
        validators=[DomainRule(compliment_rules.staff_named)],
    )
    contact_name = StringField(
        _l("Your name (optional)"),
        widget=GovTextInput(),
        validators=[DomainRule(compliment_rules.contact_name)],
    )
    contact_email = StringField(
        _l("Your email address (optional)"),
        description=_l("Only if you would like us to reply"),
        widget=GovTextInput(),
        validators=[DomainRule(compliment_rules.contact_email)],
    )
    submit = SubmitField(_l("Send compliment"), widget=GovSubmitInput())

    def set_service_areas(self, service_areas) -> None:
        self.service_area_code.choices = [SelectChoice("", _l("Choose a service"))] + [
            SelectChoice(area.code, area.display_name) for area in service_areas
        ]
