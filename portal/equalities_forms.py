"""The equalities questions and the satisfaction survey, as forms. The choices and messages
are the domain's (`shared.equalities.questions`, `shared.surveys`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SubmitField, TextAreaField
from wtforms.validators import InputRequired

from shared import surveys
from shared.equalities import QUESTIONS
from shared.validation import number
from shared.web.validators import DomainRule
from shared.web.widgets import GovRadioInput, GovSubmitInput, GovTextArea


def _radios(question) -> RadioField:
    return RadioField(
        question.text,
        description=question.hint or "",
        choices=[SelectChoice(code, label) for code, label in question.answers],
        widget=GovRadioInput(),
        validators=[InputRequired(message=question.missing)],
        invalid_choice_message=question.missing,
    )


class EqualitiesForm(FlaskForm):
    submit = SubmitField(_l("Send my answers"), widget=GovSubmitInput())

    @property
    def questions(self):
        """(question, field) in the order asked."""
        return [(question, self[question.code]) for question in QUESTIONS]

    def answers(self) -> dict[str, str]:
        return {question.code: field.data for question, field in self.questions}


for _question in QUESTIONS:
    setattr(EqualitiesForm, _question.code, _radios(_question))


class SurveyForm(FlaskForm):
    handling = RadioField(
        _l("How satisfied are you with how we handled your complaint?"),
        description=_l("Think about how we dealt with it, not only about our decision."),
        choices=[SelectChoice(str(value), label) for value, label in surveys.HANDLING],
        widget=GovRadioInput(),
        validators=[
            InputRequired(message=_l("Select how satisfied you are with how we handled it"))
        ],
        invalid_choice_message=_l("Select how satisfied you are with how we handled it"),
    )
    kept_informed = RadioField(
        _l("Did we keep you informed while we looked into your complaint?"),
        choices=[SelectChoice(value, label) for value, label in surveys.KEPT_INFORMED],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select whether we kept you informed"))],
        invalid_choice_message=_l("Select whether we kept you informed"),
    )
    comment = TextAreaField(
        _l("Is there anything else you would like to tell us? (optional)"),
        description=_l("You can write up to %(max)s characters.", max=number(surveys.MAX_COMMENT)),
        widget=GovTextArea(),
        validators=[DomainRule(surveys.records.comment_rule)],
    )
    submit = SubmitField(_l("Send my answers"), widget=GovSubmitInput())
