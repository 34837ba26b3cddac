"""Recording the Ombudsman's look at a complaint: the enquiry, the information sent, the
determination, and orders and recommendations followed to completion. Each change locks the
complaint, is checked against the permission table and written to its audit trail."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from shared.cases.actors import Actor
from shared.cases.models import Complaint
from shared.cases.moves import making
from shared.cases.state_machine import Move
from shared.errors import IllegalMove
from shared.ombudsman import rules
from shared.ombudsman.models import OmbudsmanCase, OmbudsmanOrder

MOVE = Move.RECORD_OMBUDSMAN_CASE


def open_case(
    actor: Actor,
    complaint: Complaint,
    *,
    ombudsman: str,
    their_reference: str | None,
    enquiry_on: date | None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> OmbudsmanCase:
    """The Ombudsman has been in touch about this complaint."""
    ombudsman = rules.ombudsman(ombudsman)
    their_reference = rules.their_reference(their_reference)
    with making(actor, complaint, MOVE, expected_version, at) as step:
        enquiry_on = rules.not_in_the_future(enquiry_on, step.on, "enquiry_on")
        case = OmbudsmanCase(
            ombudsman=ombudsman,
            their_reference=their_reference,
            enquiry_on=enquiry_on,
            opened_by_id=actor.staff_user_id,
            opened_at=step.at,
        )
        complaint.ombudsman_cases.append(case)
        step.action = "ombudsman_case_opened"
        step.details = {
            "ombudsman": ombudsman,
            "their_reference": their_reference,
            "enquiry_on": enquiry_on,
        }
    return case


def record_information_sent(
    actor: Actor,
    case: OmbudsmanCase,
    *,
    sent_on: date | None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> OmbudsmanCase:
    with making(actor, case.complaint, MOVE, expected_version, at) as step:
        case.information_sent_on = rules.not_in_the_future(sent_on, step.on, "sent_on")
        step.action = "ombudsman_information_sent"
        step.details = {"case": case.id, "sent_on": case.information_sent_on}
    return case


def record_determination(
    actor: Actor,
    case: OmbudsmanCase,
    *,
    determination: str,
    determined_on: date | None,
    summary: str | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> OmbudsmanCase:
    determination = rules.determination(determination, case.ombudsman)
    summary = rules.summary(summary)
    with making(actor, case.complaint, MOVE, expected_version, at) as step:
        case.determined_on = rules.not_in_the_future(determined_on, step.on, "determined_on")
        case.determination = determination
        case.determination_summary = summary
        step.action = "ombudsman_determination"
        step.details = {
            "case": case.id,
            "determination": determination,
            "determined_on": case.determined_on,
        }
    return case


def add_order(
    actor: Actor,
    case: OmbudsmanCase,
    *,
    kind: str,
    description: str,
    due_on: date | None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> OmbudsmanOrder:
    kind = rules.order_kind(kind)
    description = rules.order_description(description)
    if due_on is None:
        raise rules.refuse("due_on", _l("Enter the date it is due"))
    with making(actor, case.complaint, MOVE, expected_version, at) as step:
        order = OmbudsmanOrder(kind=kind, description=description, due_on=due_on)
        case.orders.append(order)
        step.action = "ombudsman_order_added"
        step.details = {"case": case.id, "kind": kind, "description": description, "due_on": due_on}
    return order


def complete_order(
    actor: Actor,
    order: OmbudsmanOrder,
    *,
    completed_on: date | None,
    evidence: str,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> OmbudsmanOrder:
    evidence = rules.evidence(evidence)
    complaint = order.case.complaint
    with making(actor, complaint, MOVE, expected_version, at) as step:
        if order.completed_on is not None:
            raise IllegalMove(_l("This has already been recorded as done."))
        order.completed_on = rules.not_in_the_future(completed_on, step.on, "completed_on")
        order.evidence = evidence
        step.action = "ombudsman_order_completed"
        step.details = {"order": order.id, "completed_on": order.completed_on}
    return order
