"""The resident's circumstances, kept on the person so that every complaint of theirs shows
them: vulnerabilities they disclosed (each with a review date), and restrictions on contact
for unacceptable behaviour (Code 5.14, 5.15: a recorded reason, proportionate, reviewed).

A restriction never stops a new complaint being received; it changes how staff keep in
touch. The changes are made through `shared.cases.circumstances`, which writes them to the
audit trail of the complaint they were recorded on.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.db import UTCDateTime, db


class Vulnerability(db.Model):
    """Something the resident told us that affects how we should deal with them."""

    __tablename__ = "vulnerabilities"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    support: Mapped[str | None] = mapped_column(Text)  # what we do because of it
    review_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))

    recorded_by = relationship("StaffUser", foreign_keys=[recorded_by_id])


class RestrictionKind(StrEnum):
    SINGLE_POINT_OF_CONTACT = "single_point_of_contact"
    WRITTEN_CONTACT_ONLY = "written_contact_only"
    LIMITED_PHONE_CONTACT = "limited_phone_contact"
    NO_FURTHER_CORRESPONDENCE_ON_SETTLED_MATTERS = "no_further_correspondence_on_settled_matters"
    OTHER = "other"


RESTRICTION_LABELS = {
    RestrictionKind.SINGLE_POINT_OF_CONTACT: _l("A single point of contact"),
    RestrictionKind.WRITTEN_CONTACT_ONLY: _l("Written contact only"),
    RestrictionKind.LIMITED_PHONE_CONTACT: _l("Phone calls limited to set times"),
    RestrictionKind.NO_FURTHER_CORRESPONDENCE_ON_SETTLED_MATTERS: _l(
        "No further correspondence about matters already answered"
    ),
    RestrictionKind.OTHER: _l("Another restriction"),
}


class ContactRestriction(db.Model):
    """A restriction on how the resident may contact us, with its reason and review date."""

    __tablename__ = "contact_restrictions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(60))
    scope: Mapped[str] = mapped_column(Text)  # what exactly is restricted, and how
    reason: Mapped[str] = mapped_column(Text)
    review_on: Mapped[date] = mapped_column(Date)
    imposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    imposed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str | None] = mapped_column(Text)
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))

    imposed_by = relationship("StaffUser", foreign_keys=[imposed_by_id])

    @property
    def label(self) -> str:
        return str(RESTRICTION_LABELS.get(self.kind, self.kind))
