"""Adding to a case's record: entries in the correspondence log (with their attachments),
information a resident adds from their tracking page, and links between related complaints.

Each one locks the complaint, checks the permission and writes its audit event through
`shared.cases.moves.making`, in the caller's unit of work. A closed complaint still takes
correspondence: it is a record of what happened, not a change to the decision.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from shared.cases.actors import Actor
from shared.cases.audit import record
from shared.cases.models import Complaint
from shared.cases.moves import making, submission_token_hash
from shared.cases.queries import complaint_by_reference
from shared.cases.state_machine import Move
from shared.db import db
from shared.errors import IllegalMove, InvalidInput
from shared.evidence import rules
from shared.evidence.files import CheckedFile, Uploader, check_files, store_files
from shared.evidence.models import (
    ComplaintLink,
    CorrespondenceEntry,
    Direction,
    EntryKind,
    EvidenceFile,
    SentBy,
)
from shared.notices.models import Channel, OutboxMessage, OutboxStatus


def entry_from_submission(token: str | None) -> CorrespondenceEntry | None:
    """The entry a form with this one-time token already made, if any."""
    if not token:
        return None
    return db.session.scalar(
        select(CorrespondenceEntry).where(
            CorrespondenceEntry.submission_token_hash == submission_token_hash(token)
        )
    )


def record_correspondence(
    actor: Actor,
    complaint: Complaint,
    *,
    direction: str,
    kind: str,
    summary: str,
    occurred_at: datetime,
    files: Iterable = (),
    submission_token: str | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> CorrespondenceEntry:
    """Staff log a letter, email, call, visit or case note, with up to five attachments."""
    direction = rules.direction(direction)
    kind = rules.kind(kind)
    summary = rules.summary(summary)
    checked = check_files(files)
    with making(actor, complaint, Move.RECORD_CORRESPONDENCE, expected_version, at) as step:
        rules.not_in_the_future(occurred_at, step.at)
        entry = _entry(
            complaint,
            direction=direction,
            kind=kind,
            summary=summary,
            occurred_at=occurred_at,
            recorded_at=step.at,
            sent_by=SentBy.STAFF,
            recorded_by_id=actor.staff_user_id,
            submission_token=submission_token,
        )
        stored = store_files(
            complaint,
            checked,
            Uploader.staff(actor.staff_user_id),
            correspondence=entry,
            at=step.at,
        )
        step.action = "correspondence_recorded"
        step.details = _details(entry, stored)
    return entry


def add_information(
    complaint: Complaint,
    *,
    information: str | None,
    files: Iterable = (),
    sent_by: str = SentBy.RESIDENT,
    submission_token: str | None = None,
    at: datetime | None = None,
) -> CorrespondenceEntry:
    """A resident or their representative adds information or evidence from their tracking
    page: kept on the case as an incoming portal message, and the handler is told."""
    text = rules.information(information)
    checked: list[CheckedFile] = check_files(files)
    if not text and not checked:
        message = rules.nothing_sent()
        raise InvalidInput(message, {"information": str(message)})
    if sent_by not in (SentBy.RESIDENT, SentBy.REPRESENTATIVE):
        raise ValueError(f"not someone on the resident's side: {sent_by!r}")
    uploader = Uploader(sent_by)
    with making(Actor.resident(), complaint, Move.ADD_INFORMATION, None, at) as step:
        entry = _entry(
            complaint,
            direction=Direction.INCOMING,
            kind=EntryKind.PORTAL_MESSAGE,
            summary=text,
            occurred_at=step.at,
            recorded_at=step.at,
            sent_by=sent_by,
            recorded_by_id=None,
            submission_token=submission_token,
        )
        stored = store_files(complaint, checked, uploader, correspondence=entry, at=step.at)
        step.action = "information_added"
        step.details = _details(entry, stored)
        _tell_the_handler(complaint, entry, step.at)
    return entry


def _entry(complaint, *, submission_token, **fields) -> CorrespondenceEntry:
    entry = CorrespondenceEntry(
        complaint_id=complaint.id,
        submission_token_hash=(
            submission_token_hash(submission_token) if submission_token else None
        ),
        **fields,
    )
    db.session.add(entry)
    db.session.flush()  # its id, for the audit event; a repeated token is refused here
    return entry


def _details(entry: CorrespondenceEntry, stored) -> dict:
    # What was recorded, not what it says: the text stays on the entry.
    return {
        "entry": entry.id,
        "direction": entry.direction,
        "kind": entry.kind,
        "files": [{"id": f.id, "name": f.filename, "sha256": f.sha256} for f in stored],
    }


def _tell_the_handler(complaint: Complaint, entry: CorrespondenceEntry, at: datetime) -> None:
    """A notice to the member of staff handling the complaint, if anyone is; without the
    resident's words, which stay on the case."""
    handler = complaint.handler
    if handler is None or not handler.is_active or not handler.email:
        return
    domain = current_app.config["MAIL_FROM"].rpartition("@")[2] or "localhost"
    db.session.add(
        OutboxMessage(
            complaint=complaint,
            kind="information_added",
            recipient_role="handler",
            recipient_name=handler.name,
            recipient=handler.email,
            channel=Channel.EMAIL,
            language="en",
            format="standard",
            facts={"stage": complaint.current_stage, "entry": entry.id},
            message_id=f"<{uuid.uuid4()}@{domain}>",
            status=OutboxStatus.PENDING,
            attempts=0,
            next_attempt_at=at,
            created_at=at,
        )
    )


