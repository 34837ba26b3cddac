"""Evidence files, the correspondence log of a case, and links between related complaints.

Files are kept in the database (not on one server's disk), so every app server can serve
them, and only through pages that check who is asking: never from a public static path.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from shared.db import UTCDateTime, db


class SentBy(StrEnum):
    """Who a file or an entry came from."""

    STAFF = "staff"
    RESIDENT = "resident"
    REPRESENTATIVE = "representative"


class Direction(StrEnum):
    INCOMING = "in"
    OUTGOING = "out"
    INTERNAL = "internal"  # a case note: never shown to the resident


class EntryKind(StrEnum):
    NOTE = "note"
    PHONE_CALL = "phone_call"
    EMAIL = "email"
    LETTER = "letter"
    IN_PERSON = "in_person"
    PORTAL_MESSAGE = "portal_message"


class CorrespondenceEntry(db.Model):
    """One letter, email, call, visit, portal message or case note on a complaint (Code 5.12:
    a full record of all correspondence). Entries are a record: they are added, never edited."""

    __tablename__ = "correspondence_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    direction: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text, default="")
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_by: Mapped[str] = mapped_column(String(20))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # The hash of the one-time token of the form it came from: a repeated post finds it.
    submission_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)

    complaint = relationship(
        "Complaint",
        backref=backref(
            "correspondence",
            order_by="(CorrespondenceEntry.occurred_at, CorrespondenceEntry.id)",
            cascade="all",
            lazy="select",
        ),
    )
    recorded_by = relationship("StaffUser")
    attachments: Mapped[list[EvidenceFile]] = relationship(
        back_populates="correspondence", order_by="EvidenceFile.id"
    )

    @property
    def from_the_resident_side(self) -> bool:
        return self.sent_by in (SentBy.RESIDENT, SentBy.REPRESENTATIVE)


class EvidenceFile(db.Model):
    """A file sent with a complaint or a correspondence entry, checked by its content."""

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    correspondence_id: Mapped[int | None] = mapped_column(
        ForeignKey("correspondence_entries.id"), index=True
    )
    # The name as sent, made safe to show and to offer as a download name.
    filename: Mapped[str] = mapped_column(String(255))
    # The type its content was found to be, never the one its name or the browser claimed.
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # Loaded only when the file is downloaded, never with a list of files.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sent_by: Mapped[str] = mapped_column(String(20))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    complaint = relationship(
        "Complaint",
        backref=backref("evidence_files", order_by="EvidenceFile.id", lazy="select"),
    )
    correspondence: Mapped[CorrespondenceEntry | None] = relationship(back_populates="attachments")
    uploaded_by = relationship("StaffUser")


class ComplaintLink(db.Model):
    """Two complaints about the same matter (seed 002 §7: linked and answered together).
    One row per pair, shown on both cases; `pair` keeps a pair from being linked twice,
    whichever case it was linked from."""

    __tablename__ = "complaint_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    related_complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    pair: Mapped[str] = mapped_column(String(41), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime)

    complaint = relationship("Complaint", foreign_keys=[complaint_id])
    related_complaint = relationship("Complaint", foreign_keys=[related_complaint_id])
    linked_by = relationship("StaffUser")

    @staticmethod
    def pair_of(first_id: int, second_id: int) -> str:
        low, high = sorted((first_id, second_id))
        return f"{low}-{high}"

    def other_than(self, complaint_id: int):
        return self.related_complaint if self.complaint_id == complaint_id else self.complaint
