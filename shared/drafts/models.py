"""A complaint being written on the portal: its answers kept on the server, never in the
cookie, until it is sent or left long enough to expire."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

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