def link_complaints(
    actor: Actor,
    complaint: Complaint,
    *,
    related_reference: str | None,
    reason: str | None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> ComplaintLink:
    """Link a complaint to another about the same matter, so they can be answered together."""
    reason = rules.link_reason(reason)
    related = complaint_by_reference((related_reference or "").strip())
    if related is None:
        message = _l("There is no complaint with that reference")
        raise InvalidInput(message, {"related_reference": str(message)})
    if related.id == complaint.id:
        message = _l("Enter the reference of a different complaint")
        raise InvalidInput(message, {"related_reference": str(message)})
    with making(actor, complaint, Move.LINK_COMPLAINTS, expected_version, at) as step:
        pair = ComplaintLink.pair_of(complaint.id, related.id)
        if db.session.scalar(select(ComplaintLink.id).where(ComplaintLink.pair == pair)):
            raise IllegalMove(_l("These complaints are already linked."))
        link = ComplaintLink(
            complaint_id=complaint.id,
            related_complaint_id=related.id,
            pair=pair,
            reason=reason,
            linked_by_id=actor.staff_user_id,
            linked_at=step.at,
        )
        db.session.add(link)
        step.action = "complaints_linked"
        step.details = {"related": related.reference}
        # The other complaint's trail says so too; its record itself is not changed.
        record(
            related,
            actor,
            "complaints_linked",
            related.status,
            step.at,
            {"related": complaint.reference},
        )
    return link


# -- reading ----------------------------------------------------------------------------------


def log_for_staff(complaint: Complaint) -> list[CorrespondenceEntry]:
    """Every entry, newest first, with its attachments and who recorded it."""
    return list(
        db.session.scalars(
            select(CorrespondenceEntry)
            .where(CorrespondenceEntry.complaint_id == complaint.id)
            .options(
                selectinload(CorrespondenceEntry.attachments),
                selectinload(CorrespondenceEntry.recorded_by),
            )
            .order_by(CorrespondenceEntry.occurred_at.desc(), CorrespondenceEntry.id.desc())
        )
    )


def sent_by_the_resident_side(complaint: Complaint) -> list[CorrespondenceEntry]:
    """What the resident or their representative sent, for their tracking page: never
    staff notes or staff's own records."""
    return list(
        db.session.scalars(
            select(CorrespondenceEntry)
            .where(
                CorrespondenceEntry.complaint_id == complaint.id,
                CorrespondenceEntry.sent_by.in_([SentBy.RESIDENT, SentBy.REPRESENTATIVE]),
                CorrespondenceEntry.direction == Direction.INCOMING,
            )
            .options(selectinload(CorrespondenceEntry.attachments))
            .order_by(CorrespondenceEntry.occurred_at.desc(), CorrespondenceEntry.id.desc())
        )
    )


def files_sent_with_the_complaint(
    complaint: Complaint, *, resident_side_only: bool = False
) -> list[EvidenceFile]:
    """Files kept with the complaint itself rather than with a correspondence entry (sent
    with the complaint form, say), oldest first."""
    query = select(EvidenceFile).where(
        EvidenceFile.complaint_id == complaint.id, EvidenceFile.correspondence_id.is_(None)
    )
    if resident_side_only:
        query = query.where(EvidenceFile.sent_by.in_([SentBy.RESIDENT, SentBy.REPRESENTATIVE]))
    return list(db.session.scalars(query.order_by(EvidenceFile.id)))


def links_of(complaint: Complaint) -> list[ComplaintLink]:
    """Links to and from this complaint, oldest first."""
    return list(
        db.session.scalars(
            select(ComplaintLink)
            .where(
                or_(
                    ComplaintLink.complaint_id == complaint.id,
                    ComplaintLink.related_complaint_id == complaint.id,
                )
            )
            .options(
                selectinload(ComplaintLink.complaint),
                selectinload(ComplaintLink.related_complaint),
                selectinload(ComplaintLink.linked_by),
            )
            .order_by(ComplaintLink.id)
        )
    )
