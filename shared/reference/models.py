"""Reference data a council configures: service areas, closure days, and the version
stamp that tells every server its cached calendar is out of date."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext
from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import db


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

    @property
    def display_name(self) -> str:
        """The name in the reader's language: a default name (service_areas.py) from the
        catalogues, a name the council gave it as written."""
        return gettext(self.name)


class ClosureDay(db.Model):
    """A day the council is closed (e.g. between Christmas and New Year): not a working day."""

    __tablename__ = "closure_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    reason: Mapped[str] = mapped_column(String(200), default="")


class CalendarVersion(db.Model):
    """One row whose stamp changes with every closure-day change.

    Each server caches the calendar with the stamp it was built from and reads only this
    row per request, so a change made on one server reaches every other at once. A random
    stamp rather than a counter: a restored or emptied database cannot repeat an old one.
    """

    __tablename__ = "calendar_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    stamp: Mapped[str] = mapped_column(String(36))
