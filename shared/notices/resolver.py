"""The one place that decides who gets a notice, how, in which language and format.

Consent decides the recipients (the complainant, their representative, or both); each
person's contact method decides the channel (email, or a printed letter when they asked
for post or gave no email address); their preferred language and format travel with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from shared.notices.models import Channel
from shared.people.models import ContactFormat, ContactMethod, Correspondence

if TYPE_CHECKING:  # shared.cases imports the notices: no import of it at run time
    from shared.cases.models import Complaint
    from shared.people.models import Person, Representative


@dataclass(frozen=True)
class Recipient:
    role: str  # "complainant" or "representative"
    name: str
    email: str  # empty for a letter
    channel: str
    language: str
    format: str


def _complainant(person: Person) -> Recipient:
    by_letter = person.contact_method == ContactMethod.LETTER or not person.email
    return Recipient(
        role="complainant",
        name=person.name,
        email="" if by_letter else person.email,
        channel=Channel.LETTER if by_letter else Channel.EMAIL,
        language=person.preferred_language or "en",
        format=person.contact_format or ContactFormat.STANDARD,
    )


def _representative(representative: Representative) -> Recipient:
    # A representative records no contact preference: email when they gave an address.
    return Recipient(
        role="representative",
        name=representative.name,
        email=representative.email or "",
        channel=Channel.EMAIL if representative.email else Channel.LETTER,
        language=representative.preferred_language or "en",
        format=ContactFormat.STANDARD,
    )


def recipients_for(complaint: Complaint) -> list[Recipient]:
    """Everyone who gets a copy of a notice about this complaint, complainant first."""
    consent = complaint.consent
    if consent is None:
        return [_complainant(complaint.complainant)]
    recipients = []
    if consent.correspondence_to in (Correspondence.COMPLAINANT, Correspondence.BOTH):
        recipients.append(_complainant(complaint.complainant))
    if consent.correspondence_to in (Correspondence.REPRESENTATIVE, Correspondence.BOTH):
        recipients.append(_representative(consent.representative))
    if not recipients:  # an unknown setting must never silence every notice
        recipients.append(_complainant(complaint.complainant))
    return recipients
