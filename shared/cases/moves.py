"""The moves of a complaint. Each one locks the complaint, checks the move on the locked
row, changes it, stores the new deadlines, records the audit event and queues the notices,
then flushes. None commits: the caller wraps one or more moves in `shared.db.unit_of_work`,
so a request, a command or an import keeps all of it or none of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from shared import clock
from shared.cases import rules
from shared.cases.actors import Actor
from shared.cases.audit import record
from shared.cases.deadlines import refresh_deadlines
from shared.cases.exclusions import suggested_route
from shared.cases.handlers import why_not_handler
from shared.cases.models import (
    Complaint,
    ComplaintServiceArea,
    ComplaintStage,
    ComplaintStatus,
    Exclusion,
    ExclusionKind,
    Extension,
    ExtensionStatus,
)
from shared.cases.references import next_reference
from shared.cases.state_machine import Move, check_move
from shared.db import db
from shared.decisions import rules as decision_rules
from shared.decisions.models import DefinitionPoint
from shared.decisions.recording import record_decision
from shared.decisions.rules import Decision
from shared.errors import CaseChanged, InvalidInput
from shared.notices import queue_notice
from shared.people import representation
from shared.people.models import Consent, Correspondence, Person, StaffUser
from shared.people.permissions import Permission, allows
from shared.reference.calendar import council_calendar
from shared.reference.models import ServiceArea
from shared.reference.ombudsmen import ombudsman_for
from shared.sla import get_policy


@dataclass(frozen=True)
class NewRepresentative:
    """Someone acting for the complainant, and the consent they act on (Code 1.3)."""

    name: str
    role: str
    consent_given_how: str
    consent_given_on: date
    correspondence_to: str = Correspondence.BOTH
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    preferred_language: str = "en"


@dataclass(frozen=True)
class NewComplainant:
    """The person complaining, as given on the form or by staff logging a complaint."""

    name: str
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    postcode: str | None = None
    preferred_language: str = "en"
    contact_method: str = "email"
    contact_format: str = "standard"


def lock(complaint: Complaint, expected_version: int | None = None) -> Complaint:
    """Reload the complaint under a row lock (PostgreSQL `FOR UPDATE`; SQLite relies on the
    version counter) and refuse if it changed since the page the request came from."""
    # The lock is on the complaint row alone (its eager joins cannot take FOR UPDATE).
    db.session.execute(select(Complaint.id).where(Complaint.id == complaint.id).with_for_update())
    db.session.refresh(complaint)
    if expected_version is not None and complaint.version != expected_version:
        raise CaseChanged()
    return complaint


class _Step:
    """One move under way on a locked complaint: what it records and what it sends."""

    def __init__(self, complaint: Complaint, rule, at: datetime, calendar):
        self.complaint = complaint
        self.at = at
        self.on = clock.local_date(at)
        self.from_status = complaint.status
        self._rule = rule
        self.calendar = calendar
        self._settled = False
        self.details: dict = {}
        self.action: str | None = None  # what the audit trail calls it, if not the move
        self.notices: list[tuple[str, dict]] = []

    def settle(self) -> None:
        """The new status and the deadlines it brings; facts read after this see them."""
        if self._rule.to_status is not None:
            self.complaint.status = self._rule.to_status
        refresh_deadlines(self.complaint, self.calendar)
        self._settled = True

    def notice(self, kind: str, facts: dict | None = None) -> None:
        self.notices.append((kind, facts or {}))


@contextmanager
def _making(
    actor: Actor,
    complaint: Complaint,
    move: Move,
    expected_version: int | None,
    at: datetime | None,
    notify: bool = True,
) -> Iterator[_Step]:
    """Lock, check the move on the locked row, let the body change the complaint; then the
    new status and deadlines, the audit event and the notices, and a flush."""
    at = at or clock.now()
    calendar = council_calendar()  # read first: its query must not flush half-made changes
    lock(complaint, expected_version)
    step = _Step(complaint, check_move(complaint, move, actor), at, calendar)
    yield step
    if not step._settled:
        step.settle()
    # Touch the complaint, so a change to its records alone still moves its version on.
    complaint.updated_at = step.at
    record(complaint, actor, step.action or move, step.from_status, at, step.details or None)
    if notify:
        for kind, facts in step.notices:
            queue_notice(complaint, kind, facts)
    db.session.flush()


# For records that hang off a complaint in other packages (the Ombudsman's, say): the same
# lock, version check, permission check, audit event and flush as a move.
making = _making


def submission_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def complaint_from_submission(token: str | None) -> Complaint | None:
    """The complaint a form with this one-time token already made, if any."""
    if not token:
        return None
    return db.session.scalar(
        select(Complaint).where(Complaint.submission_token_hash == submission_token_hash(token))
    )


def _service_areas(codes: Sequence[str]) -> list[ServiceArea]:
    codes = list(dict.fromkeys(c for c in codes if c))
    areas = [db.session.get(ServiceArea, code) for code in codes]
    if not areas or any(area is None or not area.active for area in areas):
        message = _l("Select the service your complaint is about")
        raise InvalidInput(message, {"service_area_code": str(message)})
    return areas


def submit_complaint(
    actor: Actor,
    *,
    complainant: NewComplainant | Person,
    service_area_codes: Sequence[str],
    description: str,
    outcome_sought: str,
    representative: NewRepresentative | None = None,
    channel: str = "online",
    submission_token: str | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Complaint:
    """Receive a complaint: stage 1 opens and its deadlines are set from the main area's policy.

    The first service area is the main one. A private tracking link goes out with the
    "received" notice; the confirmation page issues its own.
    """
    check_move(None, Move.SUBMIT, actor)
    if isinstance(complainant, NewComplainant):
        name = rules.complainant_name(complainant.name)
        email = rules.email_address(complainant.email) if complainant.email else None
    what_happened = rules.description(description)
    wanted = rules.outcome_sought(outcome_sought)
    areas = _service_areas(service_area_codes)
    main_area = areas[0]
    at = at or clock.now()
    if representative is not None:
        representation.check(representative, received_on=clock.local_date(at))
    # Read before anything is added to the session, so no query flushes a half-made row.
    calendar = council_calendar()
    received_on = clock.local_date(at)

    with db.session.no_autoflush:
        # Someone the council already knows keeps one record across their complaints.
        person = (
            complainant
            if isinstance(complainant, Person)
            else Person(
                name=name,
                email=email,
                phone=complainant.phone,
                address=complainant.address,
                postcode=complainant.postcode,
                preferred_language=complainant.preferred_language,
                contact_method=complainant.contact_method,
                contact_format=complainant.contact_format,
            )
        )
        complaint = Complaint(
            status=ComplaintStatus.RECEIVED,
            current_stage=1,
            complainant=person,
            service_area=main_area,
            service_area_code=main_area.code,
            sla_policy=main_area.sla_policy,
            is_housing_landlord=main_area.is_housing_landlord,
            touches_housing_landlord=any(area.is_housing_landlord for area in areas),
            channel=channel,
            description=what_happened,
            outcome_sought=wanted,
            received_at=at,
            received_on=received_on,
            submission_token_hash=(
                submission_token_hash(submission_token) if submission_token else None
            ),
        )
        complaint.service_areas = [
            ComplaintServiceArea(service_area=area, service_area_code=area.code, position=i)
            for i, area in enumerate(areas)
        ]
        complaint.stages.append(
            ComplaintStage(
                number=1,
                started_on=received_on,
                acknowledge_by=received_on,
                respond_by=received_on,
                latest_extended_respond_by=received_on,
                extension_working_days=0,
            )
        )
        db.session.add(complaint)
        if representative is not None:
            complaint.consent = Consent(
                representative=representation.find_or_add(representative),
                given_how=representative.consent_given_how,
                given_on=representative.consent_given_on,
                correspondence_to=representative.correspondence_to,
            )
        refresh_deadlines(complaint, calendar)
        record(
            complaint,
            actor,
            Move.SUBMIT,
            None,
            at,
            {"channel": channel, "representative_role": representative.role}
            if representative
            else {"channel": channel},
        )
        if notify:
            queue_notice(
                complaint,
                "complaint_received",
                {"acknowledge_by": complaint.current.acknowledge_by},
            )
        # Last: the counter row stays locked from here to the caller's commit.
        complaint.reference = next_reference(received_on.year)
    db.session.flush()
    return complaint


def acknowledge(
    actor: Actor,
    complaint: Complaint,
    *,
    definition_points: Sequence[str],
    outcomes_sought: Sequence[str],
    responsible_for: str | None = None,
    not_responsible_for: str | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Complaint:
    """Acknowledge stage 1 with the complaint definition; the response date is now fixed."""
    return _acknowledge_stage(
        actor,
        complaint,
        Move.ACKNOWLEDGE,
        definition_points,
        outcomes_sought,
        expected_version,
        at,
        notify,
        responsible_for,
        not_responsible_for,
    )


def acknowledge_stage_two(
    actor: Actor,
    complaint: Complaint,
    *,
    definition_points: Sequence[str],
    outcomes_sought: Sequence[str],
    responsible_for: str | None = None,
    not_responsible_for: str | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Complaint:
    return _acknowledge_stage(
        actor,
        complaint,
        Move.ACKNOWLEDGE_STAGE_2,
        definition_points,
        outcomes_sought,
        expected_version,
        at,
        notify,
        responsible_for,
        not_responsible_for,
    )


def _acknowledge_stage(
    actor,
    complaint,
    move,
    points,
    outcomes_sought,
    expected_version,
    at,
    notify,
    responsible_for=None,
    not_responsible_for=None,
) -> Complaint:
    points = rules.definition_points(points)
    outcomes_sought = rules.outcomes_sought(outcomes_sought)
    responsible_for = decision_rules.optional_long_text(responsible_for, "responsible_for")
    not_responsible_for = decision_rules.optional_long_text(
        not_responsible_for, "not_responsible_for"
    )
    with _making(actor, complaint, move, expected_version, at, notify) as step:
        stage = complaint.current
        stage.acknowledged_on = step.on
        stage.acknowledged_by_id = actor.staff_user_id
        stage.outcomes_sought = outcomes_sought
        stage.responsible_for = responsible_for
        stage.not_responsible_for = not_responsible_for
        # Each point a record of its own, that findings and remedies refer to.
        raised_on = complaint.received_on if stage.number == 1 else stage.started_on
        for number, text in enumerate(points, start=1):
            stage.points.append(DefinitionPoint(number=number, text=text, raised_on=raised_on))
        step.settle()
        step.details = {
            "stage": stage.number,
            "definition": stage.definition,
            "respond_by": stage.respond_by,
        }
        kind = "stage_1_acknowledgement" if stage.number == 1 else "stage_2_acknowledgement"
        step.notice(kind, {"stage": stage.number, "respond_by": stage.respond_by})
    return complaint


def respond(
    actor: Actor,
    complaint: Complaint,
    *,
    outcome: str,
    reasons: str,
    decision: Decision | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Complaint:
    """Send the stage 1 response: the decision with its reasons. With ``decision`` (the
    decision page), a finding and reasons on every point, the remedies, the outstanding
    actions and the lessons learned are recorded with it."""
    return _respond_stage(
        actor, complaint, Move.RESPOND, outcome, reasons, expected_version, at, notify, decision
    )


def respond_stage_two(
    actor: Actor,
    complaint: Complaint,
    *,
    outcome: str,
    reasons: str,
    decision: Decision | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Complaint:
    """Send the council's final response. The reviewer must be independent of stage 1."""
    return _respond_stage(
        actor,
        complaint,
        Move.RESPOND_STAGE_2,
        outcome,
        reasons,
        expected_version,
        at,
        notify,
        decision,
    )


