"""Read-only queries the pages share. Writes go through shared.cases.moves."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import func, select

from shared.cases.audit import AuditEvent
from shared.cases.models import Complaint
from shared.cases.state_machine import OPEN_STATUSES
from shared.db import db


class QueuePage(NamedTuple):
    complaints: list[Complaint]
    total: int
    page: int  # the page actually shown: a page past the end shows the last one


def open_complaints_queue(page: int = 1, per_page: int = 50) -> QueuePage:
    """Open complaints, the next deadline first; those owing nothing come last."""
    where = Complaint.status.in_([str(s) for s in OPEN_STATUSES])
    total = db.session.scalar(select(func.count()).select_from(Complaint).where(where)) or 0
    last_page = max(1, -(-total // per_page))
    page = min(max(page, 1), last_page)
    complaints = db.session.scalars(
        select(Complaint)
        .where(where)
        .order_by(Complaint.next_deadline.is_(None), Complaint.next_deadline, Complaint.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return QueuePage(list(complaints), total, page)


def complaint_by_reference(reference: str) -> Complaint | None:
    return db.session.scalar(select(Complaint).where(Complaint.reference == reference.upper()))


def timeline(complaint: Complaint) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.complaint_id == complaint.id)
            .order_by(AuditEvent.occurred_at, AuditEvent.id)
        )
    )
