"""Rules every piece of text from outside obeys, with their messages, kept once.

Forms reuse these (through `shared.web.validators`), so a page and the domain never disagree
on a limit or its wording.
"""

from __future__ import annotations

import re

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
