"""What a complaint's text must be, with each rule's message, kept once.

The lifecycle applies these, and the forms reuse the same functions (through
`shared.web.validators.DomainRule`), so a page and the domain never disagree on a limit.
Each function returns the cleaned value or raises InvalidInput naming its field.
"""

from __future__ import annotations

from collections.abc import Sequence

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from shared.cases.models import Channel, Outcome, OutcomeSought
from shared.errors import InvalidInput
from shared.validation import number, optional_text, required_text, too_long_message

MAX_NAME = 200
MAX_EMAIL = 320
MAX_DESCRIPTION = 10_000
MAX_OUTCOME_SOUGHT = 5_000
MAX_REASONS = 20_000
MAX_DEFINITION_POINT = 2_000
MAX_DEFINITION_POINTS = 30
MAX_EXTENSION_REASON = 5_000
# More than a year of working days is a typing error, not an extension.
MAX_EXTENSION_WORKING_DAYS = 260


def complainant_name(value: str | None, field: str = "complainant_name") -> str:
    return required_text(
        value,
        field,
        missing=_l("Enter your full name"),
        limit=MAX_NAME,
        too_long=_l("Your name must be %(limit)s characters or fewer", limit=number(MAX_NAME)),
    )


def email_address(value: str | None, field: str = "contact_email") -> str:
    value = required_text(
        value,
        field,
        missing=_l("Enter your email address"),
        limit=MAX_EMAIL,
        too_long=_l(
            "Your email address must be %(limit)s characters or fewer", limit=number(MAX_EMAIL)
        ),
    )
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        message = _l("Enter an email address in the correct format, like name@example.com")
        raise InvalidInput(message, {field: str(message)}) from None
    return value


def description(value: str | None, field: str = "description") -> str:
    return required_text(
        value,
        field,
        missing=_l("Tell us what happened"),
        limit=MAX_DESCRIPTION,
        too_long=_l(
            "What happened must be %(limit)s characters or fewer", limit=number(MAX_DESCRIPTION)
        ),
    )


def outcome_sought(value: str | None, field: str = "outcome_sought") -> str:
    return required_text(
        value,
        field,
        missing=_l("Tell us what you would like us to do to put things right"),
        limit=MAX_OUTCOME_SOUGHT,
        too_long=_l(
            "What you would like us to do must be %(limit)s characters or fewer",
            limit=number(MAX_OUTCOME_SOUGHT),
        ),
    )


def escalation_reason(value: str | None, field: str = "reason") -> str | None:
    """Why the resident asks for stage 2: welcome, never required (Code 6.12)."""
    return optional_text(
        value,
        field,
        limit=MAX_DESCRIPTION,
        too_long=_l(
            "Your reason must be %(limit)s characters or fewer", limit=number(MAX_DESCRIPTION)
        ),
    )


def definition_points(points: Sequence[str] | str | None, field: str = "points") -> list[str]:
    """The numbered points of the complaint definition (Code 5.6); text gives one a line."""
    if isinstance(points, str) or points is None:
        points = (points or "").splitlines()
    too_long = _l(
        "Each point must be %(limit)s characters or fewer", limit=number(MAX_DEFINITION_POINT)
    )
    cleaned = [
        point
        for point in (
            optional_text(p, field, limit=MAX_DEFINITION_POINT, too_long=too_long) for p in points
        )
        if point
    ]
    if not cleaned:
        message = _l("Write at least one point of the complaint definition")
        raise InvalidInput(message, {field: str(message)})
    if len(cleaned) > MAX_DEFINITION_POINTS:
        message = _l(
            "Write %(limit)s points or fewer: join the smaller ones",
            limit=number(MAX_DEFINITION_POINTS),
        )
        raise InvalidInput(message, {field: str(message)})
    return cleaned


