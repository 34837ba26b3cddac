"""The moves on a complaint's definition and on what its decision promised: adding a point
before the response, moving an unrelated point to a new complaint (Code 6.8), and following
remedies, outstanding actions and service improvements through to completion (Code 6.6,
7.3, 9.1-9.3). Each is made like the moves in `shared.cases.moves`: lock, version check,
permission, audit event, notices, flush, no commit.
"""

from __future__ import annotations

from datetime import datetime, time

from flask_babel import lazy_gettext as _l

from shared import clock
from shared.cases.actors import Actor
from shared.cases.audit import record
from shared.cases.models import Complaint
from shared.cases.moves import making, submit_complaint
from shared.cases.state_machine import Move
from shared.decisions import rules
from shared.decisions.models import ActionUpdate, DefinitionPoint
from shared.errors import IllegalMove, InvalidInput, NotPermitted
from shared.notices import queue_notice
from shared.people.models import Consent
from shared.people.permissions import Permission, allows


def _refuse(field: str, message) -> InvalidInput:
    return InvalidInput(message, {field: str(message)})


def add_point(
    actor: Actor,
    complaint: Complaint,
    *,
    text: str,
    outcome_sought: str | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> DefinitionPoint:
    """A related issue raised before the response joins the stage's definition as its next
    point; the resident is told (Code 6.8)."""
    text = rules.new_point_text(text)
    outcome_sought = rules.point_outcome_sought(outcome_sought)
    with making(actor, complaint, Move.ADD_POINT, expected_version, at, notify) as step:
        stage = complaint.current
        # Only someone who may acknowledge this stage may change what it answers.
        needed = (
            Permission.ACKNOWLEDGE_STAGE_1 if stage.number == 1 else Permission.ACKNOWLEDGE_STAGE_2
        )
        if not allows(actor.role, needed):
            raise NotPermitted(_l("You do not have permission to do that."))
        point = DefinitionPoint(
            number=max((p.number for p in stage.points), default=0) + 1,
            text=text,
            outcome_sought=outcome_sought,
            raised_on=step.on,
            added_at=step.at,
            added_by_id=actor.staff_user_id,
        )
        stage.points.append(point)
        facts = {"stage": stage.number, "number": point.number, "text": text}
        step.details = {**facts, "outcome_sought": outcome_sought}
        step.notice("definition_point_added", {**facts, "respond_by": stage.respond_by})
    return point


def _received_at(point: DefinitionPoint, now: datetime) -> datetime:
    """When the new complaint counts as received: the day the point was raised."""
    if point.raised_on >= clock.local_date(now):
        return now
    return datetime.combine(point.raised_on, time(12), tzinfo=clock.LONDON)


def split_point(
    actor: Actor,
    complaint: Complaint,
    *,
    point_id,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Complaint:
    """An unrelated point becomes a new complaint with its own reference: the same
    complainant, representative and consent, received the day the point was raised, linked
    to this one; the point is marked as moved (Code 6.8). Returns the new complaint."""
    with making(actor, complaint, Move.SPLIT_POINT, expected_version, at, notify) as step:
        stage = complaint.current
        live = stage.live_points
        point = next((p for p in live if str(p.id) == str(point_id)), None)
        if point is None:
            raise _refuse("point_id", _l("Select the point to move to a new complaint"))
        if len(live) == 1:
            raise _refuse(
                "point_id",
                _l("The complaint must keep at least one point: add one before moving this"),
            )
        new = submit_complaint(
            actor,
            complainant=complaint.complainant,
            service_area_codes=[area.service_area_code for area in complaint.service_areas],
            description=point.text,
            outcome_sought=complaint.outcome_sought,
            channel=complaint.channel,
            at=_received_at(point, step.at),
            notify=False,
        )
        if complaint.consent is not None:
            new.consent = Consent(
                representative=complaint.consent.representative,
                given_how=complaint.consent.given_how,
                given_on=complaint.consent.given_on,
                correspondence_to=complaint.consent.correspondence_to,
            )
        point.moved_to = new
        point.moved_at = step.at
        facts = {
            "stage": stage.number,
            "number": point.number,
            "text": point.text,
            "new_reference": new.reference,
        }
        step.details = facts
        record(
            new,
            actor,
            "split_from",
            new.status,
            step.at,
            {"from_reference": complaint.reference, "number": point.number},
        )
        if notify:
            # After the consent, so the representative hears too if the consent says so.
            queue_notice(new, "complaint_received", {"acknowledge_by": new.current.acknowledge_by})
        step.notice("definition_point_moved", facts)
    return new


def _action_of(complaint: Complaint, action_id):
    action = next((a for a in complaint.outstanding_actions if str(a.id) == str(action_id)), None)
    if action is None:
        raise IllegalMove(_l("That action is not part of this complaint."))
    if action.completed_on is not None:
        raise IllegalMove(_l("That action is already done."))
    return action


def update_action(
    actor: Actor,
    complaint: Complaint,
    *,
    action_id,
    text: str | None,
    complete: bool = False,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
):
    """Progress on an outstanding action, or its completion; the resident is sent the
    update (Code 6.6, 6.17)."""
    text = rules.update_text(text)
    with making(actor, complaint, Move.TRACK_ACTION, expected_version, at, notify) as step:
        action = _action_of(complaint, action_id)
        action.updates.append(
            ActionUpdate(text=text, recorded_at=step.at, recorded_by_id=actor.staff_user_id)
        )
        if complete:
            action.completed_on = step.on
            action.completed_by_id = actor.staff_user_id
        step.action = "action_completed" if complete else "action_updated"
        facts = {
            "what": action.what,
            "update": text,
            "due_on": action.due_on,
            "completed": complete,
        }
        step.details = facts
        step.notice("action_update", facts)
    return action


def complete_remedy(
    actor: Actor,
    complaint: Complaint,
    *,
    remedy_id,
    expected_version: int | None = None,
    at: datetime | None = None,
):
    """A remedy in the register is done (Code 7.3)."""
    with making(actor, complaint, Move.TRACK_ACTION, expected_version, at) as step:
        remedy = next((r for r in complaint.remedies if str(r.id) == str(remedy_id)), None)
        if remedy is None:
            raise IllegalMove(_l("That remedy is not part of this complaint."))
        if remedy.done_on is not None:
            raise IllegalMove(_l("That remedy is already done."))
        remedy.done_on = step.on
        remedy.done_by_id = actor.staff_user_id
        step.action = "remedy_done"
        step.details = {"kind": remedy.kind, "detail": remedy.detail, "due_on": remedy.due_on}
    return remedy


def complete_improvement(
    actor: Actor,
    complaint: Complaint,
    *,
    lesson_id,
    expected_version: int | None = None,
    at: datetime | None = None,
):
    """A service improvement a decision led to is done (Code 9.1-9.3)."""
    with making(actor, complaint, Move.TRACK_ACTION, expected_version, at) as step:
        lesson = next(
            (x for x in complaint.lessons if str(x.id) == str(lesson_id) and x.improvement_action),
            None,
        )
        if lesson is None:
            raise IllegalMove(_l("That improvement is not part of this complaint."))
        if lesson.improvement_done_on is not None:
            raise IllegalMove(_l("That improvement is already done."))
        lesson.improvement_done_on = step.on
        step.action = "improvement_done"
        step.details = {"improvement_action": lesson.improvement_action}
    return lesson
