"""Forms for following complaints: asking for a sign-in link, and the actions a signed-in
resident or representative takes. Each field applies the domain's rule and its message."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import StopValidation

from portal.forms import StageTwoRequestForm
from shared.cases import rules
from shared.validation import control_character_message, has_control_characters
from shared.web.validators import DomainRule
from shared.web.widgets import GovSubmitInput, GovTextArea, GovTextInput

# "CMP-2026-000123", as the council issues them; spaces and case are forgiven.
REFERENCE_PATTERN = re.compile(r"[A-Z]{3}-\d{4}-\d{6}")


def _reference(form, field):
    value = (field.data or "").strip().upper().replace(" ", "")
    if not value:
        raise StopValidation(str(_l("Enter your complaint reference")))
    if has_control_characters(field.data):
        raise StopValidation(str(control_character_message()))
    if not REFERENCE_PATTERN.fullmatch(value):
        raise StopValidation(
            str(_l("Enter the reference as it is written in our emails, like CMP-2026-000123"))
        )
    field.data = value


class FollowForm(FlaskForm):
    reference = StringField(
        _l("Complaint reference"),
        description=_l("It is in the emails and letters we sent you, for example CMP-2026-000123"),
        widget=GovTextInput(),
        validators=[_reference],
    )
    # Named "email": the per-address rate limit reads this field.
    email = StringField(
        _l("Email address"),
        description=_l("The address you gave us with the complaint"),
        widget=GovTextInput(),
        validators=[DomainRule(lambda value: rules.email_address(value, field="email"))],
    )
    submit = SubmitField(_l("Send me a sign-in link"), widget=GovSubmitInput())


class SignInForm(FlaskForm):
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class SignOutForm(FlaskForm):
    """Its CSRF token only: the button is in every signed-in page's header."""


class PrivatePageForm(FlaskForm):
    """Its CSRF token only."""


class _Versioned:
    # The complaint's version when the page was drawn: a change made meanwhile is refused.
    version = HiddenField()

    def expected_version(self) -> int | None:
        value = (self.version.data or "").strip()
        return int(value) if value.isdigit() and len(value) < 10 else None


class WithdrawForm(_Versioned, FlaskForm):
    reason = TextAreaField(
        _l("Why do you want to withdraw it? (optional)"),
        description=_l("You do not have to tell us."),
        widget=GovTextArea(),
        validators=[DomainRule(rules.escalation_reason)],
    )
    submit = SubmitField(_l("Withdraw the complaint"), widget=GovSubmitInput())


class AccountStageTwoForm(_Versioned, StageTwoRequestForm):
    pass
