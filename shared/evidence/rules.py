"""What an entry in the correspondence log and a link between complaints must hold, with
the messages, kept once for the domain and the forms."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l

from shared.errors import InvalidInput
from shared.evidence.models import Direction, EntryKind
from shared.validation import optional_text, required_text, too_long_message

SUMMARY_LIMIT = 10_000
REASON_LIMIT = 2_000


def summary(value: str | None, *, required: bool = True, field: str = "summary") -> str:
    too_long = too_long_message(_l("What was said or written"), SUMMARY_LIMIT)
    if required:
        return required_text(
            value,
            field,
            missing=_l("Enter what was said or written"),
            limit=SUMMARY_LIMIT,
            too_long=too_long,
        )
    return optional_text(value, field, limit=SUMMARY_LIMIT, too_long=too_long) or ""


def information(value: str | None, field: str = "information") -> str:
    too_long = too_long_message(_l("The information"), SUMMARY_LIMIT)
    return optional_text(value, field, limit=SUMMARY_LIMIT, too_long=too_long) or ""


def nothing_sent():
    return _l("Enter the information you want to add, or choose a file to send")


def direction(value: str | None) -> str:
    if value not in set(Direction):
        message = _l("Select whether it came in, went out or is a note")
        raise InvalidInput(message, {"direction": str(message)})
    return value


def kind(value: str | None) -> str:
    if value not in set(EntryKind):
        message = _l("Select what kind of contact it was")
        raise InvalidInput(message, {"kind": str(message)})
    return value


def not_in_the_future(value: datetime, now: datetime, field: str = "occurred_on") -> datetime:
    if value > now:
        message = _l("The date must be today or in the past")
        raise InvalidInput(message, {field: str(message)})
    return value


def link_reason(value: str | None) -> str:
    return required_text(
        value,
        "reason",
        missing=_l("Enter why the complaints are related"),
        limit=REASON_LIMIT,
        too_long=too_long_message(_l("Why they are related"), REASON_LIMIT),
    )
