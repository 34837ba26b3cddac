"""The correspondence log, information residents add, and links between complaints: each
a record on the case, with its audit event, refused whole when a rule says no."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shared import evidence
from shared.cases import Actor, NotPermitted, assign, close
from shared.cases.audit import AuditEvent
from shared.db import db, unit_of_work
from shared.errors import CaseChanged, IllegalMove, InvalidInput
from shared.evidence import ComplaintLink, CorrespondenceEntry, EvidenceFile
from shared.notices.models import OutboxMessage
from tests import evidence_files as real
from tests.evidence_files import upload
from tests.factories import acknowledge, at, make_staff, respond, submit
from tests.helpers import count

HOSTILE_TEXT = (
    "Line one\n\n  indented line\r\nمرحبا، البيت رطب\nRhif 12, Heol y Bont 🏠\t‮reversed‬ end   "
)


@pytest.fixture
def officer(app):
    return make_staff("complaints_officer", name="Olu Officer")


def actions(complaint) -> list[str]:
    db.session.expire_all()
    return [
        e.action
        for e in db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.complaint_id == complaint.id)
            .order_by(AuditEvent.id)
        )
    ]


def test_staff_record_a_letter_with_attachments_on_a_closed_complaint(app, officer):
    sent = submit(received="2025-03-03 10:00")
    acknowledge(sent.complaint, officer, on="2025-03-05 10:00")
    respond(sent.complaint, officer, on="2025-03-12 10:00")
    with unit_of_work():
        close(Actor.staff(officer), sent.complaint, at=at("2025-03-13 10:00"))
    version = sent.complaint.version

    with unit_of_work():
        entry = evidence.record_correspondence(
            Actor.staff(officer),
            sent.complaint,
            direction="in",
            kind="letter",
            summary="Letter from the resident thanking us.",
            occurred_at=at("2025-03-20 09:00"),
            files=[upload(real.pdf(), "thanks.pdf"), upload(real.jpeg(), "card.jpg")],
            expected_version=version,
        )

    db.session.expire_all()
    entry = db.session.get(CorrespondenceEntry, entry.id)
    assert [(f.filename, f.content_type) for f in entry.attachments] == [
        ("thanks.pdf", "application/pdf"),
        ("card.jpg", "image/jpeg"),
    ]
    assert entry.attachments[0].content == real.pdf()
    assert entry.attachments[0].uploaded_by_id == officer.id
    assert entry.complaint.status == "closed"
    assert entry.complaint.version == version + 1
    assert actions(sent.complaint)[-1] == "correspondence_recorded"


def test_the_summary_is_kept_exactly_as_typed(app, officer):
    sent = submit()
    with unit_of_work():
        entry = evidence.record_correspondence(
            Actor.staff(officer),
            sent.complaint,
            direction="internal",
            kind="note",
            summary=HOSTILE_TEXT.replace("\u202e", "").replace("\u202c", ""),
            occurred_at=at("2025-03-04 09:00"),
        )
    db.session.expire_all()
    kept = db.session.get(CorrespondenceEntry, entry.id).summary
    # Trimmed at the ends and "\r\n" made "\n", as every text on a case; nothing else changed.
    assert kept == (
        "Line one\n\n  indented line\nمرحبا، البيت رطب\nRhif 12, Heol y Bont 🏠\treversed end"
    )


def test_a_report_viewer_may_not_record_correspondence(app):
    viewer = make_staff("report_viewer")
    sent = submit()
    with pytest.raises(NotPermitted), unit_of_work():
        evidence.record_correspondence(
            Actor.staff(viewer),
            sent.complaint,
            direction="out",
            kind="email",
            summary="x",
            occurred_at=at("2025-03-04 09:00"),
        )
    assert count(CorrespondenceEntry) == 0


def test_one_bad_file_among_good_ones_keeps_nothing(app, officer):
    sent = submit()
    with pytest.raises(InvalidInput), unit_of_work():
        evidence.record_correspondence(
            Actor.staff(officer),
            sent.complaint,
            direction="in",
            kind="email",
            summary="Photos attached.",
            occurred_at=at("2025-03-04 09:00"),
            files=[upload(real.png(), "ok.png"), upload(real.exe(), "photo.jpg")],
        )
    assert count(CorrespondenceEntry) == 0
    assert count(EvidenceFile) == 0
    assert "correspondence_recorded" not in actions(sent.complaint)


def test_something_that_happened_in_the_future_is_refused(app, officer):
    sent = submit()
    with pytest.raises(InvalidInput) as refused, unit_of_work():
        evidence.record_correspondence(
            Actor.staff(officer),
            sent.complaint,
            direction="out",
            kind="phone_call",
            summary="Will call.",
            occurred_at=at("2099-01-01 09:00"),
        )
    assert "occurred_on" in refused.value.field_errors


def test_information_a_resident_adds_tells_the_handler(app, officer):
    sent = submit()
    with unit_of_work():
        assign(Actor.staff(officer), sent.complaint, handler_id=officer.id)
    with unit_of_work():
        entry = evidence.add_information(
            sent.complaint, information="The leak is worse.", files=[upload(real.png(), "a.png")]
        )
    assert (entry.direction, entry.kind, entry.sent_by) == ("in", "portal_message", "resident")
    notices = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "information_added")
    ).all()
    assert [(n.recipient_role, n.recipient) for n in notices] == [("handler", officer.email)]
    assert actions(sent.complaint)[-1] == "information_added"


def test_without_a_handler_no_one_is_sent_a_notice(app):
    sent = submit()
    with unit_of_work():
        evidence.add_information(sent.complaint, information="More details.")
    assert (
        db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "information_added"))
        is None
    )


def test_adding_nothing_is_refused(app):
    sent = submit()
    with pytest.raises(InvalidInput) as refused, unit_of_work():
        evidence.add_information(sent.complaint, information="   ", files=[upload(b"", "")])
    assert str(refused.value.message) == (
        "Enter the information you want to add, or choose a file to send"
    )


def test_the_resident_side_never_sees_staff_entries(app, officer):
    sent = submit()
    with unit_of_work():
        evidence.record_correspondence(
            Actor.staff(officer),
            sent.complaint,
            direction="internal",
            kind="note",
            summary="Resident sounded upset; consider a call.",
            occurred_at=at("2025-03-04 09:00"),
        )
        evidence.add_information(sent.complaint, information="Here is the photo.")
    theirs = evidence.sent_by_the_resident_side(sent.complaint)
    assert [e.summary for e in theirs] == ["Here is the photo."]
    assert len(evidence.log_for_staff(sent.complaint)) == 2


def test_complaints_are_linked_both_ways_once(app, officer):
    first = submit().complaint
    second = submit(email="neighbour@example.com").complaint
    with unit_of_work():
        evidence.link_complaints(
            Actor.staff(officer),
            first,
            related_reference=second.reference.lower(),
            reason="Same leaking roof over both flats.",
        )
    assert [link.other_than(first.id).reference for link in evidence.links_of(first)] == [
        second.reference
    ]
    assert [link.other_than(second.id).reference for link in evidence.links_of(second)] == [
        first.reference
    ]
    assert actions(first)[-1] == actions(second)[-1] == "complaints_linked"

    # Linked again, from either side: refused, nothing added.
    for one, other in ((first, second), (second, first)):
        with pytest.raises(IllegalMove), unit_of_work():
            evidence.link_complaints(
                Actor.staff(officer), one, related_reference=other.reference, reason="Again."
            )
    assert count(ComplaintLink) == 1


def test_a_complaint_is_not_linked_to_itself_or_to_nothing(app, officer):
    sent = submit().complaint
    for reference, message in (
        (sent.reference, "Enter the reference of a different complaint"),
        ("CMP-1999-000001", "There is no complaint with that reference"),
    ):
        with pytest.raises(InvalidInput) as refused, unit_of_work():
            evidence.link_complaints(
                Actor.staff(officer), sent, related_reference=reference, reason="Same."
            )
        assert refused.value.field_errors == {"related_reference": message}
    assert count(ComplaintLink) == 0


def test_the_same_form_sent_twice_makes_one_entry(app):
    sent = submit()
    with unit_of_work():
        evidence.add_information(sent.complaint, information="Once.", submission_token="tok-1")
    with pytest.raises(CaseChanged), unit_of_work():
        evidence.add_information(sent.complaint, information="Once.", submission_token="tok-1")
    assert count(CorrespondenceEntry) == 1
    assert evidence.entry_from_submission("tok-1") is not None
