"""The records of defining and deciding a complaint (DOMAIN.md, "Defining, investigating and
deciding"): the numbered points of each stage's definition with their findings, the remedies
register, outstanding actions with their updates, and lessons learned.

They hang off the complaint and its stages by backrefs, so the complaint's module need not
know them.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from shared.db import UTCDateTime, db


class Finding(StrEnum):
    """The finding on one point; the same codes as the overall outcome."""

    UPHELD = "upheld"
    PARTIALLY_UPHELD = "partially_upheld"
    NOT_UPHELD = "not_upheld"


class RemedyKind(StrEnum):
    """The remedies DOMAIN.md lists (Code 7.1-7.4; seed 002 Appendix A)."""

    APOLOGY = "apology"
    ACKNOWLEDGE_FAULT = "acknowledge_fault"
    EXPLANATION = "explanation"
    ACTION_ON_DELAY = "action_on_delay"
    RECONSIDER_DECISION = "reconsider_decision"
    AMEND_RECORD = "amend_record"
    FINANCIAL = "financial"
    CHANGE_POLICY = "change_policy"
    STAFF_TRAINING = "staff_training"
    SPECIFIC_ACTION = "specific_action"


class FinancialPurpose(StrEnum):
    """What a financial remedy is for."""

    ACTUAL_LOSS = "actual_loss"
    TIME_AND_TROUBLE = "time_and_trouble"
    DISTRESS_AND_INCONVENIENCE = "distress_and_inconvenience"


class DefinitionPoint(db.Model):
    """One numbered point of a stage's complaint definition (Code 5.6), the finding on it
    when the stage is decided, or the new complaint it was moved to (Code 6.8)."""

    __tablename__ = "definition_points"
    __table_args__ = (
        UniqueConstraint("stage_id", "number", name="uq_definition_points_stage_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("complaint_stages.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # An OutcomeSought code: what the resident wants on this point, when it is known.
    outcome_sought: Mapped[str | None] = mapped_column(String(32))
    # The day the resident raised it: a point split off is a complaint received that day.
    raised_on: Mapped[date] = mapped_column(Date)
    # Set for a point added after acknowledgement (Code 6.8).
    added_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    finding: Mapped[str | None] = mapped_column(String(32))
    finding_reasons: Mapped[str | None] = mapped_column(Text)
    moved_to_complaint_id: Mapped[int | None] = mapped_column(
        ForeignKey("complaints.id"), index=True
    )
    moved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    stage = relationship(
        "ComplaintStage",
        backref=backref("points", order_by="DefinitionPoint.number", cascade="all"),
    )
    # The complaint's `moved_from_points`: the point of another complaint it was made from.
    moved_to = relationship(
        "Complaint",
        foreign_keys=[moved_to_complaint_id],
        backref=backref("moved_from_points", viewonly=True),
    )

    @property
    def is_moved(self) -> bool:
        return self.moved_to_complaint_id is not None


class Remedy(db.Model):
    """A remedy the council committed to in a decision: what, by when, and who sees it done
    (Code 7.3). The remedies register lists them across complaints."""

    __tablename__ = "remedies"
    __table_args__ = (Index("ix_remedies_done_on_due_on", "done_on", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    stage_number: Mapped[int] = mapped_column(Integer)
    point_id: Mapped[int | None] = mapped_column(ForeignKey("definition_points.id"))
    kind: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text)
    # Whole pence, for a financial remedy only.
    amount_pence: Mapped[int | None] = mapped_column(Integer)
    financial_purpose: Mapped[str | None] = mapped_column(String(32))
    owner: Mapped[str] = mapped_column(String(200), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    complaint = relationship(
        "Complaint", backref=backref("remedies", order_by="Remedy.id", cascade="all")
    )
    point = relationship("DefinitionPoint")


class OutstandingAction(db.Model):
    """Something still to happen after the response was sent, tracked to completion with
    updates to the resident (Code 6.6, 6.17)."""

    __tablename__ = "outstanding_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    stage_number: Mapped[int] = mapped_column(Integer)
    what: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    complaint = relationship(
        "Complaint",
        backref=backref("outstanding_actions", order_by="OutstandingAction.id", cascade="all"),
    )
    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action", order_by="ActionUpdate.id", cascade="all"
    )


class ActionUpdate(db.Model):
    """Progress on an outstanding action, as the resident was told it."""

    __tablename__ = "action_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("outstanding_actions.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))

    action: Mapped[OutstandingAction] = relationship(back_populates="updates")
    recorded_by = relationship("StaffUser")


class Lesson(db.Model):
    """What a decided stage taught the council, and any service improvement it leads to,
    tracked until done (Code 9.1-9.3)."""

    __tablename__ = "lessons_learned"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    stage_number: Mapped[int] = mapped_column(Integer)
    lessons: Mapped[str] = mapped_column(Text)
    # The day the decision was made: the annual report lists lessons by it.
    recorded_on: Mapped[date] = mapped_column(Date, index=True)
    improvement_action: Mapped[str | None] = mapped_column(Text)
    improvement_owner: Mapped[str | None] = mapped_column(String(200))
    improvement_due_on: Mapped[date | None] = mapped_column(Date)
    improvement_done_on: Mapped[date | None] = mapped_column(Date)

    complaint = relationship(
        "Complaint", backref=backref("lessons", order_by="Lesson.id", cascade="all")
    )
