"""The complaint lifecycle: every legal move, every illegal one refused with nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from shared import cases
from shared.cases import (
    Actor,
    IllegalMove,
    InvalidInput,
    Move,
    NewComplainant,
    NotPermitted,
    moves,
    moves_available,
)
from shared.cases.audit import AuditEvent, AuditEventIsAppendOnly
from shared.cases.models import Complaint
from shared.db import db, unit_of_work
from shared.notices.models import OutboxMessage
from shared.people.models import Person
from tests import committed as lifecycle
from tests.factories import acknowledge, assign_to, at, make_staff, respond, submit


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def snapshot(complaint: Complaint) -> tuple:
    db.session.expire_all()
    fresh = db.session.get(Complaint, complaint.id)
    return (
        fresh.status,
        fresh.current_stage,
        fresh.next_deadline,
        len(fresh.stages),
        count(AuditEvent),
        count(OutboxMessage),
    )


def outbox_kinds(complaint: Complaint) -> list[str]:
    return list(
        db.session.scalars(
            select(OutboxMessage.kind)
            .where(OutboxMessage.complaint_id == complaint.id)
            .order_by(OutboxMessage.id)
        )
    )


def test_the_whole_path_stores_deadlines_audit_events_and_notices(app):
    officer = make_staff("complaints_officer")
    investigator = make_staff("investigating_officer")
    reviewer = make_staff("reviewer")

    # Friday 19 December 2025: Christmas Day and Boxing Day are not working days.
    complaint = submit(received="2025-12-19 14:00").complaint
    stage1 = complaint.stage(1)
    assert complaint.reference == "CMP-2025-000001"
    assert complaint.status == "received"
    assert complaint.received_on == date(2025, 12, 19)
    assert stage1.acknowledge_by == date(2025, 12, 30)
    # Projected from the acknowledgement deadline until it is acknowledged.
    assert stage1.respond_by == date(2026, 1, 14)
    assert complaint.next_deadline == date(2025, 12, 30)

    acknowledge(complaint, officer, on="2025-12-22 09:00")
    assert complaint.status == "acknowledged"
    assert stage1.acknowledged_on == date(2025, 12, 22)
    # 10 working days after Monday 22 December: 23, 24, 29, 30, 31, 2, 5, 6, 7, 8 January.
    assert stage1.respond_by == date(2026, 1, 8)
    assert stage1.latest_extended_respond_by == date(2026, 1, 22)
    assert complaint.next_deadline == date(2026, 1, 8)

    respond(complaint, investigator, on="2026-01-07 16:00", outcome="partially_upheld")
    assert complaint.status == "responded"
    assert complaint.next_deadline is None

    lifecycle.request_stage_two(Actor.resident(), complaint, at=at("2026-01-09 12:00"))
    stage2 = complaint.stage(2)
    assert complaint.status == "stage_2_requested"
    assert complaint.current_stage == 2
    assert stage2.escalation_reason is None
    assert stage2.acknowledge_by == date(2026, 1, 16)
    assert complaint.next_deadline == date(2026, 1, 16)

    acknowledge(complaint, officer, on="2026-01-12 10:00", stage=2)
    # 20 working days after Monday 12 January 2026.
    assert stage2.respond_by == date(2026, 2, 9)
    assert stage2.latest_extended_respond_by == date(2026, 3, 9)

    respond(complaint, reviewer, on="2026-02-02 10:00", stage=2, outcome="upheld")
    assert complaint.status == "stage_2_responded"

    lifecycle.close(Actor.staff(officer), complaint, at=at("2026-02-03 10:00"))
    assert complaint.status == "closed"
    assert complaint.closed_at == at("2026-02-03 10:00")

    db.session.expire_all()
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.complaint_id == complaint.id).order_by(AuditEvent.id)
    ).all()
    assert [(e.action, e.from_status, e.to_status) for e in events] == [
        ("submit", None, "received"),
        ("acknowledge", "received", "acknowledged"),
        # The investigating officer answers what is assigned to them.
        ("assign", "acknowledged", "acknowledged"),
        ("respond", "acknowledged", "responded"),
        ("request_stage_2", "responded", "stage_2_requested"),
        ("acknowledge_stage_2", "stage_2_requested", "stage_2_acknowledged"),
        ("respond_stage_2", "stage_2_acknowledged", "stage_2_responded"),
        ("close", "stage_2_responded", "closed"),
    ]
    assert [e.actor_kind for e in events] == [
        "resident",
        "staff",
        "staff",
        "staff",
        "resident",
        "staff",
        "staff",
        "staff",
    ]
    assert events[1].staff_user_id == officer.id
    assert events[3].details["within_timescale"] is True
    assert events[1].details["definition"]["points"] == [
        "The boiler was not repaired within the target time."
    ]
    assert outbox_kinds(complaint) == [
        "complaint_received",
        "stage_1_acknowledgement",
        "stage_1_response",
        "stage_2_requested",
        "stage_2_acknowledgement",
        "stage_2_response",
    ]


def test_a_complaint_received_late_on_a_summer_evening_counts_from_the_uk_date(app):
    # 23:30 UTC on 1 July is 00:30 on 2 July in London (BST).
    summer = submit(received="2025-07-01 23:30").complaint
    assert summer.received_on == date(2025, 7, 2)
    assert summer.stage(1).acknowledge_by == date(2025, 7, 9)
    # In winter London is on UTC: 23:30 UTC on 5 February stays 5 February.
    winter = submit(received="2025-02-05 23:30").complaint
    assert winter.received_on == date(2025, 2, 5)
    assert winter.stage(1).acknowledge_by == date(2025, 2, 12)


def test_a_service_area_on_the_corporate_policy_answers_15_working_days_after_receipt(app):
    officer = make_staff("complaints_officer")
    complaint = submit(received="2025-04-14 10:00", service_area_code="parking").complaint
    assert complaint.sla_policy == "corporate-2019"
    # Good Friday 18 April and Easter Monday 21 April 2025 are bank holidays; 5 May too.
    assert complaint.stage(1).acknowledge_by == date(2025, 4, 23)
    assert complaint.stage(1).respond_by == date(2025, 5, 8)
    acknowledge(complaint, officer, on="2025-04-15 10:00")
    # Counts from receipt, so acknowledging early moves nothing.
    assert complaint.stage(1).respond_by == date(2025, 5, 8)


def test_references_are_sequential_per_year(app):
    first = submit(received="2025-12-31 10:00").complaint
    second = submit(received="2025-12-31 11:00").complaint
    new_year = submit(received="2026-01-02 09:00").complaint
    assert [first.reference, second.reference, new_year.reference] == [
        "CMP-2025-000001",
        "CMP-2025-000002",
        "CMP-2026-000001",
    ]


# -- illegal moves -----------------------------------------------------------------------------

STAFF_MOVES = {
    "acknowledge": lambda c, s: acknowledge(c, s, on="2025-03-04 10:00"),
    "respond": lambda c, s: respond(c, s, on="2025-03-05 10:00"),
    "acknowledge_stage_2": lambda c, s: acknowledge(c, s, on="2025-03-06 10:00", stage=2),
    "respond_stage_2": lambda c, s: respond(c, s, on="2025-03-07 10:00", stage=2),
    "close": lambda c, s: lifecycle.close(Actor.staff(s), c),
    "request_stage_2": lambda c, s: lifecycle.request_stage_two(
        Actor.resident(), c, at=at("2025-03-05 18:00")
    ),
    "withdraw": lambda c, s: lifecycle.withdraw(Actor.resident(), c),
}

# The moves that are legal from each state; every other one must be refused.
LEGAL = {
    "received": {"acknowledge", "withdraw"},
    "acknowledged": {"respond", "withdraw"},
    "responded": {"request_stage_2", "close", "withdraw"},
    "stage_2_requested": {"acknowledge_stage_2", "withdraw"},
    "stage_2_acknowledged": {"respond_stage_2", "withdraw"},
    "stage_2_responded": {"close", "withdraw"},
    "closed": {"request_stage_2"},
    "withdrawn": set(),
}


def complaint_in(status: str, manager, reviewer) -> Complaint:
    complaint = submit().complaint
    steps = {
        "received": [],
        "acknowledged": ["acknowledge"],
        "responded": ["acknowledge", "respond"],
        "stage_2_requested": ["acknowledge", "respond", "request_stage_2"],
        "stage_2_acknowledged": [
            "acknowledge",
            "respond",
            "request_stage_2",
            "acknowledge_stage_2",
        ],
        "stage_2_responded": [
            "acknowledge",
            "respond",
            "request_stage_2",
            "acknowledge_stage_2",
            "respond_stage_2",
        ],
        "closed": ["acknowledge", "respond", "close"],
        "withdrawn": ["withdraw"],
    }[status]
    for step in steps:
        STAFF_MOVES[step](complaint, reviewer if step == "respond_stage_2" else manager)
    assert complaint.status == status
    return complaint


@pytest.mark.parametrize("status", list(LEGAL))
def test_every_illegal_move_is_refused_and_writes_nothing(app, status):
    manager = make_staff("complaints_manager")
    reviewer = make_staff("reviewer")
    complaint = complaint_in(status, manager, reviewer)
    for move in sorted(set(STAFF_MOVES) - LEGAL[status]):
        before = snapshot(complaint)
        with pytest.raises(IllegalMove):
            STAFF_MOVES[move](complaint, reviewer if move == "respond_stage_2" else manager)
        assert snapshot(complaint) == before, move


def test_stage_two_can_be_asked_for_only_once(app):
    manager = make_staff("complaints_manager")
    reviewer = make_staff("reviewer")
    complaint = complaint_in("stage_2_responded", manager, reviewer)
    lifecycle.close(Actor.staff(manager), complaint)
    before = snapshot(complaint)
    with pytest.raises(IllegalMove, match="already been asked for"):
        lifecycle.request_stage_two(Actor.resident(), complaint)
    assert snapshot(complaint) == before


@pytest.mark.parametrize(
    ("role", "move"),
    [
        ("reviewer", "respond"),
        ("investigating_officer", "respond_stage_2"),
        ("investigating_officer", "close"),
        ("reviewer", "acknowledge"),
    ],
)
def test_staff_without_the_role_are_refused(app, role, move):
    manager = make_staff("complaints_manager")
    reviewer = make_staff("reviewer")
    start = {
        "respond": "acknowledged",
        "respond_stage_2": "stage_2_acknowledged",
        "close": "responded",
        "acknowledge": "received",
    }[move]
    complaint = complaint_in(start, manager, reviewer)
    someone = make_staff(role)
    before = snapshot(complaint)
    with pytest.raises(NotPermitted):
        STAFF_MOVES[move](complaint, someone)
    assert snapshot(complaint) == before


def test_a_resident_cannot_make_staff_moves(app):
    complaint = submit().complaint
    before = snapshot(complaint)
    with pytest.raises(NotPermitted):
        lifecycle.acknowledge(
            Actor.resident(), complaint, definition_points=["x"], outcomes_sought=["apology"]
        )
    assert snapshot(complaint) == before


def test_the_stage_two_reviewer_cannot_be_the_stage_one_responder(app):
    manager = make_staff("complaints_manager")
    complaint = submit().complaint
    acknowledge(complaint, manager, on="2025-03-04 10:00")
    respond(complaint, manager, on="2025-03-05 10:00")
    lifecycle.request_stage_two(Actor.resident(), complaint, at=at("2025-03-05 18:00"))
    acknowledge(complaint, manager, on="2025-03-06 10:00", stage=2)
    before = snapshot(complaint)
    with pytest.raises(NotPermitted, match="someone independent"):
        respond(complaint, manager, on="2025-03-07 10:00", stage=2)
    assert snapshot(complaint) == before
    respond(complaint, make_staff("reviewer"), on="2025-03-07 10:00", stage=2)
    assert complaint.status == "stage_2_responded"


def test_an_empty_definition_or_decision_is_refused_with_nothing_written(app):
    officer = make_staff("complaints_officer")
    complaint = submit().complaint
    before = snapshot(complaint)
    with pytest.raises(InvalidInput) as refused:
        lifecycle.acknowledge(
            Actor.staff(officer),
            complaint,
            definition_points=["  ", ""],
            outcomes_sought=["apology"],
        )
    assert "points" in refused.value.field_errors
    with pytest.raises(InvalidInput):
        lifecycle.acknowledge(
            Actor.staff(officer), complaint, definition_points=["a"], outcomes_sought=["money"]
        )
    assert snapshot(complaint) == before
    acknowledge(complaint, officer, on="2025-03-04 10:00")
    before = snapshot(complaint)
    with pytest.raises(InvalidInput):
        lifecycle.respond(Actor.staff(officer), complaint, outcome="upheld", reasons="   ")
    with pytest.raises(InvalidInput):
        lifecycle.respond(Actor.staff(officer), complaint, outcome="maybe", reasons="Because")
    assert snapshot(complaint) == before


def test_a_submission_with_missing_or_overlong_fields_writes_nothing(app):
    with pytest.raises(InvalidInput) as refused:
        submit(complainant_name="  ")
    assert "complainant_name" in refused.value.field_errors
    with pytest.raises(InvalidInput) as refused:
        submit(description="x" * 10_001)
    assert "description" in refused.value.field_errors
    with pytest.raises(InvalidInput):
        submit(service_area_code="no_such_service")
    assert count(Complaint) == 0 and count(AuditEvent) == 0 and count(OutboxMessage) == 0


# -- one transaction ---------------------------------------------------------------------------


def test_a_failure_after_the_state_change_rolls_back_state_audit_and_outbox(app, monkeypatch):
    officer = make_staff("complaints_officer")
    complaint = submit().complaint
    before = snapshot(complaint)

    def broken_queue(*args, **kwargs):
        # The status, deadlines and audit event are already in the session by now.
        assert complaint.status == "acknowledged"
        raise RuntimeError("mail template store unavailable")

    monkeypatch.setattr(moves, "queue_notice", broken_queue)
    with pytest.raises(RuntimeError):
        acknowledge(complaint, officer, on="2025-03-04 10:00")
    assert snapshot(complaint) == before
    assert db.session.get(Complaint, complaint.id).stage(1).acknowledged_on is None


def test_a_request_that_fails_after_its_move_keeps_nothing_not_even_the_reference(app):
    with pytest.raises(RuntimeError), unit_of_work():
        made = cases.submit_complaint(
            Actor.resident(),
            complainant=NewComplainant(name="Sam Resident", email="sam@example.com"),
            service_area_codes=["parking"],
            description="Fined while loading.",
            outcome_sought="Cancel the fine.",
            at=at("2025-03-03 10:00"),
        )
        # The move has flushed: its reference is taken and its rows written.
        assert made.reference == "CMP-2025-000001"
        raise RuntimeError("the request failed after the move")
    assert count(Complaint) == 0 and count(AuditEvent) == 0 and count(OutboxMessage) == 0
    assert count(Person) == 0
    # The reference number was not used up by the failed attempt.
    assert submit().complaint.reference == "CMP-2025-000001"


def test_two_moves_in_one_unit_of_work_are_kept_or_lost_together(app):
    officer = Actor.staff(make_staff("complaints_officer"))
    complaint = submit().complaint
    before = snapshot(complaint)

    def acknowledge_and_respond(reasons: str) -> None:
        with unit_of_work():
            cases.acknowledge(
                officer,
                complaint,
                definition_points=["The boiler was not repaired."],
                outcomes_sought=["apology"],
                at=at("2025-03-04 10:00"),
            )
            cases.respond(
                officer, complaint, outcome="upheld", reasons=reasons, at=at("2025-03-05 10:00")
            )

    # The second move fails: the first one is not kept either.
    with pytest.raises(InvalidInput):
        acknowledge_and_respond(reasons="")
    assert snapshot(complaint) == before

    acknowledge_and_respond(reasons="It was late.")
    assert snapshot(complaint)[0] == "responded"
    assert outbox_kinds(complaint) == [
        "complaint_received",
        "stage_1_acknowledgement",
        "stage_1_response",
    ]


def test_a_move_told_not_to_notify_queues_nothing(app):
    officer = make_staff("complaints_officer")
    with unit_of_work():
        complaint = cases.submit_complaint(
            Actor.staff(officer),
            complainant=NewComplainant(name="Sam Resident", email="sam@example.com"),
            service_area_codes=["parking"],
            description="Fined while loading.",
            outcome_sought="Cancel the fine.",
            channel="letter",
            at=at("2024-03-03 10:00"),
            notify=False,
        )
        cases.acknowledge(
            Actor.staff(officer),
            complaint,
            definition_points=["The fine."],
            outcomes_sought=["apology"],
            at=at("2024-03-04 10:00"),
            notify=False,
        )
    assert count(OutboxMessage) == 0
    assert count(AuditEvent) == 2


def test_audit_events_refuse_bulk_changes_in_the_database_itself(app):
    submit()
    for statement in ("UPDATE audit_events SET action = 'tampered'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(text(statement))
        db.session.rollback()
    assert db.session.scalars(select(AuditEvent.action)).one() == "submit"


def test_audit_events_cannot_be_changed_or_deleted(app):
    submit()
    event = db.session.scalars(select(AuditEvent)).one()
    event.action = "tampered"
    with pytest.raises(AuditEventIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.scalars(select(AuditEvent)).one())
    with pytest.raises(AuditEventIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    assert db.session.scalars(select(AuditEvent.action)).one() == "submit"


def test_nobody_who_acted_on_stage_one_may_answer_stage_two(app):
    acknowledger = make_staff("complaints_manager", name="Ada Acknowledged")
    responder = make_staff("complaints_manager", name="Bo Responded")
    independent = make_staff("reviewer", name="Cy Reviewer")
    complaint = submit().complaint
    acknowledge(complaint, acknowledger, on="2025-03-04 10:00")
    respond(complaint, responder, on="2025-03-10 10:00")
    lifecycle.request_stage_two(Actor.resident(), complaint, at=at("2025-03-11 10:00"))
    acknowledge(complaint, independent, on="2025-03-12 10:00", stage=2)

    for person in (acknowledger, responder):
        # Neither the one who wrote the stage 1 definition nor the one who answered it.
        assert Move.RESPOND_STAGE_2 not in moves_available(complaint, Actor.staff(person))
        with pytest.raises(NotPermitted, match="acted on this complaint at stage 1"):
            respond(complaint, person, on="2025-03-20 10:00", stage=2)
    respond(complaint, independent, on="2025-03-20 10:00", stage=2)
    assert db.session.get(Complaint, complaint.id).status == "stage_2_responded"


def test_an_investigating_officer_acts_only_on_stage_1_complaints_assigned_to_them(app):
    officer = make_staff("complaints_officer")
    investigator = make_staff("investigating_officer")
    complaint = submit(received="2025-03-03 10:00").complaint
    acknowledge(complaint, officer, on="2025-03-04 10:00")
    before = snapshot(complaint)
    with pytest.raises(NotPermitted, match="not assigned to you"):
        lifecycle.respond(
            Actor.staff(investigator), complaint, outcome="upheld", reasons="Late repair."
        )
    assert snapshot(complaint) == before

    assign_to(complaint, investigator)
    lifecycle.respond(Actor.staff(investigator), complaint, outcome="upheld", reasons="Late.")
    assert complaint.status == "responded"
    lifecycle.request_stage_two(Actor.resident(), complaint)
    # Still their name on it, but stage 2 is for an independent reviewer.
    assert complaint.handler_id == investigator.id
    with pytest.raises(NotPermitted, match="stage 2"):
        lifecycle.extend(Actor.staff(investigator), complaint, working_days=5, reason="More time")