def _respond_stage(
    actor, complaint, move, outcome, reasons, expected_version, at, notify, decision=None
) -> Complaint:
    outcome = rules.outcome(outcome)
    reasons = rules.decision_reasons(reasons)
    with _making(actor, complaint, move, expected_version, at, notify) as step:
        stage = complaint.current
        facts = {"stage": stage.number, "outcome": outcome}
        if decision is not None:
            # Checked on the locked row: the points are the ones this decision answers.
            checked = decision_rules.check_decision(stage.live_points, outcome, decision, step.on)
            facts |= record_decision(complaint, stage, checked, step.at, step.on)
        stage.responded_on = step.on
        stage.responder_id = actor.staff_user_id
        stage.outcome = outcome
        stage.decision_reasons = reasons
        step.settle()
        step.details = {
            "stage": stage.number,
            "outcome": outcome,
            "within_timescale": stage.responded_on <= stage.respond_by,
        }
        if decision is not None:
            step.details["findings"] = facts["findings"]
            step.details["remedies"] = len(facts["remedies"])
            step.details["actions"] = len(facts["outstanding_actions"])
        if stage.number == 2:
            # The final response ends with the right Ombudsman (Code 6.19).
            facts["ombudsman"] = ombudsman_for(complaint.is_housing_landlord)["code"]
        kind = "stage_1_response" if stage.number == 1 else "stage_2_response"
        step.notice(kind, facts)
    return complaint


