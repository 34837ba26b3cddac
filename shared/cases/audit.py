"""The append-only record of everything that happened to a complaint (Code 5.12)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.db import UTCDateTime, db, utcnow


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_kind: Mapped[str] = mapped_column(String(20))  # staff, resident, system
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    action: Mapped[str] = mapped_column(String(50))
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str | None] = mapped_column(String(32))
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    complaint = relationship("Complaint", back_populates="events")
    staff_user = relationship("StaffUser")


class AuditEventIsAppendOnly(RuntimeError):
    pass


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_changes(mapper, connection, target):  # noqa: ARG001
    raise AuditEventIsAppendOnly("audit events are never changed or deleted")


def record(
    complaint,
    actor,
    action: str,
    from_status: str | None,
    at: datetime,
    details: dict | None = None,
) -> AuditEvent:
    """Add the audit event for a change (flushed with it, committed by the caller)."""
    event = AuditEvent(
        complaint=complaint,
        occurred_at=at,
        actor_kind=actor.kind,
        staff_user_id=actor.staff_user_id,
        action=str(action),
        from_status=from_status,
        to_status=complaint.status if complaint is not None else None,
        details={
            k: v.isoformat() if isinstance(v, date) else v for k, v in (details or {}).items()
        },
    )
    db.session.add(event)
    return event