def outcomes_sought(codes: Sequence[str] | None, field: str = "outcomes_sought") -> list[str]:
    known = {o.value for o in OutcomeSought}
    if not codes or any(code not in known for code in codes):
        message = _l("Select the outcomes the resident is asking for")
        raise InvalidInput(message, {field: str(message)})
    return list(dict.fromkeys(codes))


def outcome(code: str | None, field: str = "outcome") -> str:
    if code not in {o.value for o in Outcome}:
        message = _l("Select the decision")
        raise InvalidInput(message, {field: str(message)})
    return code


def decision_reasons(value: str | None, field: str = "reasons") -> str:
    return required_text(
        value,
        field,
        missing=_l("Give the reasons for the decision"),
        limit=MAX_REASONS,
        too_long=_l("The reasons must be %(limit)s characters or fewer", limit=number(MAX_REASONS)),
    )


def extension_working_days(value, field: str = "working_days") -> int:
    message = _l(
        "Enter the number of working days to add, a whole number from 1 to %(limit)s",
        limit=number(MAX_EXTENSION_WORKING_DAYS),
    )
    try:
        days = int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidInput(message, {field: str(message)}) from None
    if not 1 <= days <= MAX_EXTENSION_WORKING_DAYS:
        raise InvalidInput(message, {field: str(message)})
    return days


def extension_reason(value: str | None, field: str = "reason") -> str:
    return required_text(
        value,
        field,
        missing=_l("Give the reason for the extension; the resident is told it"),
        limit=MAX_EXTENSION_REASON,
        too_long=too_long_message(_l("The reason"), MAX_EXTENSION_REASON),
    )


def good_reason(value: str | None, field: str = "good_reason") -> str:
    """Required when an extension goes beyond the policy's cap (DOMAIN.md, Timescales)."""
    return required_text(
        value,
        field,
        missing=_l("This extension goes beyond the policy's limit: record the good reason for it"),
        limit=MAX_EXTENSION_REASON,
        too_long=too_long_message(_l("The good reason"), MAX_EXTENSION_REASON),
    )


def exclusion_reasons(codes: Sequence[str] | None, field: str = "reasons") -> list[str]:
    from shared.cases.exclusions import REASONS_BY_CODE

    chosen = list(dict.fromkeys(c for c in (codes or []) if c))
    if not chosen or any(c not in REASONS_BY_CODE for c in chosen):
        message = _l("Select the reasons for not accepting the complaint")
        raise InvalidInput(message, {field: str(message)})
    return chosen


def exclusion_explanation(value: str | None, field: str = "explanation") -> str:
    return required_text(
        value,
        field,
        missing=_l("Explain the decision to the resident, on the facts of their complaint"),
        limit=MAX_REASONS,
        too_long=too_long_message(_l("The explanation"), MAX_REASONS),
    )


def alternative_route(value: str | None, field: str = "alternative_route") -> str | None:
    return (
        optional_text(
            value,
            field,
            limit=MAX_REASONS,
            too_long=too_long_message(_l("What the resident can do instead"), MAX_REASONS),
        )
        or None
    )


def discretion_considered(value, reasons: Sequence[str], field: str = "discretion") -> bool | None:
    """Over 12 months: whether discretion to accept it anyway was considered (Code 2.3)."""
    if "over_12_months" not in reasons:
        return None
    if value in (True, "yes"):
        return True
    if value in (False, "no"):
        return False
    message = _l("Say whether you considered accepting it anyway, despite its age")
    raise InvalidInput(message, {field: str(message)})


def reversal_reason(value: str | None, field: str = "reason") -> str:
    return required_text(
        value,
        field,
        missing=_l("Give the reason for reversing the decision"),
        limit=MAX_REASONS,
        too_long=too_long_message(_l("The reason"), MAX_REASONS),
    )


def channel(code: str | None, field: str = "how") -> str:
    if code not in {c.value for c in Channel}:
        message = _l("Select how the resident contacted us")
        raise InvalidInput(message, {field: str(message)})
    return code
