"""A resident's answers to the short satisfaction survey after their complaint closed
(seed 001 §4.3). Not sensitive: staff see it on the case page."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import UTCDateTime, db


class SatisfactionSurvey(db.Model):
    __tablename__ = "satisfaction_surveys"

    # One survey per complaint.
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), primary_key=True)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_on: Mapped[date] = mapped_column(Date, index=True)
    # How satisfied with how the complaint was handled: 1 (very dissatisfied) to 5 (very
    # satisfied).
    handling: Mapped[int] = mapped_column(Integer)
    # Whether they were kept informed: "yes", "partly" or "no".
    kept_informed: Mapped[str] = mapped_column(String(16))
    # Anything else they would like to say, exactly as typed (optional).
    comment: Mapped[str | None] = mapped_column(Text)
