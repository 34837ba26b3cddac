"""Delivering the outbox. A message is marked sent only after its backend accepted it, and a
failure is kept and retried with backoff: no notice is ever lost.

Delivery is at least once: if the process dies between handing a message over and recording
that, it is handed over again with the same Message-ID, which mail clients treat as one
message, and which the file backend uses as the file name.
"""

from __future__ import annotations

import os
import smtplib
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import select, true, update

from shared import clock
from shared.extensions import db
from shared.models import OutboxMessage, OutboxStatus

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8... minutes after each failure, never more than six hours."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_WAIT)


def build_email(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at)
    email.set_content(message.body_text)
    return email


class FileBackend:
    """Writes each message as an .eml file: for development, demos and councils that relay files."""

    def __init__(self, directory: str):
        self.directory = Path(directory)

    def path_for(self, message: OutboxMessage) -> Path:
        safe = "".join(
            c if c.isalnum() or c in "-." else "_" for c in message.message_id.strip("<>")
        )
        return self.directory / f"{message.id:08d}-{safe}.eml"

    def deliver(self, message: OutboxMessage) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.path_for(message)
        if target.exists():  # already delivered before a crash: nothing to do
            return
        # Written to a temporary file and renamed, so a reader never sees half a message.
        fd, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(bytes(build_email(message)))
        os.replace(temporary, target)


class SmtpBackend:
    def __init__(self, config):
        self.config = config

    def deliver(self, message: OutboxMessage) -> None:
        config = self.config
        with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30) as smtp:
            if config["SMTP_STARTTLS"]:
                smtp.starttls()
            if config["SMTP_USERNAME"]:
                smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
            smtp.send_message(build_email(message))


def configured_backend():
    config = current_app.config
    if config["MAIL_BACKEND"] == "smtp":
        return SmtpBackend(config)
    return FileBackend(config["MAIL_OUTBOX_DIR"])


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0  # will be retried
    gave_up: int = 0  # kept as failed after the last attempt


def _claim_next_due_message(skip_ids: set[int]) -> OutboxMessage | None:
    """Lock the next due message; it stays locked until its outcome is committed."""
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.next_attempt_at <= clock.now(),
            OutboxMessage.id.not_in(skip_ids) if skip_ids else true(),
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(1)
    )
    if db.session.get_bind().dialect.name == "postgresql":
        # Two senders running at once each take different messages.
        query = query.with_for_update(skip_locked=True)
    return db.session.scalar(query)


def send_due_messages(limit: int = 500, backend=None) -> SendResult:
    backend = backend or configured_backend()
    result = SendResult()
    tried: set[int] = set()
    while len(tried) < limit:
        message = _claim_next_due_message(tried)
        if message is None:
            break
        tried.add(message.id)
        now = clock.now()
        try:
            backend.deliver(message)
        except Exception as error:  # noqa: BLE001 - any failure is recorded and retried
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
                result.gave_up += 1
            else:
                message.next_attempt_at = now + retry_delay(message.attempts)
                result.failed += 1
        else:
            message.attempts += 1
            message.status = OutboxStatus.SENT
            message.sent_at = now
            message.last_error = None
            result.sent += 1
        # One commit a message: a later failure cannot undo an earlier success.
        db.session.commit()
    return result


def requeue_failed() -> int:
    count = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.FAILED)
        .values(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=clock.now())
    ).rowcount
    db.session.commit()
    return count
