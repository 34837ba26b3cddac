"""A complaint and its stages, with the deadlines stored for queues and reports."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.db import UTCDateTime, db, utcnow
from shared.people.models import Consent, Person


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


# The statuses of an open complaint, as SQL, for the queue's partial index and its queries
# (the same set as state_machine.OPEN_STATUSES; a test keeps them equal). Written out rather
# than bound as parameters, so PostgreSQL can match a query to the index under any plan.
OPEN_STATUS_SQL = (
    "status IN ('acknowledged', 'received', 'responded', 'stage_2_acknowledged',"
    " 'stage_2_requested', 'stage_2_responded')"
)


class Complaint(db.Model):
    __tablename__ = "complaints"
    __table_args__ = (
        # The work queue's order over open complaints only: the next deadline first, those
        # owing nothing last (PostgreSQL sorts NULL last by default), then by id. A page at
        # any depth, found by its last key, reads its rows straight from here.
        Index(
            "ix_complaints_open_queue",
            "next_deadline",
            "id",
            # The columns the queue filters on most, so counting a filtered queue reads the
            # index alone (PostgreSQL; SQLite has no INCLUDE).
            postgresql_include=["status", "current_stage", "service_area_code"],
            postgresql_where=sql_text(OPEN_STATUS_SQL),
            sqlite_where=sql_text(OPEN_STATUS_SQL),
        ),
        # The same order within one service area, one state or one stage, so a filtered
        # queue reads only its own complaints, already in order.
        *(
            Index(
                f"ix_complaints_open_queue_by_{column}",
                column,
                "next_deadline",
                "id",
                postgresql_where=sql_text(OPEN_STATUS_SQL),
                sqlite_where=sql_text(OPEN_STATUS_SQL),
            )
            for column in ("service_area_code", "status", "current_stage")
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    current_stage: Mapped[int] = mapped_column(Integer, default=1)
    # Every change bumps it; a change made from an older page, or racing another, is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)
    complainant_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    # The main service area; every area the complaint touches is in complaint_service_areas.
    service_area_code: Mapped[str] = mapped_column(ForeignKey("service_areas.code"), index=True)
    # Facts captured at receipt that later configuration changes must not move: the SLA
    # policy (deadlines) and whether it is a housing landlord matter (Ombudsman, reports).
    sla_policy: Mapped[str] = mapped_column(String(64))
    is_housing_landlord: Mapped[bool] = mapped_column(Boolean, default=False)
    channel: Mapped[str] = mapped_column(String(20), default="online")
    description: Mapped[str] = mapped_column(Text)
    outcome_sought: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    # The hash of the one-time token of the form it came from: a repeated post finds it.
    submission_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The deadline the council must meet next (acknowledgement or response); empty when
    # nothing is owed. The queue orders by it.
    next_deadline: Mapped[date | None] = mapped_column(Date, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    complainant: Mapped[Person] = relationship(lazy="joined")
    consent: Mapped[Consent | None] = relationship(
        primaryjoin="Complaint.id == Consent.complaint_id", uselist=False, lazy="selectin"
    )
    service_area = relationship("ServiceArea", lazy="joined")
    service_areas: Mapped[list[ComplaintServiceArea]] = relationship(
        order_by="ComplaintServiceArea.position", cascade="all", lazy="selectin"
    )
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

    @property
    def representative(self):
        return self.consent.representative if self.consent else None


class ComplaintServiceArea(db.Model):
    """A service area a complaint touches; position 0 is the main one."""

    __tablename__ = "complaint_service_areas"

    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), primary_key=True)
    service_area_code: Mapped[str] = mapped_column(
        ForeignKey("service_areas.code"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    service_area = relationship("ServiceArea", lazy="joined")


class TrackingLink(db.Model):
    """A private link that lets the resident follow their complaint without an account.

    Only a hash of the secret is kept. Each notice that carries a link issues a new one when
    it is delivered, so the council never keeps a secret it could leak.
    """

    __tablename__ = "tracking_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    complaint = relationship("Complaint")


class ReferenceCounter(db.Model):
    """The last complaint number issued in a year; its row lock serialises new references."""

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


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
