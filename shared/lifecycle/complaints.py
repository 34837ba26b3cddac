"""The moves of a complaint. Each is one transaction: check who may make it, change the
complaint, store the new deadlines, write the audit event and queue the notices; commit
all of it or none of it."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from shared import clock, notifications
from shared.calendar_store import council_calendar
from shared.extensions import db
from shared.i18n import number
from shared.lifecycle.actors import Actor
from shared.lifecycle.errors import InvalidInput
from shared.lifecycle.state_machine import (
    AWAITING_ACKNOWLEDGEMENT,
    AWAITING_RESPONSE,
    Move,
    check_move,
)
from shared.models import (
    AuditEvent,
    Complaint,
    ComplaintStage,
    ComplaintStatus,
    Outcome,
    OutcomeSought,
    ReferenceCounter,
    ServiceArea,
    TrackingLink,
)
from shared.sla import WorkingDayCalendar, get_policy, stage_deadlines

MAX_NAME = 200
MAX_EMAIL = 320
MAX_DESCRIPTION = 10_000
MAX_OUTCOME_SOUGHT = 5_000
MAX_REASONS = 20_000
MAX_DEFINITION_POINT = 2_000


@dataclass(frozen=True)
class SubmittedComplaint:
    complaint: Complaint
    tracking_secret: str  # shown once in the resident's link, never stored


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Commit everything done inside, or roll all of it back."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


# -- helpers -------------------------------------------------------------------------------


def hash_tracking_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _issue_tracking_link(complaint: Complaint) -> str:
    secret = secrets.token_urlsafe(32)
    db.session.add(TrackingLink(complaint=complaint, secret_hash=hash_tracking_secret(secret)))
    return secret


def find_tracked_complaint(reference: str, secret: str) -> Complaint | None:
    """The complaint a private link opens, or None if the link is not for that complaint."""
    link = db.session.scalar(
        select(TrackingLink).where(TrackingLink.secret_hash == hash_tracking_secret(secret))
    )
    if link is None:
        return None
    complaint = db.session.get(Complaint, link.complaint_id)
    if complaint is None or not secrets.compare_digest(complaint.reference, reference.upper()):
        return None
    return complaint


def _next_reference(year: int) -> str:
    """CMP-YYYY-NNNNNN, unique across workers: the counter row is locked until commit."""
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        create = pg_insert(ReferenceCounter).on_conflict_do_nothing(index_elements=["year"])
    elif dialect == "sqlite":
        create = sqlite_insert(ReferenceCounter).on_conflict_do_nothing(index_elements=["year"])
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        create = insert(ReferenceCounter)
    db.session.execute(create.values(year=year, last_value=0))
    number = db.session.execute(
        update(ReferenceCounter)
        .where(ReferenceCounter.year == year)
        .values(last_value=ReferenceCounter.last_value + 1)
        .returning(ReferenceCounter.last_value)
    ).scalar_one()
    return f"CMP-{year}-{number:06d}"


def refresh_deadlines(complaint: Complaint, calendar: WorkingDayCalendar) -> None:
    """Store the deadlines still to be met, and the one the council must meet next.

    Deadlines already met stay as they were, so the record shows what was owed at the time.
    """
    policy = get_policy(complaint.sla_policy)
    for stage in complaint.stages:
        deadlines = stage_deadlines(
            policy, stage.number, calendar, stage.started_on, stage.acknowledged_on
        )
        if stage.acknowledged_on is None:
            stage.acknowledge_by = deadlines.acknowledge_by
        if stage.responded_on is None:
            stage.respond_by = deadlines.respond_by
            stage.latest_extended_respond_by = deadlines.latest_extended_respond_by
    if complaint.status in AWAITING_ACKNOWLEDGEMENT:
        complaint.next_deadline = complaint.current.acknowledge_by
    elif complaint.status in AWAITING_RESPONSE:
        complaint.next_deadline = complaint.current.respond_by
    else:
        complaint.next_deadline = None


def _record(
    complaint: Complaint,
    actor: Actor,
    move: Move,
    from_status: str | None,
    at: datetime,
    details: dict | None = None,
) -> None:
    db.session.add(
        AuditEvent(
            complaint=complaint,
            occurred_at=at,
            actor_kind=actor.kind,
            staff_user_id=actor.staff_user_id,
            action=str(move),
            from_status=from_status,
            to_status=complaint.status,
            details=details or {},
        )
    )


def _required_text(value: str | None, field: str, message, limit: int, too_long) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(message, {field: str(message)})
    if len(value) > limit:
        raise InvalidInput(too_long, {field: str(too_long)})
    return value


def _definition(points: Sequence[str], outcomes_sought: Sequence[str]) -> dict:
    cleaned = [p.strip() for p in points if p and p.strip()]
    if not cleaned:
        message = _l("Write at least one point of the complaint definition.")
        raise InvalidInput(message, {"points": str(message)})
    if any(len(p) > MAX_DEFINITION_POINT for p in cleaned):
        message = _l(
            "Each point must be %(limit)s characters or fewer.", limit=number(MAX_DEFINITION_POINT)
        )
        raise InvalidInput(message, {"points": str(message)})
    known = {o.value for o in OutcomeSought}
    if not outcomes_sought or any(o not in known for o in outcomes_sought):
        message = _l("Select the outcomes the resident is asking for.")
        raise InvalidInput(message, {"outcomes_sought": str(message)})
    return {"points": cleaned, "outcomes_sought": list(dict.fromkeys(outcomes_sought))}


def _decision(outcome: str, reasons: str) -> tuple[str, str]:
    if outcome not in {o.value for o in Outcome}:
        message = _l("Select the decision.")
        raise InvalidInput(message, {"outcome": str(message)})
    reasons = _required_text(
        reasons,
        "reasons",
        _l("Give the reasons for the decision."),
        MAX_REASONS,
        _l("The reasons must be %(limit)s characters or fewer.", limit=number(MAX_REASONS)),
    )
    return outcome, reasons


# -- the moves -----------------------------------------------------------------------------


def submit_complaint(
    actor: Actor,
    *,
    complainant_name: str,
    contact_email: str,
    service_area_code: str,
    description: str,
    outcome_sought: str,
    locale: str = "en",
    channel: str = "online",
    at: datetime | None = None,
) -> SubmittedComplaint:
    """Record a new complaint at stage 1 and send the resident their private tracking link."""
    check_move(None, Move.SUBMIT, actor)
    at = at or clock.now()
    name = _required_text(
        complainant_name,
        "complainant_name",
        _l("Enter your full name."),
        MAX_NAME,
        _l("Your name must be %(limit)s characters or fewer.", limit=number(MAX_NAME)),
    )
    email = _required_text(
        contact_email,
        "contact_email",
        _l("Enter your email address."),
        MAX_EMAIL,
        _l("Your email address must be %(limit)s characters or fewer.", limit=number(MAX_EMAIL)),
    )
    what_happened = _required_text(
        description,
        "description",
        _l("Tell us what happened."),
        MAX_DESCRIPTION,
        _l("What happened must be %(limit)s characters or fewer.", limit=number(MAX_DESCRIPTION)),
    )
    wanted = _required_text(
        outcome_sought,
        "outcome_sought",
        _l("Tell us what you would like us to do to put things right."),
        MAX_OUTCOME_SOUGHT,
        _l(
            "What you would like us to do must be %(limit)s characters or fewer.",
            limit=number(MAX_OUTCOME_SOUGHT),
        ),
    )
    service_area = db.session.get(ServiceArea, service_area_code)
    if service_area is None or not service_area.active:
        message = _l("Select the service your complaint is about.")
        raise InvalidInput(message, {"service_area_code": str(message)})

    with unit_of_work():
        received_on = clock.local_date(at)
        complaint = Complaint(
            reference=_next_reference(received_on.year),
            status=ComplaintStatus.RECEIVED,
            current_stage=1,
            service_area=service_area,
            service_area_code=service_area.code,
            sla_policy=service_area.sla_policy,
            channel=channel,
            complainant_name=name,
            contact_email=email,
            description=what_happened,
            outcome_sought=wanted,
            locale=locale,
            received_at=at,
            received_on=received_on,
        )
        complaint.stages.append(
            ComplaintStage(number=1, started_on=received_on, **_placeholder_deadlines(received_on))
        )
        db.session.add(complaint)
        refresh_deadlines(complaint, council_calendar())
        secret = _issue_tracking_link(complaint)
        db.session.flush()
        _record(complaint, actor, Move.SUBMIT, None, at, {"channel": channel})
        notifications.queue(complaint, "complaint_received", tracking_secret=secret)
    return SubmittedComplaint(complaint, secret)


def _placeholder_deadlines(day: date) -> dict:
    # Filled in by refresh_deadlines before the row is written.
    return {"acknowledge_by": day, "respond_by": day, "latest_extended_respond_by": day}


def acknowledge(
    actor: Actor,
    complaint: Complaint,
    *,
    definition_points: Sequence[str],
    outcomes_sought: Sequence[str],
    at: datetime | None = None,
) -> Complaint:
    """Acknowledge stage 1 with the complaint definition; the response date is now fixed."""
    return _acknowledge_stage(
        actor, complaint, Move.ACKNOWLEDGE, definition_points, outcomes_sought, at
    )


def acknowledge_stage_two(
    actor: Actor,
    complaint: Complaint,
    *,
    definition_points: Sequence[str],
    outcomes_sought: Sequence[str],
    at: datetime | None = None,
) -> Complaint:
    return _acknowledge_stage(
        actor, complaint, Move.ACKNOWLEDGE_STAGE_2, definition_points, outcomes_sought, at
    )


def _acknowledge_stage(actor, complaint, move, points, outcomes_sought, at) -> Complaint:
    rule = check_move(complaint, move, actor)
    definition = _definition(points, outcomes_sought)
    at = at or clock.now()
    with unit_of_work():
        from_status = complaint.status
        stage = complaint.current
        stage.acknowledged_on = clock.local_date(at)
        stage.acknowledged_by_id = actor.staff_user_id
        stage.definition = definition
        complaint.status = rule.to_status
        refresh_deadlines(complaint, council_calendar())
        _record(
            complaint,
            actor,
            move,
            from_status,
            at,
            {
                "stage": stage.number,
                "definition": definition,
                "respond_by": stage.respond_by.isoformat(),
            },
        )
        kind = "stage_1_acknowledgement" if stage.number == 1 else "stage_2_acknowledgement"
        notifications.queue(complaint, kind)
    return complaint


def respond(
    actor: Actor, complaint: Complaint, *, outcome: str, reasons: str, at: datetime | None = None
) -> Complaint:
    """Send the stage 1 response: the decision with its reasons."""
    return _respond_stage(actor, complaint, Move.RESPOND, outcome, reasons, at)


def respond_stage_two(
    actor: Actor, complaint: Complaint, *, outcome: str, reasons: str, at: datetime | None = None
) -> Complaint:
    """Send the council's final response. The reviewer must be independent of stage 1."""
    return _respond_stage(actor, complaint, Move.RESPOND_STAGE_2, outcome, reasons, at)


