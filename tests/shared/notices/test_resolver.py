"""Who gets a notice, how, in which language and format: the complainant, their
representative or both as the consent says; a letter for those who asked for post or gave
no email address."""

from __future__ import annotations

from datetime import date

import pytest

from shared.cases import NewComplainant
from shared.db import db
from shared.notices.outbox import send_due_messages
from shared.people.models import Consent, Representative
from tests.factories import acknowledge, make_staff, submit
from tests.shared.notices.mail import delivered, delivered_for, outbox

RESIDENT = "resident@example.com"
ADVOCATE = "alex@advocacy.example"


def represent(complaint, correspondence_to: str, email: str | None = ADVOCATE, language="en"):
    """Record a representative and the complainant's consent, as staff would."""
    representative = Representative(
        name="Alex Advocate", role="advocate", email=email, preferred_language=language
    )
    db.session.add(
        Consent(
            complaint_id=complaint.id,
            representative=representative,
            given_how="signed_form",
            given_on=date(2025, 3, 3),
            correspondence_to=correspondence_to,
        )
    )
    db.session.commit()


def acknowledgements():
    return [m for m in outbox() if m.kind == "stage_1_acknowledgement"]


@pytest.mark.parametrize(
    ("correspondence_to", "expected"),
    [
        (None, [("complainant", RESIDENT, "Sam Resident")]),
        ("complainant", [("complainant", RESIDENT, "Sam Resident")]),
        ("representative", [("representative", ADVOCATE, "Alex Advocate")]),
        (
            "both",
            [
                ("complainant", RESIDENT, "Sam Resident"),
                ("representative", ADVOCATE, "Alex Advocate"),
            ],
        ),
    ],
)
def test_the_consent_decides_who_gets_the_notice(app, file_backend, correspondence_to, expected):
    complaint = submit(email=RESIDENT).complaint
    if correspondence_to:
        represent(complaint, correspondence_to)
    acknowledge(complaint, make_staff("complaints_officer"), on="2025-03-04 10:00")

    messages = acknowledgements()
    assert [(m.recipient_role, m.recipient, m.recipient_name) for m in messages] == expected
    send_due_messages(backend=file_backend)
    for message, (_role, address, name) in zip(messages, expected, strict=True):
        mail = delivered_for(file_backend, message)
        assert mail.to == address
        assert mail.body.startswith(f"Dear {name},")
        assert "This is our understanding of your complaint" in mail.body


def test_a_complainant_who_asked_for_post_gets_a_letter_left_for_the_print_queue(
    app, file_backend, outbox_dir
):
    submit(
        complainant=NewComplainant(
            name="Pat Post",
            email="pat@example.com",
            address="1 High Street, Riverside",
            postcode="RV1 1AA",
            contact_method="letter",
            contact_format="large_print",
        )
    )
    (message,) = outbox()
    assert (message.channel, message.recipient, message.format) == ("letter", "", "large_print")

    result = send_due_messages(backend=file_backend)
    assert (result.sent, result.failed, result.gave_up) == (0, 0, 0)
    assert delivered(outbox_dir) == []
    (message,) = outbox()
    assert (message.status, message.attempts, message.claimed_at) == ("pending", 0, None)


def test_a_complainant_with_no_email_address_gets_a_letter(app, file_backend, outbox_dir):
    submit(
        complainant=NewComplainant(
            name="Pat Phone", phone="01234 567890", address="2 High Street", contact_method="phone"
        )
    )
    (message,) = outbox()
    assert (message.channel, message.recipient) == ("letter", "")
    assert send_due_messages(backend=file_backend).sent == 0
    assert delivered(outbox_dir) == []


def test_a_representative_with_no_email_address_gets_a_letter_and_the_complainant_an_email(
    app, file_backend
):
    complaint = submit(email=RESIDENT).complaint
    represent(complaint, "both", email=None)
    acknowledge(complaint, make_staff("complaints_officer"), on="2025-03-04 10:00")

    for_complainant, for_representative = acknowledgements()
    assert (for_complainant.channel, for_complainant.recipient) == ("email", RESIDENT)
    assert (for_representative.channel, for_representative.recipient) == ("letter", "")
    send_due_messages(backend=file_backend)
    for_complainant, for_representative = acknowledgements()
    assert (for_complainant.status, for_representative.status) == ("sent", "pending")


def test_each_copy_goes_in_its_readers_language(app, file_backend):
    complaint = submit(email=RESIDENT, locale="cy").complaint
    represent(complaint, "both", language="pl")
    acknowledge(complaint, make_staff("complaints_officer"), on="2025-03-04 10:00")

    for_complainant, for_representative = acknowledgements()
    assert (for_complainant.language, for_representative.language) == ("cy", "pl")
    send_due_messages(backend=file_backend)
    assert delivered_for(file_backend, for_complainant).language == "cy"
    assert delivered_for(file_backend, for_representative).language == "pl"
