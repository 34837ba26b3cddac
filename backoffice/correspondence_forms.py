"""Forms for the correspondence log and for linking related complaints."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectChoice, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, StopValidation

from backoffice.admin_forms import GovDateField
from backoffice.forms import CaseForm
from shared import clock
from shared.evidence import rules
from shared.evidence.models import Direction, EntryKind
from shared.evidence.wording import DIRECTION_LABELS, KIND_LABELS
from shared.web.uploads import EvidenceFilesField
from shared.web.validators import DomainRule, NoControlCharacters
from shared.web.widgets import GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput

_TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$")


class TimeOfDay:
    def __call__(self, form, field):
        value = (field.data or "").strip()
        if value and not _TIME.match(value):
            raise StopValidation(str(_l("Enter a time on the 24-hour clock, like 14:30")))


class CorrespondenceForm(CaseForm):
    direction = RadioField(
        _l("Did it come in, go out, or is it a note?"),
        choices=[SelectChoice(code, label) for code, label in DIRECTION_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select whether it came in, went out or is a note"))],
        invalid_choice_message=_l("Select whether it came in, went out or is a note"),
    )
    kind = RadioField(
        _l("What kind of contact?"),
        choices=[SelectChoice(code, label) for code, label in KIND_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select what kind of contact it was"))],
        invalid_choice_message=_l("Select what kind of contact it was"),
    )
    occurred_on = GovDateField(
        _l("When did it happen?"),
        description=_l("For example, 27 3 2026"),
        missing=_l("Enter the date"),
        invalid=_l("The date must be a real date, like 27 3 2026"),
    )
    occurred_time = StringField(
        _l("Time (optional)"),
        description=_l("On the 24-hour clock, for example 14:30"),
        widget=GovTextInput(),
        validators=[NoControlCharacters(), TimeOfDay()],
    )
    summary = TextAreaField(
        _l("What was said or written"),
        description=_l("Up to 10,000 characters."),
        widget=GovTextArea(),
        validators=[DomainRule(rules.summary)],
    )
    files = EvidenceFilesField(_l("Attachments (optional)"))
    submission_token = HiddenField()
    submit = SubmitField(_l("Add to the record"), widget=GovSubmitInput())

    def occurred_at(self) -> datetime:
        """The instant it happened: the time given, or midday that day if none was (so the
        entry sorts on its day whatever the clock change); today without a time is now."""
        match = _TIME.match((self.occurred_time.data or "").strip())
        day = self.occurred_on.data
        if match:
            at = time(int(match.group(1)), int(match.group(2)))
        elif day == clock.today():
            return clock.now()
        else:
            at = time(12, 0)
        return datetime.combine(day, at, tzinfo=clock.LONDON).astimezone(UTC)


class LinkForm(CaseForm):
    related_reference = StringField(
        _l("Reference of the related complaint"),
        description=_l("For example, CMP-2026-000123"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the reference of the related complaint")),
            NoControlCharacters(),
        ],
    )
    reason = TextAreaField(
        _l("Why are they related?"),
        description=_l("Up to 2,000 characters."),
        widget=GovTextArea(),
        validators=[DomainRule(rules.link_reason)],
    )
    submit = SubmitField(_l("Link the complaints"), widget=GovSubmitInput())


__all__ = ["CorrespondenceForm", "Direction", "EntryKind", "LinkForm"]
