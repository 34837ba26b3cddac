"""What a compliment's text must be, with each rule's message, kept once; the portal's form
reuses these. Each returns the cleaned value or raises InvalidInput naming its field."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from shared.errors import InvalidInput
from shared.validation import number, optional_text, required_text

MAX_WHAT = 5_000
MAX_STAFF_NAMED = 500
MAX_NAME = 200
MAX_EMAIL = 320


def what(value: str | None, field: str = "what") -> str:
    return required_text(
        value,
        field,
        missing=_l("Tell us what you would like to thank us for"),
        limit=MAX_WHAT,
        too_long=_l(
            "Your compliment must be %(limit)s characters or fewer", limit=number(MAX_WHAT)
        ),
    )


def staff_named(value: str | None, field: str = "staff_named") -> str | None:
    return optional_text(
        value,
        field,
        limit=MAX_STAFF_NAMED,
        too_long=_l(
            "The names of staff must be %(limit)s characters or fewer",
            limit=number(MAX_STAFF_NAMED),
        ),
    )


def contact_name(value: str | None, field: str = "contact_name") -> str | None:
    return optional_text(
        value,
        field,
        limit=MAX_NAME,
        too_long=_l("Your name must be %(limit)s characters or fewer", limit=number(MAX_NAME)),
    )


def contact_email(value: str | None, field: str = "contact_email") -> str | None:
    value = optional_text(
        value,
        field,
        limit=MAX_EMAIL,
        too_long=_l(
            "Your email address must be %(limit)s characters or fewer", limit=number(MAX_EMAIL)
        ),
    )
    if value is None:
        return None
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        message = _l("Enter an email address in the correct format, like name@example.com")
        raise InvalidInput(message, {field: str(message)}) from None
    return value
