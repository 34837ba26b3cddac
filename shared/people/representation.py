"""Representatives and the consent they act on: the rules, and finding someone who already
acts for other people (an MP's caseworker handles dozens of cases)."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from shared.db import db
from shared.errors import InvalidInput
from shared.people.models import ConsentMethod, Correspondence, Representative, RepresentativeRole
from shared.validation import number, optional_text, required_text

MAX_NAME = 200
MAX_ORGANISATION = 200


def check(new, *, received_on: date) -> None:
    """Refuse a representative the council could not correspond with or act for."""
    required_text(
        new.name,
        "representative_name",
        missing=_l("Enter the representative's full name"),
        limit=MAX_NAME,
        too_long=_l("The name must be %(limit)s characters or fewer", limit=number(MAX_NAME)),
    )
    optional_text(
        new.organisation,
        "representative_organisation",
        limit=MAX_ORGANISATION,
        too_long=_l(
            "The organisation must be %(limit)s characters or fewer",
            limit=number(MAX_ORGANISATION),
        ),
    )
    if new.role not in {r.value for r in RepresentativeRole}:
        message = _l("Select who the representative is")
        raise InvalidInput(message, {"representative_role": str(message)})
    if new.consent_given_how not in {m.value for m in ConsentMethod}:
        message = _l("Select how the complainant gave their consent")
        raise InvalidInput(message, {"consent_given_how": str(message)})
    if new.consent_given_on is None or new.consent_given_on > received_on:
        message = _l("Enter the date consent was given: it cannot be in the future")
        raise InvalidInput(message, {"consent_given_on": str(message)})
    if new.correspondence_to not in {c.value for c in Correspondence}:
        message = _l("Select who should receive our letters and emails")
        raise InvalidInput(message, {"correspondence_to": str(message)})
    if new.correspondence_to != Correspondence.COMPLAINANT and not (new.email or new.address):
        message = _l("Give the representative's email address or postal address")
        raise InvalidInput(message, {"representative_email": str(message)})


def find_or_add(new) -> Representative:
    """The same representative (same role and email) is one record across their cases."""
    existing = None
    if new.email:
        existing = db.session.scalar(
            select(Representative).where(
                func.lower(Representative.email) == new.email.strip().lower(),
                Representative.role == new.role,
            )
        )
    if existing is not None:
        return existing
    representative = Representative(
        name=new.name.strip(),
        role=new.role,
        organisation=(new.organisation or "").strip() or None,
        email=(new.email or "").strip() or None,
        phone=new.phone,
        address=new.address,
        preferred_language=new.preferred_language,
    )
    db.session.add(representative)
    return representative
