"""Closure days change what a working day is, so every deadline still owed moves with them."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from shared import clock
from shared.calendar_store import council_calendar
from shared.extensions import db
from shared.lifecycle.actors import Actor
from shared.lifecycle.complaints import refresh_deadlines, unit_of_work
from shared.lifecycle.errors import InvalidInput, NotPermitted
from shared.lifecycle.state_machine import OPEN_STATUSES
from shared.models import AuditEvent, ClosureDay, Complaint, StaffRole


def _check_may_manage_calendar(actor: Actor) -> None:
    if actor.kind == "system":
        return
    if actor.kind == "staff" and actor.role == StaffRole.COMPLAINTS_MANAGER:
        return
    raise NotPermitted(_l("Only a complaints manager can change the council's closure days."))


def _recompute_open_deadlines() -> int:
    calendar = council_calendar()
    complaints = db.session.scalars(
        select(Complaint)
        .where(Complaint.status.in_([str(s) for s in OPEN_STATUSES]))
        .options(selectinload(Complaint.stages))
        .execution_options(yield_per=1000)
    )
    count = 0
    for complaint in complaints:
        refresh_deadlines(complaint, calendar)
        count += 1
    return count


def add_closure_day(actor: Actor, day: date, reason: str = "") -> int:
    """Add a closure day; returns how many open complaints had their deadlines recomputed."""
    _check_may_manage_calendar(actor)
    if db.session.get(ClosureDay, day) is not None:
        message = _l("%(day)s is already a closure day.", day=day.isoformat())
        raise InvalidInput(message, {"day": str(message)})
    with unit_of_work():
        db.session.add(ClosureDay(day=day, reason=reason.strip()))
        db.session.flush()
        count = _recompute_open_deadlines()
        _audit(
            actor,
            "closure_day_added",
            {"day": day.isoformat(), "reason": reason.strip(), "complaints_recomputed": count},
        )
    return count


def remove_closure_day(actor: Actor, day: date) -> int:
    _check_may_manage_calendar(actor)
    closure = db.session.get(ClosureDay, day)
    if closure is None:
        message = _l("%(day)s is not a closure day.", day=day.isoformat())
        raise InvalidInput(message, {"day": str(message)})
    with unit_of_work():
        db.session.delete(closure)
        db.session.flush()
        count = _recompute_open_deadlines()
        _audit(
            actor, "closure_day_removed", {"day": day.isoformat(), "complaints_recomputed": count}
        )
    return count


def _audit(actor: Actor, action: str, details: dict) -> None:
    db.session.add(
        AuditEvent(
            complaint_id=None,
            occurred_at=clock.now(),
            actor_kind=actor.kind,
            staff_user_id=actor.staff_user_id,
            action=action,
            details=details,
        )
    )
