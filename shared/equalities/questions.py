"""The equalities monitoring questions and their answers, after the ONS 2021 Census
harmonised standards for England and Wales (DOMAIN.md, "Equalities monitoring").

Each answer is stored as its code; every question can be answered "prefer not to say".
The order here is the order on the page and in the tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

PREFER_NOT_TO_SAY = "prefer_not_to_say"


@dataclass(frozen=True)
class Question:
    code: str
    text: object  # lazy text: the question as asked
    heading: object  # lazy text: a short name for the table
    answers: tuple[tuple[str, object], ...]  # (code, lazy label), "prefer not to say" last
    missing: object  # lazy text: the message when it is not answered
    hint: object | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _label in self.answers)

    def label(self, code: str):
        return dict(self.answers)[code]


def _with_prefer_not(*answers) -> tuple[tuple[str, object], ...]:
    return (*answers, (PREFER_NOT_TO_SAY, _l("Prefer not to say")))


QUESTIONS: tuple[Question, ...] = (
    Question(
        "age_band",
        _l("What is your age?"),
        _l("Age"),
        _with_prefer_not(
            ("under_16", _l("Under 16")),
            ("16_to_24", _l("16 to 24")),
            ("25_to_34", _l("25 to 34")),
            ("35_to_44", _l("35 to 44")),
            ("45_to_54", _l("45 to 54")),
            ("55_to_64", _l("55 to 64")),
            ("65_to_74", _l("65 to 74")),
            ("75_or_over", _l("75 or over")),
        ),
        _l("Select your age, or “Prefer not to say”"),
    ),
    Question(
        "sex",
        _l("What is your sex?"),
        _l("Sex"),
        _with_prefer_not(("female", _l("Female")), ("male", _l("Male"))),
        _l("Select your sex, or “Prefer not to say”"),
    ),
    Question(
        "gender_identity",
        _l("Is the gender you identify with the same as your sex registered at birth?"),
        _l("Gender identity"),
        _with_prefer_not(("same", _l("Yes")), ("different", _l("No"))),
        _l(
            "Select whether your gender is the same as your sex registered at birth, "
            "or “Prefer not to say”"
        ),
    ),
    Question(
        "sexual_orientation",
        _l("Which of the following best describes your sexual orientation?"),
        _l("Sexual orientation"),
        _with_prefer_not(
            ("straight", _l("Straight or heterosexual")),
            ("gay_or_lesbian", _l("Gay or lesbian")),
            ("bisexual", _l("Bisexual")),
            ("other", _l("Another sexual orientation")),
        ),
        _l("Select your sexual orientation, or “Prefer not to say”"),
    ),
    Question(
        "ethnic_group",
        _l("What is your ethnic group?"),
        _l("Ethnic group"),
        _with_prefer_not(
            ("asian", _l("Asian, Asian British or Asian Welsh")),
            ("black", _l("Black, Black British, Black Welsh, Caribbean or African")),
            ("mixed", _l("Mixed or multiple ethnic groups")),
            ("white", _l("White")),
            ("other", _l("Another ethnic group")),
        ),
        _l("Select your ethnic group, or “Prefer not to say”"),
    ),
    Question(
        "religion",
        _l("What is your religion?"),
        _l("Religion or belief"),
        _with_prefer_not(
            ("none", _l("No religion")),
            ("christian", _l("Christian")),
            ("buddhist", _l("Buddhist")),
            ("hindu", _l("Hindu")),
            ("jewish", _l("Jewish")),
            ("muslim", _l("Muslim")),
            ("sikh", _l("Sikh")),
            ("other", _l("Another religion")),
        ),
        _l("Select your religion, or “Prefer not to say”"),
    ),
    Question(
        "disability",
        _l(
            "Are your day-to-day activities limited because of a health problem or "
            "disability which has lasted, or is expected to last, at least 12 months?"
        ),
        _l("Disability"),
        _with_prefer_not(
            ("yes_a_lot", _l("Yes, limited a lot")),
            ("yes_a_little", _l("Yes, limited a little")),
            ("no", _l("No")),
        ),
        _l("Select whether your day-to-day activities are limited, or “Prefer not to say”"),
        hint=_l("Include problems related to old age."),
    ),
    Question(
        "pregnancy_maternity",
        _l("Are you pregnant, or have you given birth in the last 26 weeks?"),
        _l("Pregnancy and maternity"),
        _with_prefer_not(("yes", _l("Yes")), ("no", _l("No"))),
        _l(
            "Select whether you are pregnant or have given birth in the last 26 weeks, "
            "or “Prefer not to say”"
        ),
    ),
    Question(
        "marriage",
        _l("What is your legal marital or registered civil partnership status?"),
        _l("Marriage and civil partnership"),
        _with_prefer_not(
            ("never", _l("Never married and never registered a civil partnership")),
            ("married", _l("Married")),
            ("civil_partnership", _l("In a registered civil partnership")),
            ("separated", _l("Separated, but still legally married or in a civil partnership")),
            ("divorced", _l("Divorced or civil partnership dissolved")),
            ("widowed", _l("Widowed or surviving civil partner")),
        ),
        _l("Select your marital or civil partnership status, or “Prefer not to say”"),
    ),
)

BY_CODE: dict[str, Question] = {question.code: question for question in QUESTIONS}
