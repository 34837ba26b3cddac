"""Queueing notices, inside the transaction of the change they tell of.

A queued notice holds the facts it tells and who it is for, never a secret: the sender
renders it at delivery (`shared.notices.outbox`) and issues a fresh tracking link then.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from flask import current_app

from shared import clock
from shared.db import db
from shared.notices.models import OutboxMessage, OutboxStatus
from shared.notices.resolver import recipients_for

if TYPE_CHECKING:  # shared.cases imports this module: no import of it at run time
    from shared.cases.models import Complaint

# The notices whose text carries a private tracking link.
KINDS_WITH_TRACKING_LINK = frozenset({"complaint_received", "stage_1_response"})


def _json_ready(facts: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in facts.items()}


def queue_notice(complaint: Complaint, kind: str, facts: dict | None = None) -> list[OutboxMessage]:
    """One outbox row per recipient the resolver names (no commit).

    The facts are kept as they are now, with the stage they belong to, so a notice sent
    later still tells what happened when it was queued.
    """
    domain = current_app.config["MAIL_FROM"].rpartition("@")[2] or "localhost"
    facts = {"stage": complaint.current_stage, **(facts or {})}
    queued_at = clock.now()
    messages = []
    for recipient in recipients_for(complaint):
        message = OutboxMessage(
            complaint=complaint,
            kind=kind,
            recipient_role=recipient.role,
            recipient_name=recipient.name,
            recipient=recipient.email,
            channel=recipient.channel,
            language=recipient.language,
            format=recipient.format,
            facts=_json_ready(facts),
            message_id=f"<{uuid.uuid4()}@{domain}>",
            status=OutboxStatus.PENDING,
            attempts=0,
            next_attempt_at=queued_at,
            created_at=queued_at,
        )
        db.session.add(message)
        messages.append(message)
    return messages
