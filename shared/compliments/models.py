"""A compliment as the council keeps it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.db import UTCDateTime, db
from shared.reference.models import ServiceArea


class Compliment(db.Model):
    __tablename__ = "compliments"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The local date, for reports by period.
    received_on: Mapped[date] = mapped_column(Date, index=True)
    service_area_code: Mapped[str] = mapped_column(ForeignKey("service_areas.code"), index=True)
    # What the resident wants to thank the council for, exactly as typed.
    what: Mapped[str] = mapped_column(Text)
    # Who they want to thank (optional): names as the resident wrote them.
    staff_named: Mapped[str | None] = mapped_column(String(500))
    # Contact details, only if the resident would like a reply.
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    language: Mapped[str] = mapped_column(String(10), default="en")

    service_area: Mapped[ServiceArea] = relationship(lazy="joined")
