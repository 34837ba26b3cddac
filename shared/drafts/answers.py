"""Each question page's rules: raw answers (as typed) in, clean values out, or one
InvalidInput naming every field at fault with its own message. The pages and the final
sending apply the same functions, so a page and the sending never disagree."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date

from flask_babel import lazy_gettext as _l

from shared.cases import rules as case_rules
from shared.cases.models import OutcomeSought
from shared.drafts.journey import MYSELF, SOMEONE_ELSE
from shared.errors import InvalidInput
from shared.people import representation
from shared.people.models import (
    Adjustment,
    ConsentMethod,
    ContactFormat,
    ContactMethod,
    Correspondence,
    RepresentativeRole,
)
from shared.validation import (
    ANY_DATE,
    InvalidDate,
    date_from_parts,
    number,
    optional_text,
    required_text,
    too_long_message,
)

MAX_PHONE = 40
MAX_ADDRESS = 1_000
MAX_POSTCODE = 16
MAX_STAFF_INVOLVED = 2_000
MAX_ADJUSTMENTS_DETAIL = 2_000
# Digits, spaces, brackets, dashes, dots and a leading plus: how people write numbers.
PHONE_PATTERN = re.compile(r"\+?[0-9 ()\-.]{6,40}")
CONSENT_METHODS = [m for m in ConsentMethod if m != ConsentMethod.ONLINE_DECLARATION]


class PageInvalid(InvalidInput):
    """One or more answers on a page are wrong; ``date_parts`` names the boxes at fault of
    each date field."""

    def __init__(self, field_errors: dict[str, str], date_parts: dict[str, tuple]):
        super().__init__(next(iter(field_errors.values())), field_errors)
        self.date_parts = date_parts


class _Checker:
    def __init__(self, raw: dict):
        self.raw = raw
        self.errors: dict[str, str] = {}
        self.date_parts: dict[str, tuple] = {}

    def text(self, name: str) -> str:
        value = self.raw.get(name)
        return value if isinstance(value, str) else ""

    def codes(self, name: str) -> list[str]:
        value = self.raw.get(name)
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str) and v]

    def run(self, name: str, rule: Callable, *args, **kwargs):
        try:
            return rule(*args, **kwargs)
        except InvalidDate as error:
            self.errors.setdefault(name, str(error.message))
            self.date_parts[name] = error.parts
        except InvalidInput as error:
            self.errors.setdefault(name, str(error.message))
        return None

    def refuse(self, name: str, message) -> None:
        self.errors.setdefault(name, str(message))

    def done(self, values: dict) -> dict:
        if self.errors:
            raise PageInvalid(self.errors, self.date_parts)
        return values


def _one_of(value: str, allowed: Iterable[str], field: str, message) -> str:
    if value not in {str(a) for a in allowed}:
        raise InvalidInput(message, {field: str(message)})
    return value


def _phone(value: str, field: str) -> str | None:
    value = optional_text(
        value, field, limit=MAX_PHONE, too_long=too_long_message(_l("The phone number"), MAX_PHONE)
    )
    if value and not PHONE_PATTERN.fullmatch(value):
        message = _l("Enter a phone number, like 01632 960 001 or +44 7700 900 982")
        raise InvalidInput(message, {field: str(message)})
    return value


def _date(c: _Checker, name: str, today: date) -> date | None:
    return c.run(
        name,
        date_from_parts,
        c.text(f"{name}-day"),
        c.text(f"{name}-month"),
        c.text(f"{name}-year"),
        field=name,
        messages=ANY_DATE,
        latest=today,
    )


def who(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    value = c.run(
        "who",
        _one_of,
        c.text("who"),
        (MYSELF, SOMEONE_ELSE),
        "who",
        _l("Select whether you are complaining for yourself or for someone else"),
    )
    return c.done({"who": value})


def your_role(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    role = c.run(
        "role",
        _one_of,
        c.text("role"),
        RepresentativeRole,
        "role",
        _l("Select who you are acting as"),
    )
    organisation = c.run(
        "organisation",
        optional_text,
        c.text("organisation"),
        "organisation",
        limit=representation.MAX_ORGANISATION,
        too_long=_l(
            "The organisation must be %(limit)s characters or fewer",
            limit=number(representation.MAX_ORGANISATION),
        ),
    )
    return c.done({"role": role, "organisation": organisation})


def your_details(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    name = c.run("name", case_rules.complainant_name, c.text("name"), "name")
    email = c.run("email", case_rules.email_address, c.text("email"), "email")
    phone = c.run("phone", _phone, c.text("phone"), "phone")
    return c.done({"name": name, "email": email, "phone": phone})


def consent(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    if "yes" not in c.codes("declared"):
        c.refuse("declared", _l("Confirm that the resident agrees to you acting for them"))
    how = c.run(
        "how",
        _one_of,
        c.text("how"),
        CONSENT_METHODS,
        "how",
        _l("Select how the complainant gave their consent"),
    )
    given_on = _date(c, "given_on", ctx["today"])
    correspondence_to = c.run(
        "correspondence_to",
        _one_of,
        c.text("correspondence_to"),
        Correspondence,
        "correspondence_to",
        _l("Select who should receive our letters and emails"),
    )
    return c.done({"how": how, "given_on": given_on, "correspondence_to": correspondence_to})


def details(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    someone_else = ctx.get("someone_else", False)
    if someone_else:
        name = c.run(
            "name",
            required_text,
            c.text("name"),
            "name",
            missing=_l("Enter the resident's full name"),
            limit=case_rules.MAX_NAME,
            too_long=_l(
                "The name must be %(limit)s characters or fewer", limit=number(case_rules.MAX_NAME)
            ),
        )
    else:
        name = c.run("name", case_rules.complainant_name, c.text("name"), "name")
    email = None
    if not someone_else or c.text("email").strip():
        email = c.run("email", case_rules.email_address, c.text("email"), "email")
    phone = c.run("phone", _phone, c.text("phone"), "phone")
    address = c.run(
        "address",
        optional_text,
        c.text("address"),
        "address",
        limit=MAX_ADDRESS,
        too_long=too_long_message(_l("The address"), MAX_ADDRESS),
    )
    writes_to_resident = ctx.get("correspondence_to") != Correspondence.REPRESENTATIVE
    if someone_else and writes_to_resident and not email and not (address or "").strip():
        c.refuse(
            "email",
            _l("Give the resident's email address or postal address, so that we can write to them"),
        )
    postcode = c.run(
        "postcode",
        optional_text,
        c.text("postcode"),
        "postcode",
        limit=MAX_POSTCODE,
        too_long=too_long_message(_l("The postcode"), MAX_POSTCODE),
    )
    return c.done(
        {"name": name, "email": email, "phone": phone, "address": address, "postcode": postcode}
    )


def services(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    offered = ctx["service_area_codes"]
    main = c.run(
        "main",
        _one_of,
        c.text("main"),
        offered,
        "main",
        _l("Select the service your complaint is about"),
    )
    others = c.codes("others")
    if any(code not in offered for code in others):
        c.refuse("others", _l("Select services from the list"))
    return c.done({"main": main, "others": [code for code in others if code != main]})


def what_happened(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    description = c.run("description", case_rules.description, c.text("description"), "description")
    return c.done({"description": description})


def when(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    return c.done({"happened_on": _date(c, "happened_on", ctx["today"])})


def found_out(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    found_out_on = _date(c, "found_out_on", ctx["today"])
    happened_on = ctx.get("happened_on")
    if found_out_on and happened_on and found_out_on < happened_on:
        c.refuse(
            "found_out_on",
            _l("The date you found out must be the same as or after the date it happened"),
        )
    return c.done({"found_out_on": found_out_on})


def staff(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    named = c.run(
        "staff_involved",
        optional_text,
        c.text("staff_involved"),
        "staff_involved",
        limit=MAX_STAFF_INVOLVED,
        too_long=too_long_message(_l("Staff involved"), MAX_STAFF_INVOLVED),
    )
    return c.done({"staff_involved": named})


def unfair(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    value = c.run(
        "unfair",
        _one_of,
        c.text("unfair"),
        ("yes", "no"),
        "unfair",
        _l("Select yes if you think you were treated unfairly because of who you are"),
    )
    return c.done({"unfair": value == "yes" if value else None})


def outcome(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    codes = c.codes("outcomes")
    if not codes or any(code not in {o.value for o in OutcomeSought} for code in codes):
        c.refuse("outcomes", _l("Select what you would like us to do"))
    text = c.text("outcome_sought")
    wanted = None
    if OutcomeSought.OTHER in codes or text.strip():
        wanted = c.run(
            "outcome_sought",
            case_rules.outcome_sought,
            text,
            "outcome_sought",
        )
    return c.done({"outcomes": list(dict.fromkeys(codes)), "outcome_sought": wanted})


def evidence(raw: dict, ctx: dict) -> dict:
    """The evidence page is answered by going on from it; its files are checked as they are
    added and kept with the draft (shared.drafts.records), never among the answers."""
    return {}


def support(raw: dict, ctx: dict) -> dict:
    c = _Checker(raw)
    language = c.run(
        "language",
        _one_of,
        c.text("language"),
        ctx["languages"],
        "language",
        _l("Select the language you would like us to use"),
    )
    method = c.run(
        "contact_method",
        _one_of,
        c.text("contact_method"),
        ContactMethod,
        "contact_method",
        _l("Select how you would like us to contact you"),
    )
    if method == ContactMethod.LETTER and not ctx.get("has_address"):
        c.refuse(
            "contact_method",
            _l("To get letters, give a postal address on the contact details page"),
        )
    if method == ContactMethod.PHONE and not ctx.get("has_phone"):
        c.refuse(
            "contact_method",
            _l("To get phone calls, give a phone number on the contact details page"),
        )
    contact_format = c.run(
        "contact_format",
        _one_of,
        c.text("contact_format"),
        ContactFormat,
        "contact_format",
        _l("Select the format you would like"),
    )
    adjustments = c.codes("adjustments")
    if any(code not in {a.value for a in Adjustment} for code in adjustments):
        c.refuse("adjustments", _l("Select adjustments from the list"))
    detail = c.run(
        "adjustments_detail",
        optional_text,
        c.text("adjustments_detail"),
        "adjustments_detail",
        limit=MAX_ADJUSTMENTS_DETAIL,
        too_long=too_long_message(_l("What else would help"), MAX_ADJUSTMENTS_DETAIL),
    )
    return c.done(
        {
            "language": language,
            "contact_method": method,
            "contact_format": contact_format,
            "adjustments": list(dict.fromkeys(adjustments)),
            "adjustments_detail": detail,
        }
    )


RULES: dict[str, Callable[[dict, dict], dict]] = {
    "who": who,
    "your-role": your_role,
    "your-details": your_details,
    "consent": consent,
    "details": details,
    "services": services,
    "what-happened": what_happened,
    "when": when,
    "found-out": found_out,
    "staff": staff,
    "unfair": unfair,
    "outcome": outcome,
    "evidence": evidence,
    "support": support,
}
