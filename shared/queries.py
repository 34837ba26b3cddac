"""Read-only queries the pages share. Writes go through shared.lifecycle."""

from __future__ import annotations

from sqlalchemy import func, select

from shared.extensions import db
from shared.lifecycle.state_machine import OPEN_STATUSES
from shared.models import AuditEvent, Complaint, ServiceArea, StaffUser


def active_service_areas() -> list[ServiceArea]:
    return list(
        db.session.scalars(
            select(ServiceArea)
            .where(ServiceArea.active.is_(True))
            .order_by(ServiceArea.display_order, ServiceArea.name)
        )
    )


def open_complaints_queue(page: int = 1, per_page: int = 50) -> tuple[list[Complaint], int]:
    """Open complaints, the next deadline first; those owing nothing come last."""
    where = Complaint.status.in_([str(s) for s in OPEN_STATUSES])
    total = db.session.scalar(select(func.count()).select_from(Complaint).where(where)) or 0
    complaints = db.session.scalars(
        select(Complaint)
        .where(where)
        .order_by(Complaint.next_deadline.is_(None), Complaint.next_deadline, Complaint.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return list(complaints), total


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


def staff_by_email(email: str) -> StaffUser | None:
    return db.session.scalar(
        select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower())
    )
