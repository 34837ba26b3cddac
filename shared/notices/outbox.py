"""Delivering the outbox. A message is marked sent only after its backend accepted it; a
temporary failure is retried with backoff, a permanent one (a refused address) stops at
once: no notice is ever lost, and none is sent twice.

Each message is claimed with a conditional update (pending to sending, only where still
pending), committed before delivery, so two senders running at once on any database never
take the same message. A claim left by a sender that died returns to pending after
`STALE_CLAIM`. Delivery is at least once across such a crash: the message keeps its
Message-ID, which mail clients treat as one message and the file backend as one file.

A notice that carries a tracking link (or a sign-in link) gets a fresh one at delivery;
the stored copy of the text has it taken out. Each outcome is one log line naming the
message by its id and kind, never by its recipient's address or its link.

Letters are not sent here: they stay pending for the print queue.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from shared import clock
from shared.accounts.sign_in import LINK_MINUTES, SIGN_IN_LINK_KIND, issue_sign_in_link
from shared.cases.tracking import SECRET_PATTERN, issue_tracking_link
from shared.db import db, is_postgres
from shared.notices.backends import (
    PermanentFailure,
    build_email,
    configured_backend,
    email_html,
    without_addresses,
)
from shared.notices.models import Channel, OutboxMessage, OutboxStatus, SentCopy
from shared.notices.queue import KINDS_WITH_TRACKING_LINK
from shared.notices.render import REDACTED_LINK, public_url, redact, render

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
STALE_CLAIM = timedelta(minutes=15)

_TRACKING_SECRET = re.compile(rf"(?<![A-Za-z0-9_-]){SECRET_PATTERN}(?![A-Za-z0-9_-])")


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8... minutes after each failure, never more than six hours."""
    return min(FIRST_RETRY * (2 ** min(max(attempts - 1, 0), 20)), LONGEST_WAIT)


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0  # will be retried
    gave_up: int = 0  # kept as failed: permanent, or after the last attempt


def release_stale_claims() -> int:
    """Claims older than STALE_CLAIM belong to a sender that died: make them due again."""
    released = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.SENDING,
            OutboxMessage.claimed_at < clock.now() - STALE_CLAIM,
        )
        .values(status=OutboxStatus.PENDING, claimed_at=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if released:
        log.warning("outbox: %s stale claims released for another attempt", released)
    return released


def _claim_next_due_message() -> OutboxMessage | None:
    """Take the next due email for this sender alone, or None when nothing is due."""
    while True:
        now = clock.now()
        candidates = (
            select(OutboxMessage.id)
            .where(
                OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.channel == Channel.EMAIL,
                OutboxMessage.next_attempt_at <= now,
            )
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(1)
        )
        if is_postgres():
            candidates = candidates.with_for_update(skip_locked=True)
        message_id = db.session.scalar(candidates)
        if message_id is None:
            db.session.commit()
            return None
        # The claim itself: only one sender's update finds the row still pending.
        claimed = db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.PENDING)
            .values(status=OutboxStatus.SENDING, claimed_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        if claimed == 1:
            return db.session.get(OutboxMessage, message_id, populate_existing=True)
        # Another sender took it between the two statements: look again.


def _deliver(message: OutboxMessage, backend) -> None:
    tracking_url = None
    if message.kind in KINDS_WITH_TRACKING_LINK and message.complaint_id is not None:
        secret = issue_tracking_link(message.complaint)
        # Committed before the message leaves, so the link works the moment it arrives.
        db.session.commit()
        tracking_url = public_url(
            "portal.track", reference=message.complaint.reference, secret=secret
        )
    elif message.kind == SIGN_IN_LINK_KIND:
        # Like a tracking link: the secret is made now, only its hash is kept, and the
        # stored copy of the text has the link taken out.
        minutes = int((message.facts or {}).get("minutes") or LINK_MINUTES)
        secret = issue_sign_in_link(message.recipient, minutes=minutes)
        db.session.commit()
        tracking_url = public_url("portal.account_sign_in", secret=secret)
    rendered = render(message, tracking_url)
    body = rendered.text
    email = build_email(message, rendered.subject, body, email_html(rendered))
    if getattr(backend, "takes_rendered_notice", False):
        backend.deliver(message, email, rendered)
    else:
        backend.deliver(message, email)
    message.subject = rendered.subject
    message.body_text = redact(body, tracking_url)
    keep_sent_copy(message, email if tracking_url is None else None)


def keep_sent_copy(message: OutboxMessage, email=None) -> None:
    """Keep the email as sent on the case; one that carried a private link is kept as
    rendered without it (the link opens the complaint, and is never stored)."""
    if email is None:
        unlinked = render(message)
        email = build_email(message, unlinked.subject, unlinked.text, email_html(unlinked))
    db.session.add(
        SentCopy(
            message=message,
            media_type="message/rfc822",
            filename=f"{message.complaint.reference if message.complaint else 'notice'}"
            f"-{message.id}-{message.kind}.eml",
            content=bytes(email),
        )
    )


def _describe(error: Exception) -> str:
    """What went wrong, fit for a log line and the message row: no address, no link."""
    text = without_addresses(f"{type(error).__name__}: {error}")
    return _TRACKING_SECRET.sub(REDACTED_LINK, text)[:2000]


def send_due_messages(limit: int = 500, backend=None) -> SendResult:
    """Deliver up to `limit` due emails, one commit each; letters are left for printing."""
    backend = backend or configured_backend()
    result = SendResult()
    release_stale_claims()
    for _ in range(limit):
        message = _claim_next_due_message()
        if message is None:
            break
        try:
            _deliver(message, backend)
        except PermanentFailure as error:
            db.session.rollback()
            message.attempts += 1
            message.claimed_at = None
            message.status = OutboxStatus.FAILED
            message.last_error = _describe(error)
            result.gave_up += 1
            log.error(
                "outbox message %s (%s) failed permanently after attempt %s: %s",
                message.id,
                message.kind,
                message.attempts,
                message.last_error,
            )
        except Exception as error:  # noqa: BLE001 - any other failure is retried
            db.session.rollback()
            message.attempts += 1
            message.claimed_at = None
            message.last_error = _describe(error)
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
                result.gave_up += 1
                log.error(
                    "outbox message %s (%s) given up after %s attempts: %s",
                    message.id,
                    message.kind,
                    message.attempts,
                    message.last_error,
                )
            else:
                message.status = OutboxStatus.PENDING
                message.next_attempt_at = clock.now() + retry_delay(message.attempts)
                result.failed += 1
                log.warning(
                    "outbox message %s (%s) failed at attempt %s, retry at %s: %s",
                    message.id,
                    message.kind,
                    message.attempts,
                    message.next_attempt_at.isoformat(),
                    message.last_error,
                )
        else:
            message.attempts += 1
            message.claimed_at = None
            message.status = OutboxStatus.SENT
            message.sent_at = clock.now()
            message.last_error = None
            result.sent += 1
            log.info(
                "outbox message %s (%s) sent at attempt %s",
                message.id,
                message.kind,
                message.attempts,
            )
        # One commit a message: a later failure cannot undo an earlier success.
        db.session.commit()
    return result


def requeue_failed() -> int:
    """Make every failed email due again now, with a fresh set of attempts."""
    count = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.FAILED)
        .values(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=clock.now())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    log.info("outbox: %s failed messages queued again", count)
    return count
