"""A complaint and its stages, with the deadlines stored for queues and reports."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.extensions import db
from shared.models.types import UTCDateTime, utcnow


class ComplaintStatus(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    RESPONDED = "responded"
    STAGE_2_REQUESTED = "stage_2_requested"
    STAGE_2_ACKNOWLEDGED = "stage_2_acknowledged"
    STAGE_2_RESPONDED = "stage_2_responded"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class Outcome(StrEnum):
    UPHELD = "upheld"
    PARTIALLY_UPHELD = "partially_upheld"
    NOT_UPHELD = "not_upheld"


class OutcomeSought(StrEnum):
    EXPLANATION = "explanation"
    APOLOGY = "apology"
    PUT_THINGS_RIGHT = "put_things_right"
    COMPENSATION = "compensation"
    CHANGE_OF_POLICY = "change_of_policy"
    OTHER = "other"


class Complaint(db.Model):
    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    current_stage: Mapped[int] = mapped_column(Integer, default=1)
    service_area_code: Mapped[str] = mapped_column(ForeignKey("service_areas.code"), index=True)
    # Captured at receipt so a later change of a service area's policy moves no deadline.
    sla_policy: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(20), default="online")
    complainant_name: Mapped[str] = mapped_column(String(200))
    contact_email: Mapped[str] = mapped_column(String(320))
    description: Mapped[str] = mapped_column(Text)
    outcome_sought: Mapped[str] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(10), default="en")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    # The deadline the council must meet next (acknowledgement or response); empty when
    # nothing is owed. The queue orders by it.
    next_deadline: Mapped[date | None] = mapped_column(Date, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    service_area = relationship("ServiceArea", lazy="joined")
    stages: Mapped[list[ComplaintStage]] = relationship(
        back_populates="complaint", order_by="ComplaintStage.number", cascade="all"
    )
    events = relationship(
        "AuditEvent", back_populates="complaint", order_by="AuditEvent.id", viewonly=True
    )

    def stage(self, number: int) -> ComplaintStage | None:
        return next((s for s in self.stages if s.number == number), None)

    @property
    def current(self) -> ComplaintStage:
        stage = self.stage(self.current_stage)
        assert stage is not None, "a complaint always has its current stage"
        return stage


class TrackingLink(db.Model):
    """A private link that lets the resident follow their complaint without an account.

    Only a hash of the secret is kept. Each notice that carries a link issues a new one, so
    the council never needs to keep a secret it could leak.
    """

    __tablename__ = "tracking_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    complaint = relationship("Complaint")


class ComplaintStage(db.Model):
    """Stage 1 (the service's response) or stage 2 (the independent review)."""

    __tablename__ = "complaint_stages"
    __table_args__ = (
        UniqueConstraint("complaint_id", "number", name="uq_complaint_stages_complaint_number"),
        Index("ix_complaint_stages_number_respond_by", "number", "respond_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"))
    number: Mapped[int] = mapped_column(Integer)
    # The receipt date for stage 1, the date the resident asked for stage 2 for stage 2.
    started_on: Mapped[date] = mapped_column(Date)
    escalation_reason: Mapped[str | None] = mapped_column(Text)
    acknowledge_by: Mapped[date] = mapped_column(Date, index=True)
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # The complaint definition: {"points": [...], "outcomes_sought": [...]}.
    definition: Mapped[dict | None] = mapped_column(JSON)
    respond_by: Mapped[date] = mapped_column(Date)
    latest_extended_respond_by: Mapped[date] = mapped_column(Date)
    responded_on: Mapped[date | None] = mapped_column(Date)
    responder_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    outcome: Mapped[str | None] = mapped_column(String(32))
    decision_reasons: Mapped[str | None] = mapped_column(Text)

    complaint: Mapped[Complaint] = relationship(back_populates="stages")
    acknowledged_by = relationship("StaffUser", foreign_keys=[acknowledged_by_id])
    responder = relationship("StaffUser", foreign_keys=[responder_id])
