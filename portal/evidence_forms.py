"""The "add information" form on a resident's tracking page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Optional

from shared.evidence import SentBy, rules
from shared.web.uploads import EvidenceFilesField
from shared.web.validators import DomainRule
from shared.web.widgets import GovRadioInput, GovSubmitInput, GovTextArea

_WHO = _l("Select who is sending this")


class AddInformationForm(FlaskForm):
    # One-time: a second post of the same form finds the entry the first one made.
    submission_token = HiddenField()
    sent_by = RadioField(
        _l("Who is sending this?"),
        choices=[
            SelectChoice(SentBy.RESIDENT, _l("The person who made the complaint")),
            SelectChoice(SentBy.REPRESENTATIVE, _l("Their representative")),
        ],
        widget=GovRadioInput(),
        validators=[Optional()],
        invalid_choice_message=_WHO,
    )
    information = TextAreaField(
        _l("What would you like to add?"),
        description=_l(
            "Up to 10,000 characters. For example, something that has happened since, or "
            "something we should know."
        ),
        widget=GovTextArea(),
        validators=[DomainRule(rules.information)],
    )
    files = EvidenceFilesField(_l("Upload evidence (optional)"))
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())

    def ask_who(self, has_representative: bool) -> AddInformationForm:
        """Only a complaint made through a representative asks who is sending."""
        if has_representative:
            self.sent_by.validators = [InputRequired(message=_WHO)]
        else:
            del self.sent_by
        return self

    @property
    def sender(self) -> str:
        field = getattr(self, "sent_by", None)
        return field.data if field is not None and field.data else SentBy.RESIDENT
