"""How the choices on the question pages read, in the resident's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from shared.people.models import (
    Adjustment,
    ConsentMethod,
    ContactFormat,
    ContactMethod,
    Correspondence,
    RepresentativeRole,
)

ROLE_LABELS = {
    RepresentativeRole.MP: _l("MP or MP's caseworker"),
    RepresentativeRole.COUNCILLOR: _l("Councillor"),
    RepresentativeRole.RELATIVE_OR_FRIEND: _l("Relative or friend"),
    RepresentativeRole.ADVOCATE: _l("Advocate"),
    RepresentativeRole.SOLICITOR: _l("Solicitor"),
    RepresentativeRole.OTHER: _l("Someone else"),
}

# How the resident told the representative they agree (the declaration itself is online).
CONSENT_METHOD_LABELS = {
    ConsentMethod.SIGNED_FORM: _l("They signed a consent form"),
    ConsentMethod.EMAIL: _l("By email"),
    ConsentMethod.PHONE: _l("By phone"),
    ConsentMethod.IN_PERSON: _l("In person"),
    ConsentMethod.LEGAL_AUTHORITY: _l("I have legal authority, such as a power of attorney"),
}

CORRESPONDENCE_LABELS = {
    Correspondence.BOTH: _l("Both of us"),
    Correspondence.REPRESENTATIVE: _l("Only me"),
    Correspondence.COMPLAINANT: _l("Only the resident"),
}

CONTACT_METHOD_LABELS = {
    ContactMethod.EMAIL: _l("Email"),
    ContactMethod.PHONE: _l("Phone"),
    ContactMethod.LETTER: _l("Letter"),
}

CONTACT_FORMAT_LABELS = {
    ContactFormat.STANDARD: _l("Standard"),
    ContactFormat.LARGE_PRINT: _l("Large print"),
    ContactFormat.EASY_READ: _l("Easy read"),
    ContactFormat.ANOTHER_LANGUAGE: _l("In my preferred language"),
}

ADJUSTMENT_LABELS = {
    Adjustment.LARGE_PRINT: _l("Large print"),
    Adjustment.BRAILLE: _l("Braille"),
    Adjustment.AUDIO: _l("Audio"),
    Adjustment.EASY_READ: _l("Easy read"),
    Adjustment.INTERPRETER: _l("An interpreter"),
    Adjustment.BRITISH_SIGN_LANGUAGE: _l("British Sign Language"),
    Adjustment.RELAY_UK: _l("Relay UK"),
    Adjustment.PHONE_CALLS: _l("Phone calls instead of letters"),
    Adjustment.NAMED_CONTACT: _l("One named person to contact"),
    Adjustment.EXTRA_TIME: _l("Extra time"),
}


def role_label(code: str) -> str:
    return str(ROLE_LABELS[RepresentativeRole(code)])


def adjustment_label(code: str) -> str:
    return str(ADJUSTMENT_LABELS[Adjustment(code)])


def contact_method_label(code: str) -> str:
    return str(CONTACT_METHOD_LABELS[ContactMethod(code)])


def contact_format_label(code: str) -> str:
    return str(CONTACT_FORMAT_LABELS[ContactFormat(code)])
