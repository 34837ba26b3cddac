"""An Ombudsman's look at a complaint: its own record beside the complaint, not a third stage
of the SLA engine (DOMAIN.md, Stages)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from shared.db import UTCDateTime, db


class OrderKind(StrEnum):
    ORDER = "order"
    RECOMMENDATION = "recommendation"


# The findings each Ombudsman can make, by the codes reports use.
DETERMINATIONS = {
    "housing": (
        "severe_maladministration",
        "maladministration",
        "service_failure",
        "no_maladministration",
        "reasonable_redress",
        "outside_jurisdiction",
    ),
    "lgsco": (
        "fault_and_injustice",
        "no_fault",
        "closed_after_initial_enquiries",
        "remedied_by_council",
    ),
}


class OmbudsmanCase(db.Model):
    __tablename__ = "ombudsman_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    ombudsman: Mapped[str] = mapped_column(String(16))  # "housing" or "lgsco"
    their_reference: Mapped[str | None] = mapped_column(String(64))
    enquiry_on: Mapped[date] = mapped_column(Date, index=True)
    information_sent_on: Mapped[date | None] = mapped_column(Date)
    determination: Mapped[str | None] = mapped_column(String(40))
    determined_on: Mapped[date | None] = mapped_column(Date, index=True)
    determination_summary: Mapped[str | None] = mapped_column(Text)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)

    # The complaint's `ombudsman_cases`, oldest first, without the complaint's module
    # knowing this one.
    complaint = relationship(
        "Complaint",
        backref=backref("ombudsman_cases", order_by="OmbudsmanCase.id", cascade="all"),
    )
    orders: Mapped[list[OmbudsmanOrder]] = relationship(
        back_populates="case", order_by="OmbudsmanOrder.id", cascade="all"
    )


class OmbudsmanOrder(db.Model):
    """An order or recommendation, with its due date and the evidence it was complied with."""

    __tablename__ = "ombudsman_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ombudsman_cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    completed_on: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str | None] = mapped_column(Text)

    case: Mapped[OmbudsmanCase] = relationship(back_populates="orders")
