"""`complaints sla remind`: each handler is emailed, once a day, the deadlines of their
open complaints that fall within the next N working days and those already missed.

A reminder row per handler per day (unique) is written in the same transaction as the
queued email: running the command twice in a day, or on two servers at once, queues
nothing more, since the second insert fails on the unique key and is rolled back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shared import clock
from shared.db import db
from shared.notices.models import Channel, HandlerReminder, OutboxMessage, OutboxStatus

KIND = "sla_reminder"


@dataclass
class RemindResult:
    reminded: int = 0
    already: int = 0  # reminded earlier today, here or on another server


def _open_cases_by_handler(today: date, until: date) -> dict[int, dict]:
    from shared.cases.models import Complaint
    from shared.cases.state_machine import OPEN_STATUSES

    rows = db.session.execute(
        select(Complaint.handler_id, Complaint.reference, Complaint.next_deadline)
        .where(
            Complaint.handler_id.is_not(None),
            Complaint.next_deadline.is_not(None),
            Complaint.next_deadline <= until,
            Complaint.status.in_([str(s) for s in OPEN_STATUSES]),
        )
        .order_by(Complaint.next_deadline, Complaint.reference)
    )
    by_handler: dict[int, dict] = {}
    for handler_id, reference, deadline in rows:
        lists = by_handler.setdefault(handler_id, {"overdue": [], "due_soon": []})
        key = "overdue" if deadline < today else "due_soon"
        lists[key].append({"reference": reference, "deadline": deadline.isoformat()})
    return by_handler


def send_reminders(within: int | None = None, today: date | None = None) -> RemindResult:
    """Queue today's reminder for every handler with deadlines due soon or missed; the
    outbox delivers it (`complaints outbox send`). Commits once per handler."""
    from shared.people.models import StaffUser
    from shared.reference.calendar import council_calendar

    config = current_app.config
    within = config["SLA_REMIND_WORKING_DAYS"] if within is None else within
    today = today or clock.today()
    until = council_calendar().add_working_days(today, within) if within else today
    result = RemindResult()
    domain = config["MAIL_FROM"].rpartition("@")[2] or "localhost"
    for handler_id, lists in _open_cases_by_handler(today, until).items():
        staff = db.session.get(StaffUser, handler_id)
        if staff is None or not staff.active:
            continue
        db.session.add(
            HandlerReminder(
                staff_id=staff.id,
                day=today,
                due_soon=len(lists["due_soon"]),
                overdue=len(lists["overdue"]),
            )
        )
        db.session.add(
            OutboxMessage(
                complaint_id=None,
                kind=KIND,
                recipient_role="staff",
                recipient_name=staff.name,
                recipient=staff.email,
                channel=Channel.EMAIL,
                language="en",
                facts={"day": today.isoformat(), "within": within, **lists},
                message_id=f"<{uuid.uuid4()}@{domain}>",
                status=OutboxStatus.PENDING,
                attempts=0,
                next_attempt_at=clock.now(),
                created_at=clock.now(),
            )
        )
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            result.already += 1
        else:
            result.reminded += 1
    return result
