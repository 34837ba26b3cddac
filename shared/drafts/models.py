"""A complaint being written on the portal: its answers kept on the server, never in the
cookie, until it is sent or left long enough to expire."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from shared.db import UTCDateTime, db, utcnow


class ComplaintDraft(db.Model):
    __tablename__ = "complaint_drafts"

    # The SHA-256 of the random id kept in the resident's session: a copy of the table
    # gives nobody a way into someone's answers.
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The answers, page by page, exactly as typed ({"who": {"who": "myself"}, ...}).
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    language: Mapped[str] = mapped_column(String(10), default="en")
    # Sent with the "Check your answers" form: a second post finds the first complaint.
    submission_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class DraftFile(db.Model):
    """A file added on the evidence page, checked by its content and kept with the draft
    (in the database, so every app server sees it) until the complaint is sent: then it is
    stored with the complaint and this copy deleted. Deleted with its draft."""

    __tablename__ = "draft_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id_hash: Mapped[str] = mapped_column(
        ForeignKey("complaint_drafts.id_hash", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # Loaded only when the complaint is sent, never to list the files.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    draft = relationship(
        ComplaintDraft,
        backref=backref(
            "files", order_by="DraftFile.id", cascade="all, delete-orphan", passive_deletes=True
        ),
    )
