"""Rules every piece of text from outside obeys, with their messages, kept once.

Forms reuse these (through `shared.web.validators`), so a page and the domain never disagree
on a limit or its wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import LazyString, format_number
from flask_babel import lazy_gettext as _l

from shared.errors import InvalidInput

# Control characters break PostgreSQL (NUL) and hide text; tab and newline are ordinary.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# "\r\n" from browsers is a newline, not a control character.
_NEWLINES = re.compile(r"\r\n?")


def number(value: int) -> LazyString:
    """A number written the reader's way ("10,000" in English), decided when shown."""
    return LazyString(lambda: format_number(value))


def control_character_message():
    return _l("Remove the special characters that cannot be used, such as invisible control codes.")


def has_control_characters(value: str) -> bool:
    return bool(CONTROL_CHARACTERS.search(_NEWLINES.sub("\n", value)))


def too_long_message(label, limit: int):
    return _l("%(label)s must be %(limit)s characters or fewer.", label=label, limit=number(limit))


def clean_text(value: str | None, field: str, *, limit: int, too_long) -> str:
    """Trimmed text with its newlines normalised, or InvalidInput naming the field."""
    value = _NEWLINES.sub("\n", (value or "")).strip()
    if CONTROL_CHARACTERS.search(value):
        message = control_character_message()
        raise InvalidInput(message, {field: str(message)})
    if len(value) > limit:
        raise InvalidInput(too_long, {field: str(too_long)})
    return value


def required_text(value: str | None, field: str, *, missing, limit: int, too_long) -> str:
    value = clean_text(value, field, limit=limit, too_long=too_long)
    if not value:
        raise InvalidInput(missing, {field: str(missing)})
    return value


def optional_text(value: str | None, field: str, *, limit: int, too_long) -> str | None:
    return clean_text(value, field, limit=limit, too_long=too_long) or None


# -- dates typed in three boxes (the GOV.UK date input pattern) -----------------------------

DATE_PARTS = ("day", "month", "year")


@dataclass(frozen=True)
class DateMessages:
    """What to say about one date question, in the words the GOV.UK pattern uses."""

    enter: object
    missing: dict  # the boxes left empty -> the message
    not_real: object
    in_the_future: object | None = None


# For staff pages, where the question says which date is meant.
ANY_DATE = DateMessages(
    enter=_l("Enter the date"),
    missing={
        ("day",): _l("The date must include a day"),
        ("month",): _l("The date must include a month"),
        ("year",): _l("The date must include a year"),
        ("day", "month"): _l("The date must include a day and month"),
        ("day", "year"): _l("The date must include a day and year"),
        ("month", "year"): _l("The date must include a month and year"),
    },
    not_real=_l("The date must be a real date"),
    in_the_future=_l("The date must be today or in the past"),
)
YEAR_NEEDS_FOUR_NUMBERS = _l("Year must include 4 numbers")


class InvalidDate(InvalidInput):
    """A date that is missing, not real or out of range; ``parts`` are the boxes at fault."""

    def __init__(self, message, field: str, parts=DATE_PARTS):
        super().__init__(message, {field: str(message)})
        self.parts = tuple(parts)


def date_from_parts(
    day: str | None,
    month: str | None,
    year: str | None,
    *,
    field: str,
    messages: DateMessages = ANY_DATE,
    latest: date | None = None,
) -> date:
    """A date from the three boxes of a date input, or InvalidDate naming the boxes at
    fault. With ``latest`` (today, usually), a later date is refused."""
    given = {
        name: (value or "").strip()
        for name, value in zip(DATE_PARTS, (day, month, year), strict=True)
    }
    missing = tuple(name for name in DATE_PARTS if not given[name])
    if len(missing) == len(DATE_PARTS):
        raise InvalidDate(messages.enter, field)
    if missing:
        raise InvalidDate(messages.missing[missing], field, missing)
    wrong = tuple(
        name for name in DATE_PARTS if not (given[name].isascii() and given[name].isdigit())
    )
    if wrong:
        raise InvalidDate(messages.not_real, field, wrong)
    if len(given["year"]) != 4:
        raise InvalidDate(YEAR_NEEDS_FOUR_NUMBERS, field, ("year",))
    number_of = {name: int(value) for name, value in given.items()}
    if not 1 <= number_of["month"] <= 12:
        raise InvalidDate(messages.not_real, field, ("month",))
    try:
        value = date(number_of["year"], number_of["month"], number_of["day"])
    except ValueError:
        raise InvalidDate(messages.not_real, field, ("day",)) from None
    if latest is not None and value > latest and messages.in_the_future is not None:
        raise InvalidDate(messages.in_the_future, field)
    return value
