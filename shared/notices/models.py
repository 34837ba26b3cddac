"""Notices waiting to be delivered, queued in the same transaction as the change they tell of.

A queued notice holds no secret: only who it is for, how, in which language and format,
and the facts it tells. The sender renders it at delivery, adds a fresh tracking link if
the notice carries one, and keeps the rendered text with that link taken out.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

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


class SentCopy(db.Model):
    """What was sent, kept unchanged on the case for staff to download: the email's source
    (with its private tracking link taken out, as the body text is) or the letter's PDF."""

    __tablename__ = "notice_sent_copies"

    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_message_id: Mapped[int] = mapped_column(ForeignKey("outbox_messages.id"), unique=True)
    media_type: Mapped[str] = mapped_column(String(50))  # message/rfc822 or application/pdf
    filename: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    message = relationship("OutboxMessage", backref=backref("sent_copy", uselist=False))


class HandlerReminder(db.Model):
    """One row per handler per day: `complaints sla remind` inserts it before sending, so a
    second run that day, or a run on another server at the same time, sends nothing more."""

    __tablename__ = "handler_reminders"
    __table_args__ = (UniqueConstraint("staff_id", "day", name="uq_handler_reminders_staff_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    day: Mapped[date] = mapped_column(Date)
    due_soon: Mapped[int] = mapped_column(Integer, default=0)
    overdue: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
