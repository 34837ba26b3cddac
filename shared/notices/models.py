"""Notices waiting to be delivered, queued in the same transaction as the change they tell of.

A queued notice holds no secret: only who it is for, how, in which language and format,
and the facts it tells. The sender renders it at delivery, adds a fresh tracking link if
the notice carries one, and keeps the rendered text with that link taken out.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.db import UTCDateTime, db, utcnow


class OutboxStatus(StrEnum):
    PENDING = "pending"
    # Claimed by one sender; another sender never takes it. A claim left by a sender that
    # died goes back to pending after a while.
    SENDING = "sending"
    SENT = "sent"
    # A permanent failure (a refused address), or given up after the last retry; kept, and
    # sent again by `complaints outbox retry`.
    FAILED = "failed"


class Channel(StrEnum):
    EMAIL = "email"
    LETTER = "letter"  # printed and posted; the print queue holds these


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    kind: Mapped[str] = mapped_column(String(50))
    # complainant or representative: whose copy this is.
    recipient_role: Mapped[str] = mapped_column(String(20), default="complainant")
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    # An email address for the email channel; empty for a letter (the address is on the case).
    recipient: Mapped[str] = mapped_column(String(320), default="")
    channel: Mapped[str] = mapped_column(String(20), default=Channel.EMAIL)
    language: Mapped[str] = mapped_column(String(10), default="en")
    format: Mapped[str] = mapped_column(String(20), default="standard")
    # What the notice tells, fixed when the move was made (dates, stage, decision).
    facts: Mapped[dict] = mapped_column(JSON, default=dict)
    # Filled in at delivery; a tracking link in the body is stored redacted.
    subject: Mapped[str | None] = mapped_column(String(300))
    body_text: Mapped[str | None] = mapped_column(Text)
    # Fixed when queued, so a resend after a crash is recognisably the same message.
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    complaint = relationship("Complaint")