def _respond_stage(actor, complaint, move, outcome, reasons, at) -> Complaint:
    rule = check_move(complaint, move, actor)
    outcome, reasons = _decision(outcome, reasons)
    at = at or clock.now()
    with unit_of_work():
        from_status = complaint.status
        stage = complaint.current
        stage.responded_on = clock.local_date(at)
        stage.responder_id = actor.staff_user_id
        stage.outcome = outcome
        stage.decision_reasons = reasons
        complaint.status = rule.to_status
        refresh_deadlines(complaint, council_calendar())
        _record(
            complaint,
            actor,
            move,
            from_status,
            at,
            {
                "stage": stage.number,
                "outcome": outcome,
                "within_timescale": stage.responded_on <= stage.respond_by,
            },
        )
        kind = "stage_1_response" if stage.number == 1 else "stage_2_response"
        secret = _issue_tracking_link(complaint) if stage.number == 1 else None
        notifications.queue(complaint, kind, tracking_secret=secret)
    return complaint


def request_stage_two(
    actor: Actor, complaint: Complaint, *, reason: str | None = None, at: datetime | None = None
) -> Complaint:
    """The resident asks for an independent review. A reason is welcome, never required."""
    rule = check_move(complaint, Move.REQUEST_STAGE_2, actor)
    reason = (reason or "").strip() or None
    if reason and len(reason) > MAX_DESCRIPTION:
        message = _l(
            "Your reason must be %(limit)s characters or fewer.", limit=number(MAX_DESCRIPTION)
        )
        raise InvalidInput(message, {"reason": str(message)})
    at = at or clock.now()
    with unit_of_work():
        from_status = complaint.status
        requested_on = clock.local_date(at)
        complaint.stages.append(
            ComplaintStage(
                number=2,
                started_on=requested_on,
                escalation_reason=reason,
                **_placeholder_deadlines(requested_on),
            )
        )
        complaint.current_stage = 2
        complaint.status = rule.to_status
        complaint.closed_at = None
        refresh_deadlines(complaint, council_calendar())
        _record(
            complaint, actor, Move.REQUEST_STAGE_2, from_status, at, {"reason_given": bool(reason)}
        )
        notifications.queue(complaint, "stage_2_requested")
    return complaint


def close(actor: Actor, complaint: Complaint, *, at: datetime | None = None) -> Complaint:
    rule = check_move(complaint, Move.CLOSE, actor)
    at = at or clock.now()
    with unit_of_work():
        from_status = complaint.status
        complaint.status = rule.to_status
        complaint.closed_at = at
        refresh_deadlines(complaint, council_calendar())
        _record(complaint, actor, Move.CLOSE, from_status, at)
    return complaint


def withdraw(
    actor: Actor, complaint: Complaint, *, reason: str | None = None, at: datetime | None = None
) -> Complaint:
    rule = check_move(complaint, Move.WITHDRAW, actor)
    at = at or clock.now()
    with unit_of_work():
        from_status = complaint.status
        complaint.status = rule.to_status
        complaint.closed_at = at
        refresh_deadlines(complaint, council_calendar())
        _record(
            complaint, actor, Move.WITHDRAW, from_status, at, {"reason": (reason or "").strip()}
        )
        notifications.queue(complaint, "complaint_withdrawn")
    return complaint
