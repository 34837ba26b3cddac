"""Reference data a council configures: service areas and closure days."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shared.extensions import db


class ServiceArea(db.Model):
    """A service a complaint is about; names the SLA policy its complaints follow."""

    __tablename__ = "service_areas"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Housing landlord matters go to the Housing Ombudsman and count in the landlord report.
    is_housing_landlord: Mapped[bool] = mapped_column(Boolean, default=False)
    sla_policy: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    display_order: Mapped[int] = mapped_column(Integer, default=0)


class ClosureDay(db.Model):
    """A day the council is closed (e.g. between Christmas and New Year): not a working day."""

    __tablename__ = "closure_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    reason: Mapped[str] = mapped_column(String(200), default="")


class ReferenceCounter(db.Model):
    """The last complaint number issued in a year; its row lock serialises new references."""

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(Integer, default=0)
