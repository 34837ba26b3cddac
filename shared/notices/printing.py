"""The print queue: notices for residents who chose post (or gave no email address).

`complaints letters print --output DIR` takes each waiting letter for itself alone (the
same claim as the email sender, so two runs at once never print a letter twice), writes
its PDF, keeps that PDF on the case, and marks it sent, one commit a letter.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update

from shared import clock
from shared.cases.tracking import issue_tracking_link
from shared.db import db
from shared.notices.letters import letter_pdf
from shared.notices.models import Channel, OutboxMessage, OutboxStatus, SentCopy
from shared.notices.queue import KINDS_WITH_TRACKING_LINK
from shared.notices.render import public_url, redact, render

log = logging.getLogger(__name__)


def letters_waiting(limit: int = 500) -> list[OutboxMessage]:
    """Letters queued and not yet printed, oldest first."""
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.channel == Channel.LETTER,
                OutboxMessage.status == OutboxStatus.PENDING,
            )
            .order_by(OutboxMessage.created_at, OutboxMessage.id)
            .limit(limit)
        )
    )


def _claim(message_id: int) -> bool:
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.PENDING)
        .values(status=OutboxStatus.SENDING, claimed_at=clock.now())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed == 1


def filename_for(message: OutboxMessage) -> str:
    return f"{message.id:08d}-{message.complaint.reference}-{message.kind}.pdf"


def _write(directory: Path, name: str, content: bytes) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=directory, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temporary, directory / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return directory / name


@dataclass
class PrintResult:
    printed: list[Path] = field(default_factory=list)
    failed: int = 0


def print_letters(output: str | os.PathLike, limit: int = 500) -> PrintResult:
    """Write every waiting letter's PDF into `output` and mark it sent."""
    directory = Path(output)
    result = PrintResult()
    for message_id in [m.id for m in letters_waiting(limit)]:
        if not _claim(message_id):
            continue  # another run took it
        message = db.session.get(OutboxMessage, message_id, populate_existing=True)
        try:
            tracking_url = None
            if message.kind in KINDS_WITH_TRACKING_LINK:
                secret = issue_tracking_link(message.complaint)
                db.session.commit()
                tracking_url = public_url(
                    "portal.track", reference=message.complaint.reference, secret=secret
                )
            today = clock.today()
            rendered = render(message, tracking_url)
            pdf = letter_pdf(message, rendered, on=today)
            path = _write(directory, filename_for(message), pdf)
            # The copy kept on the case is the same letter without the private link.
            kept = pdf if tracking_url is None else letter_pdf(message, render(message), on=today)
        except Exception as error:  # noqa: BLE001 - one bad letter must not stop the rest
            db.session.rollback()
            message.status = OutboxStatus.FAILED
            message.claimed_at = None
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            result.failed += 1
            log.error("letter %s (%s) could not be printed: %s", message.id, message.kind, error)
        else:
            message.subject = rendered.subject
            message.body_text = redact(rendered.text, tracking_url)
            message.status = OutboxStatus.SENT
            message.sent_at = clock.now()
            message.claimed_at = None
            message.attempts += 1
            message.last_error = None
            db.session.add(
                SentCopy(
                    message=message,
                    media_type="application/pdf",
                    filename=filename_for(message),
                    content=kept,
                )
            )
            result.printed.append(path)
            log.info("letter %s (%s) printed", message.id, message.kind)
        db.session.commit()
    return result
