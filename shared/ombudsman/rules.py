"""What an Ombudsman record must hold, with each rule's message, kept once."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from shared.errors import InvalidInput
from shared.ombudsman.models import DETERMINATIONS, OrderKind
from shared.validation import optional_text, required_text, too_long_message

MAX_REFERENCE = 64
MAX_TEXT = 20_000


def refuse(field: str, message) -> InvalidInput:
    return InvalidInput(message, {field: str(message)})


def ombudsman(code: str | None, field: str = "ombudsman") -> str:
    if code not in DETERMINATIONS:
        raise refuse(field, _l("Select which Ombudsman is looking at the complaint"))
    return code


def their_reference(value: str | None, field: str = "their_reference") -> str | None:
    return optional_text(
        value,
        field,
        limit=MAX_REFERENCE,
        too_long=too_long_message(_l("The Ombudsman's reference"), MAX_REFERENCE),
    )


def not_in_the_future(value: date | None, today: date, field: str) -> date:
    if value is None:
        raise refuse(field, _l("Enter the date"))
    if value > today:
        raise refuse(field, _l("The date must be today or in the past"))
    return value


def determination(code: str | None, which_ombudsman: str, field: str = "determination") -> str:
    if code not in DETERMINATIONS.get(which_ombudsman, ()):
        raise refuse(field, _l("Select the Ombudsman's determination"))
    return code


def summary(value: str | None, field: str = "summary") -> str | None:
    return optional_text(
        value, field, limit=MAX_TEXT, too_long=too_long_message(_l("The summary"), MAX_TEXT)
    )


def order_kind(code: str | None, field: str = "kind") -> str:
    if code not in {k.value for k in OrderKind}:
        raise refuse(field, _l("Select whether it is an order or a recommendation"))
    return code


def order_description(value: str | None, field: str = "description") -> str:
    return required_text(
        value,
        field,
        missing=_l("Say what the Ombudsman ordered or recommended"),
        limit=MAX_TEXT,
        too_long=too_long_message(_l("The description"), MAX_TEXT),
    )


def evidence(value: str | None, field: str = "evidence") -> str:
    return required_text(
        value,
        field,
        missing=_l("Describe the evidence that it was done, as sent to the Ombudsman"),
        limit=MAX_TEXT,
        too_long=too_long_message(_l("The evidence"), MAX_TEXT),
    )
