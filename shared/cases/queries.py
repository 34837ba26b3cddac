"""Read-only queries the pages share. Writes go through shared.cases.moves; the work queue
is in shared.cases.work_queue."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from shared.cases.audit import AuditEvent
from shared.cases.models import Complaint, ComplaintStage
from shared.db import db


def complaint_by_reference(reference: str) -> Complaint | None:
    # The stages and the staff named on them come with the complaint, in one more query,
    # rather than one query per stage and per name as the page reads them.
    return db.session.scalar(
        select(Complaint)
        .where(Complaint.reference == reference.upper())
        .options(
            selectinload(Complaint.stages).options(
                joinedload(ComplaintStage.responder), joinedload(ComplaintStage.acknowledged_by)
            )
        )
    )


def timeline(complaint: Complaint) -> list[AuditEvent]:
    # Each event's member of staff is joined in, not loaded one name at a time.
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.complaint_id == complaint.id)
            .options(joinedload(AuditEvent.staff_user))
            .order_by(AuditEvent.occurred_at, AuditEvent.id)
        )
    )
