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
from sqlalchemy import false as sql_false
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
    NOT_ACCEPTED = "not_accepted"  # excluded with stated reasons (Code 2.4)
    SERVICE_REQUEST = "service_request"  # reclassified: a first request for a service


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
        # What the reports ask of each complaint they count, found by id without reading
        # the complaint's text.
        Index("ix_complaints_report_facts", "id", "status", "tenure", "touches_housing_landlord"),
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
    # Whether any area it touches is a housing landlord one: the landlord's annual report
    # counts it (set with the areas, so a report of a million complaints reads one column).
    touches_housing_landlord: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=sql_false()
    )
    channel: Mapped[str] = mapped_column(String(20), default="online")
    # tenant (low cost rental; counted in the TSMs), leaseholder or other; empty if unknown.
    tenure: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    outcome_sought: Mapped[str] = mapped_column(Text)
    # Asked on the portal's question pages (empty for complaints logged before them).
    happened_on: Mapped[date | None] = mapped_column(Date)
    found_out_on: Mapped[date | None] = mapped_column(Date)
    staff_involved: Mapped[str | None] = mapped_column(Text)
    # The resident thinks they were treated unfairly because of who they are: flagged as a
    # discrimination complaint for monitoring (seed 002 §13). None when not asked.
    about_discrimination: Mapped[bool | None] = mapped_column(Boolean)
    # OutcomeSought codes the resident chose, as well as their own words above.
    outcomes_sought: Mapped[list | None] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    # The hash of the one-time token of the form it came from: a repeated post finds it.
    submission_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The deadline the council must meet next (acknowledgement or response); empty when
    # nothing is owed. The queue orders by it.
    next_deadline: Mapped[date | None] = mapped_column(Date, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Who is handling the current stage: "my cases" and workload read it.
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    complainant: Mapped[Person] = relationship(lazy="joined")
    consent: Mapped[Consent | None] = relationship(
        primaryjoin="Complaint.id == Consent.complaint_id", uselist=False
    )
    service_area = relationship("ServiceArea", lazy="joined")
    handler = relationship("StaffUser", foreign_keys=[handler_id])
    service_areas: Mapped[list[ComplaintServiceArea]] = relationship(
        order_by="ComplaintServiceArea.position", cascade="all"
    )
    stages: Mapped[list[ComplaintStage]] = relationship(
        back_populates="complaint", order_by="ComplaintStage.number", cascade="all"
    )
    events = relationship(
        "AuditEvent", back_populates="complaint", order_by="AuditEvent.id", viewonly=True
    )
    extensions: Mapped[list[Extension]] = relationship(
        back_populates="complaint", order_by="Extension.id", cascade="all"
    )
    exclusions: Mapped[list[Exclusion]] = relationship(
        back_populates="complaint", order_by="Exclusion.id", cascade="all"
    )

    @property
    def exclusion_in_force(self) -> Exclusion | None:
        return next((e for e in reversed(self.exclusions) if e.reversed_at is None), None)

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
        # The annual and quarterly reports count stages opened and answered in a period.
        # What they count is in the index, so a year of a million complaints reads it alone.
        Index("ix_complaint_stages_number_started_on", "number", "started_on", "complaint_id"),
        Index(
            "ix_complaint_stages_number_responded_on",
            "number",
            "responded_on",
            "complaint_id",
            "outcome",
            "respond_by",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"))
    number: Mapped[int] = mapped_column(Integer)
    # When the stage's clock started: for stage 1 the receipt date (or the day a manager
    # reversed a decision not to accept it), for stage 2 the date the resident asked.
    started_on: Mapped[date] = mapped_column(Date)
    escalation_reason: Mapped[str | None] = mapped_column(Text)
    acknowledge_by: Mapped[date] = mapped_column(Date, index=True)
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # The complaint definition (Code 5.6, 5.7): its numbered points are rows
    # (shared.decisions.models.DefinitionPoint, the stage's `points`); with them, the
    # outcomes the resident seeks and what the council is and is not responsible for.
    outcomes_sought: Mapped[list | None] = mapped_column(JSON)
    responsible_for: Mapped[str | None] = mapped_column(Text)
    not_responsible_for: Mapped[str | None] = mapped_column(Text)
    respond_by: Mapped[date] = mapped_column(Date)
    latest_extended_respond_by: Mapped[date] = mapped_column(Date)
    # Working days added to the response deadline by extensions in force: kept as a count,
    # so a closure day added or removed later moves the deadline without undoing them.
    extension_working_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    responded_on: Mapped[date | None] = mapped_column(Date)
    responder_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    outcome: Mapped[str | None] = mapped_column(String(32))
    decision_reasons: Mapped[str | None] = mapped_column(Text)

    complaint: Mapped[Complaint] = relationship(back_populates="stages")
    acknowledged_by = relationship("StaffUser", foreign_keys=[acknowledged_by_id])
    responder = relationship("StaffUser", foreign_keys=[responder_id])

    @property
    def live_points(self) -> list:
        """The points this stage answers: all but those moved to a new complaint."""
        return [p for p in getattr(self, "points", []) if p.moved_to_complaint_id is None]

    @property
    def definition(self) -> dict | None:
        """The definition as one value, for pages, notices and audit details."""
        if not getattr(self, "points", None):
            return None
        return {
            "points": [p.text for p in self.live_points],
            "outcomes_sought": list(self.outcomes_sought or []),
            "responsible_for": self.responsible_for,
            "not_responsible_for": self.not_responsible_for,
        }


class Channel(StrEnum):
    """How the council was contacted: a complaint received, or a withdrawal made (Code 3.2)."""

    ONLINE = "online"
    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"
    IN_PERSON = "in_person"


class ExtensionStatus(StrEnum):
    IN_FORCE = "in_force"
    AWAITING_APPROVAL = "awaiting_approval"
    REFUSED = "refused"


class Extension(db.Model):
    """More time for a stage's response, with its reason (Code 6.4, 6.15). Beyond the
    policy's cap it needs a recorded good reason and a complaints manager's approval."""

    __tablename__ = "extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    stage_number: Mapped[int] = mapped_column(Integer)
    working_days: Mapped[int] = mapped_column(Integer)
    # The response deadline before and after, as they were when it was decided.
    from_respond_by: Mapped[date] = mapped_column(Date)
    to_respond_by: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    beyond_cap: Mapped[bool] = mapped_column(Boolean, default=False)
    good_reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32))
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    complaint = relationship("Complaint", back_populates="extensions")
    asked_by = relationship("StaffUser", foreign_keys=[asked_by_id])
    decided_by = relationship("StaffUser", foreign_keys=[decided_by_id])


class ExclusionKind(StrEnum):
    NOT_ACCEPTED = "not_accepted"
    SERVICE_REQUEST = "service_request"


class Exclusion(db.Model):
    """A decision not to accept a complaint, or to treat it as a service request, with its
    reasons and the route offered instead; kept for reporting (Code 8.1b) even if reversed."""

    __tablename__ = "exclusions"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    # Codes from shared.cases.exclusions.EXCLUSION_REASONS.
    reasons: Mapped[list] = mapped_column(JSON)
    explanation: Mapped[str] = mapped_column(Text)
    alternative_route: Mapped[str | None] = mapped_column(Text)
    # For a complaint about something over 12 months old: was discretion considered (Code 2.3)?
    discretion_considered: Mapped[bool | None] = mapped_column(Boolean)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reversed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    reversed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reversal_reason: Mapped[str | None] = mapped_column(Text)

    complaint = relationship("Complaint", back_populates="exclusions")
    decided_by = relationship("StaffUser", foreign_keys=[decided_by_id])
    reversed_by = relationship("StaffUser", foreign_keys=[reversed_by_id])
