"""Forms of the pages that run the service: staff accounts, conflicts of interest, closure
days. Each field reuses the domain's rule and message."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional, Regexp, StopValidation

from shared.cases import closure_days
from shared.people import conflicts, staff
from shared.people.conflicts import ConflictAbout
from shared.people.wording import ROLE_DESCRIPTIONS, ROLE_LABELS
from shared.reference.service_areas import active_service_areas
from shared.web.validators import DomainRule, NoControlCharacters
from shared.web.widgets import (
    GovCheckboxesInput,
    GovDateInput,
    GovPasswordInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)

_STALE_PAGE = _l("This page is out of date. Go back, reload the page and try again.")


class VersionedForm(FlaskForm):
    """Carries the version of the account it was drawn from, so a change made meanwhile by
    someone else is refused rather than overwritten."""

    version = HiddenField(
        validators=[
            InputRequired(message=_STALE_PAGE),
            Regexp(r"^[0-9]{1,9}$", message=_STALE_PAGE),
        ]
    )

    @property
    def expected_version(self) -> int:
        return int(self.version.data)

    def for_account(self, user) -> VersionedForm:
        if not self.version.data:
            self.version.data = str(user.version)
        return self


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice(code, label) for code, label in ROLE_LABELS.items()]


def role_hints() -> list[dict]:
    """What each role does, shown under its radio button (`params={"items": ...}`)."""
    return [{"hint": {"text": ROLE_DESCRIPTIONS[code]}} for code in ROLE_LABELS]


class _ServiceAreasMixin:
    def with_service_areas(self):
        self.service_areas.choices = [
            SelectChoice(area.code, area.name) for area in active_service_areas()
        ]
        return self


_SELECT_ROLE = _l("Select a role")


class NewStaffForm(_ServiceAreasMixin, FlaskForm):
    name = StringField(
        _l("Full name"),
        widget=GovTextInput(),
        validators=[DomainRule(staff.check_name)],
    )
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[DomainRule(staff.check_email_format)],
    )
    role = RadioField(
        _l("Role"),
        choices=_role_choices(),
        widget=GovRadioInput(),
        validators=[InputRequired(message=_SELECT_ROLE)],
        invalid_choice_message=_SELECT_ROLE,
    )
    service_areas = SelectMultipleField(
        _l("Service areas"),
        description=_l("The services they work in. Select all that apply."),
        choices=[],
        widget=GovCheckboxesInput(),
        validators=[Optional()],
        invalid_choice_message=_l("Select service areas from the list"),
    )
    password = PasswordField(
        _l("First password (optional)"),
        description=_l(
            "Leave this empty to have one made for you. It will be shown once, on the next page."
        ),
        widget=GovPasswordInput(),
        validators=[Optional(), NoControlCharacters(), DomainRule(staff.check_password)],
    )
    submit = SubmitField(_l("Create account"), widget=GovSubmitInput())


class RoleAndAreasForm(_ServiceAreasMixin, VersionedForm):
    role = RadioField(
        _l("Role"),
        choices=_role_choices(),
        widget=GovRadioInput(),
        validators=[InputRequired(message=_SELECT_ROLE)],
        invalid_choice_message=_SELECT_ROLE,
    )
    service_areas = SelectMultipleField(
        _l("Service areas"),
        description=_l("The services they work in. Select all that apply."),
        choices=[],
        widget=GovCheckboxesInput(),
        validators=[Optional()],
        invalid_choice_message=_l("Select service areas from the list"),
    )
    submit = SubmitField(_l("Save role and service areas"), widget=GovSubmitInput())

    def for_account(self, user) -> RoleAndAreasForm:
        if not self.version.data:
            self.version.data = str(user.version)
            self.role.data = user.role
            self.service_areas.data = [area.code for area in user.service_areas]
        return self


class ResetPasswordForm(VersionedForm):
    password = PasswordField(
        _l("New password (optional)"),
        description=_l(
            "Leave this empty to have one made for you. It will be shown once, on the next page."
        ),
        widget=GovPasswordInput(),
        validators=[Optional(), NoControlCharacters(), DomainRule(staff.check_password)],
    )
    submit = SubmitField(_l("Reset password"), widget=GovSubmitInput())


class DeactivateForm(VersionedForm):
    submit = SubmitField(_l("Deactivate account"), widget=GovSubmitInput())


_SELECT_ABOUT = _l("Select what the conflict of interest is about")


class ConflictForm(FlaskForm):
    reference = StringField(
        _l("Complaint reference"),
        description=_l("For example, CMP-2026-000123"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the complaint reference")),
            NoControlCharacters(),
        ],
    )
    about = RadioField(
        _l("What is the conflict of interest about?"),
        choices=[
            SelectChoice(ConflictAbout.COMPLAINT, _l("This complaint")),
            SelectChoice(
                ConflictAbout.PERSON,
                _l("The person who made it, and every complaint they make"),
            ),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_SELECT_ABOUT)],
        invalid_choice_message=_SELECT_ABOUT,
    )
    note = TextAreaField(
        _l("Describe the conflict of interest"),
        description=_l("For example, the resident is a relative or a neighbour of yours."),
        widget=GovTextArea(),
        validators=[DomainRule(conflicts.check_note)],
    )
    submit = SubmitField(_l("Declare conflict of interest"), widget=GovSubmitInput())


class GovDateField(DateField):
    """A date in three boxes (day, month, year), with the domain's words when it is missing
    or not a real date."""

    def __init__(self, label=None, validators=None, *, missing, invalid, **kwargs):
        super().__init__(label, validators, format="%d %m %Y", widget=GovDateInput(), **kwargs)
        self.missing = missing
        self.invalid = invalid

    def process_formdata(self, valuelist):
        # Exactly day, month and year, whatever was sent, so the boxes can be drawn again.
        parts = [part.strip() for part in [*valuelist, "", "", ""][:3]]
        self.raw_data = parts
        if not any(parts):
            self.data = None
            raise ValueError(str(self.missing))
        try:
            self.data = datetime.strptime(" ".join(parts), "%d %m %Y").date()
        except ValueError:
            self.data = None
            raise ValueError(str(self.invalid)) from None

    def pre_validate(self, form):
        if self.data is None and not self.process_errors:
            raise StopValidation(str(self.missing))


class ClosureDayForm(FlaskForm):
    day = GovDateField(
        _l("Date the council is closed"),
        description=_l("For example, 29 12 2026"),
        missing=_l("Enter the date the council is closed"),
        invalid=_l("The date must be a real date, like 29 12 2026"),
    )
    reason = StringField(
        _l("Reason (optional)"),
        description=_l("For example, Office closed between Christmas and New Year"),
        widget=GovTextInput(),
        validators=[DomainRule(closure_days.check_reason)],
    )
    submit = SubmitField(_l("Add closure day"), widget=GovSubmitInput())


class RemoveClosureDayForm(FlaskForm):
    submit = SubmitField(_l("Remove"), widget=GovSubmitInput())
