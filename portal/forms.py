"""Forms residents fill in. Every message is translatable and says how to put things right."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length

from shared.i18n import number
from shared.lifecycle.complaints import MAX_DESCRIPTION, MAX_EMAIL, MAX_NAME, MAX_OUTCOME_SOUGHT
from shared.widgets import GovSelect, GovSubmitInput, GovTextArea, GovTextInput


class ComplaintForm(FlaskForm):
    complainant_name = StringField(
        _l("Full name"),
        widget=GovTextInput(),
        validators=[
            DataRequired(message=_l("Enter your full name")),
            Length(
                max=MAX_NAME,
                message=_l("Your name must be %(max)s characters or fewer", max=number(MAX_NAME)),
            ),
        ],
    )
    contact_email = StringField(
        _l("Email address"),
        description=_l("We will send your reference and a private link to follow your complaint"),
        widget=GovTextInput(),
        validators=[
            DataRequired(message=_l("Enter your email address")),
            Length(
                max=MAX_EMAIL,
                message=_l(
                    "Your email address must be %(max)s characters or fewer", max=number(MAX_EMAIL)
                ),
            ),
            Email(
                message=_l("Enter an email address in the correct format, like name@example.com")
            ),
        ],
    )
    service_area_code = SelectField(
        _l("Which service is your complaint about?"),
        widget=GovSelect(),
        validators=[InputRequired(message=_l("Select the service your complaint is about"))],
        validate_choice=True,
        # A service no longer offered (or a tampered value) gets the same plain message, not
        # WTForms' untranslated "Not a valid choice."
        invalid_choice_message=_l("Select the service your complaint is about"),
    )
    description = TextAreaField(
        _l("What happened?"),
        description=_l(
            "Tell us what went wrong, when it happened and who was involved. "
            "You can write up to %(max)s characters.",
            max=number(MAX_DESCRIPTION),
        ),
        widget=GovTextArea(),
        validators=[
            DataRequired(message=_l("Tell us what happened")),
            Length(
                max=MAX_DESCRIPTION,
                message=_l(
                    "What happened must be %(max)s characters or fewer", max=number(MAX_DESCRIPTION)
                ),
            ),
        ],
    )
    outcome_sought = TextAreaField(
        _l("What would you like us to do to put things right?"),
        description=_l(
            "For example, an apology, an explanation, a repair or a change to a decision"
        ),
        widget=GovTextArea(),
        validators=[
            DataRequired(message=_l("Tell us what you would like us to do to put things right")),
            Length(
                max=MAX_OUTCOME_SOUGHT,
                message=_l(
                    "What you would like us to do must be %(max)s characters or fewer",
                    max=number(MAX_OUTCOME_SOUGHT),
                ),
            ),
        ],
    )
    submit = SubmitField(_l("Send complaint"), widget=GovSubmitInput())

    def set_service_areas(self, service_areas) -> None:
        # SelectChoice, not tuples: WTForms 3.3 deprecates tuples and 3.4 drops them.
        self.service_area_code.choices = [SelectChoice("", _l("Choose a service"))] + [
            SelectChoice(area.code, area.name) for area in service_areas
        ]


class StageTwoRequestForm(FlaskForm):
    reason = TextAreaField(
        _l("Why are you unhappy with our response? (optional)"),
        description=_l(
            "You do not have to give a reason. If you tell us what you are unhappy with, "
            "the reviewer can focus on it."
        ),
        widget=GovTextArea(),
        validators=[
            Length(
                max=MAX_DESCRIPTION,
                message=_l(
                    "Your reason must be %(max)s characters or fewer", max=number(MAX_DESCRIPTION)
                ),
            )
        ],
    )
    submit = SubmitField(_l("Ask for a stage 2 review"), widget=GovSubmitInput())