def request_stage_two(
    actor: Actor,
    complaint: Complaint,
    *,
    reason: str | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Complaint:
    """The resident asks for an independent review. A reason is welcome, never required."""
    reason = rules.escalation_reason(reason)
    with _making(actor, complaint, Move.REQUEST_STAGE_2, expected_version, at, notify) as step:
        complaint.stages.append(
            ComplaintStage(
                number=2,
                started_on=step.on,
                escalation_reason=reason,
                acknowledge_by=step.on,
                respond_by=step.on,
                latest_extended_respond_by=step.on,
                extension_working_days=0,
            )
        )
        complaint.current_stage = 2
        complaint.closed_at = None
        step.settle()
        step.details = {"reason_given": bool(reason)}
        step.notice("stage_2_requested", {"acknowledge_by": complaint.current.acknowledge_by})
    return complaint


def close(
    actor: Actor,
    complaint: Complaint,
    *,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Complaint:
    with _making(actor, complaint, Move.CLOSE, expected_version, at) as step:
        complaint.closed_at = step.at
    return complaint


def withdraw(
    actor: Actor,
    complaint: Complaint,
    *,
    reason: str | None = None,
    how: str = "online",
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Complaint:
    """The resident withdraws the complaint; how they told us is recorded with it."""
    reason = rules.escalation_reason(reason) or ""
    how = rules.channel(how)
    with _making(actor, complaint, Move.WITHDRAW, expected_version, at, notify) as step:
        complaint.closed_at = step.at
        step.details = {"reason": reason, "how": how}
        step.notice("complaint_withdrawn")
    return complaint


def extend(
    actor: Actor,
    complaint: Complaint,
    *,
    working_days,
    reason: str,
    good_reason: str | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Extension:
    """More time for the current stage's response. Within the policy's cap it is in force at
    once and the resident is told the new date and why; beyond the cap it needs a recorded
    good reason and waits for a complaints manager's approval, unless a manager asks."""
    days = rules.extension_working_days(working_days)
    reason = rules.extension_reason(reason)
    with _making(actor, complaint, Move.EXTEND, expected_version, at, notify) as step:
        stage = complaint.current
        cap = get_policy(complaint.sla_policy).stage(stage.number).extension_cap_working_days
        beyond_cap = stage.extension_working_days + days > cap
        extension = Extension(
            stage_number=stage.number,
            working_days=days,
            from_respond_by=stage.respond_by,
            to_respond_by=step.calendar.add_working_days(stage.respond_by, days),
            reason=reason,
            beyond_cap=beyond_cap,
            good_reason=rules.good_reason(good_reason) if beyond_cap else None,
            asked_by_id=actor.staff_user_id,
            asked_at=step.at,
        )
        complaint.extensions.append(extension)
        if beyond_cap and not allows(actor.role, Permission.APPROVE_EXTENSION):
            extension.status = ExtensionStatus.AWAITING_APPROVAL
            step.action = "extension_requested"
        else:
            _put_in_force(step, extension, actor)
        step.details = _extension_details(extension)
    return extension


def decide_extension(
    actor: Actor,
    complaint: Complaint,
    *,
    approve: bool,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Extension:
    """A complaints manager approves or refuses the extension waiting beyond the cap."""
    with _making(actor, complaint, Move.DECIDE_EXTENSION, expected_version, at, notify) as step:
        extension = next(
            e for e in complaint.extensions if e.status == ExtensionStatus.AWAITING_APPROVAL
        )
        if approve:
            _put_in_force(step, extension, actor)
            step.action = "extension_approved"
        else:
            step.action = "extension_refused"
            extension.status = ExtensionStatus.REFUSED
            extension.decided_by_id = actor.staff_user_id
            extension.decided_at = step.at
        step.details = _extension_details(extension)
    return extension


def _put_in_force(step: _Step, extension: Extension, actor: Actor) -> None:
    stage = step.complaint.current
    extension.status = ExtensionStatus.IN_FORCE
    extension.decided_by_id = actor.staff_user_id
    extension.decided_at = step.at
    extension.from_respond_by = stage.respond_by
    stage.extension_working_days += extension.working_days
    step.settle()
    extension.to_respond_by = stage.respond_by
    step.notice(
        "extension",
        {"stage": stage.number, "respond_by": stage.respond_by, "reason": extension.reason},
    )


def _extension_details(extension: Extension) -> dict:
    return {
        "stage": extension.stage_number,
        "working_days": extension.working_days,
        "from_respond_by": extension.from_respond_by,
        "to_respond_by": extension.to_respond_by,
        "reason": extension.reason,
        "beyond_cap": extension.beyond_cap,
        "good_reason": extension.good_reason,
        "status": str(extension.status),
    }


def not_accept(
    actor: Actor,
    complaint: Complaint,
    *,
    reasons: Sequence[str],
    explanation: str,
    alternative_route: str | None = None,
    discretion_considered=None,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Exclusion:
    """Decide not to accept a complaint, with the reasons, an explanation on its own facts and
    the route the resident can take instead; they are told, with their right to go to the
    Ombudsman (Code 2.4)."""
    reasons = rules.exclusion_reasons(reasons)
    explanation = rules.exclusion_explanation(explanation)
    route = rules.alternative_route(alternative_route)
    discretion = rules.discretion_considered(discretion_considered, reasons)
    with _making(actor, complaint, Move.NOT_ACCEPT, expected_version, at, notify) as step:
        exclusion = _exclude(
            step, actor, ExclusionKind.NOT_ACCEPTED, reasons, explanation, route, discretion
        )
    return exclusion


def treat_as_service_request(
    actor: Actor,
    complaint: Complaint,
    *,
    explanation: str,
    alternative_route: str | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Exclusion:
    """A first request for a service, passed to the service; the resident is told how to
    complain if they are still unhappy afterwards."""
    explanation = rules.exclusion_explanation(explanation)
    route = rules.alternative_route(alternative_route)
    move = Move.TREAT_AS_SERVICE_REQUEST
    with _making(actor, complaint, move, expected_version, at, notify) as step:
        exclusion = _exclude(
            step, actor, ExclusionKind.SERVICE_REQUEST, ["service_request"], explanation, route
        )
    return exclusion


def _exclude(step, actor, kind, reasons, explanation, route, discretion=None) -> Exclusion:
    complaint = step.complaint
    # The resident is always told where to go instead (Code 2.4).
    route = route or suggested_route(reasons) or None
    complaint.closed_at = step.at
    exclusion = Exclusion(
        kind=kind,
        reasons=reasons,
        explanation=explanation,
        alternative_route=route,
        discretion_considered=discretion,
        decided_by_id=actor.staff_user_id,
        decided_at=step.at,
    )
    complaint.exclusions.append(exclusion)
    facts = {"reasons": reasons, "explanation": explanation, "alternative_route": route}
    step.details = {**facts, "discretion_considered": discretion}
    step.notice(str(kind), facts)
    return exclusion


def reverse_exclusion(
    actor: Actor,
    complaint: Complaint,
    *,
    reason: str,
    expected_version: int | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Exclusion:
    """A complaints manager takes the complaint on after all (for instance when the Ombudsman
    says so). Stage 1's clock starts again today; the decision stays on record."""
    reason = rules.reversal_reason(reason)
    with _making(actor, complaint, Move.REVERSE_EXCLUSION, expected_version, at, notify) as step:
        exclusion = complaint.exclusion_in_force
        exclusion.reversed_by_id = actor.staff_user_id
        exclusion.reversed_at = step.at
        exclusion.reversal_reason = reason
        complaint.closed_at = None
        complaint.stage(1).started_on = step.on
        step.settle()
        step.details = {"reason": reason, "acknowledge_by": complaint.current.acknowledge_by}
        step.notice("exclusion_reversed", {"acknowledge_by": complaint.current.acknowledge_by})
    return exclusion


def assign(
    actor: Actor,
    complaint: Complaint,
    *,
    handler_id,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Complaint:
    """Give the complaint to a handler who may answer its current stage, has declared no
    conflict of interest in it and, at stage 2, did not act on stage 1."""
    with _making(actor, complaint, Move.ASSIGN, expected_version, at) as step:
        handler = (
            db.session.get(StaffUser, int(handler_id)) if str(handler_id or "").isdigit() else None
        )
        refused = why_not_handler(complaint, handler)
        if refused is not None:
            raise InvalidInput(refused, {"handler": str(refused)})
        step.details = {
            "from": complaint.handler_id,
            "to": handler.id,
            "stage": complaint.current_stage,
        }
        complaint.handler_id = handler.id
    return complaint
