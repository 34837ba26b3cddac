"""Deciding a complaint as records: a finding on every point, remedies, outstanding actions
and lessons learned; adding and splitting points; following actions through; the figures
reports read. On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from shared import cases
from shared.cases import Actor, CaseChanged, IllegalMove, InvalidInput, NewRepresentative
from shared.cases.audit import AuditEvent
from shared.cases.models import Complaint
from shared.db import db, unit_of_work
from shared.decisions import figures, register
from shared.decisions import moves as decision_moves
from shared.decisions.models import DefinitionPoint, Lesson, OutstandingAction, Remedy
from shared.decisions.rules import Decision, NewRemedy, PointFinding
from shared.errors import NotPermitted
from shared.notices.models import OutboxMessage
from tests.decision_helpers import THREE_POINTS, acknowledge_three_points, decide, full_decision
from tests.factories import at, make_staff, submit


def reload(complaint: Complaint) -> Complaint:
    db.session.rollback()
    return db.session.get(Complaint, complaint.id)


def count(model, **where) -> int:
    query = select(func.count()).select_from(model)
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    return db.session.scalar(query)


def written() -> tuple:
    db.session.rollback()
    return tuple(
        count(model)
        for model in (Remedy, OutstandingAction, Lesson, AuditEvent, OutboxMessage, Complaint)
    )


@pytest.fixture
def manager(app):
    return make_staff("complaints_manager", name="Morgan Manager")


@pytest.fixture
def acknowledged(manager):
    complaint = submit(received="2025-03-03 10:00").complaint
    acknowledge_three_points(complaint, manager)
    return reload(complaint)


def test_acknowledging_makes_each_point_a_record(acknowledged):
    stage = acknowledged.stage(1)
    assert [(p.number, p.text, p.raised_on) for p in stage.points] == [
        (1, THREE_POINTS[0], date(2025, 3, 3)),
        (2, THREE_POINTS[1], date(2025, 3, 3)),
        (3, THREE_POINTS[2], date(2025, 3, 3)),
    ]
    assert stage.outcomes_sought == ["put_things_right", "apology", "compensation"]
    assert stage.responsible_for == "Repairs to council homes."
    assert stage.not_responsible_for == "The gas supply, which is the supplier's."
    # The definition read as one value, as notices and older pages read it.
    assert stage.definition["points"] == THREE_POINTS


def test_a_full_stage_one_decision_with_three_points(acknowledged, manager):
    complaint = decide(acknowledged, manager)

    complaint = reload(complaint)
    stage = complaint.stage(1)
    assert complaint.status == "responded"
    assert stage.outcome == "partially_upheld"
    assert [(p.number, p.finding) for p in stage.points] == [
        (1, "upheld"),
        (2, "partially_upheld"),
        (3, "not_upheld"),
    ]
    assert stage.points[2].finding_reasons == "The engineer's photographs show no mud."
    apology, payment = complaint.remedies
    assert (apology.kind, apology.point.number, apology.amount_pence) == ("apology", 1, None)
    assert (payment.kind, payment.amount_pence, payment.financial_purpose) == (
        "financial",
        15000,
        "time_and_trouble",
    )
    assert payment.due_on == date(2025, 3, 28)
    assert [a.what for a in complaint.outstanding_actions] == [
        "Fit the new boiler.",
        "Check the radiators after the fitting.",
    ]
    assert complaint.lessons[0].improvement_owner == "Customer services manager"
    event = complaint.events[-1]
    assert event.action == "respond"
    assert event.details["remedies"] == 2 and event.details["actions"] == 2
    notice = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "stage_1_response")
    ).one()
    # The letter's facts: each point's finding, the remedies and the actions outstanding.
    assert [f["finding"] for f in notice.facts["findings"]] == [
        "upheld",
        "partially_upheld",
        "not_upheld",
    ]
    assert notice.facts["remedies"][1]["amount_pence"] == 15000
    assert notice.facts["outstanding_actions"][0]["due_on"] == "2025-04-04"


def decision_with(acknowledged, **changes) -> Decision:
    return replace(full_decision(acknowledged.stage(1).points), **changes)


def refused(acknowledged, manager, decision, outcome="partially_upheld") -> dict:
    before = written()
    with pytest.raises(InvalidInput) as error:
        decide(acknowledged, manager, decision=decision, outcome=outcome)
    assert written() == before
    assert reload(acknowledged).status == "acknowledged"
    return error.value.field_errors


def test_a_point_without_a_finding_or_reasons_is_refused(acknowledged, manager):
    points = acknowledged.stage(1).points
    findings = [
        PointFinding(points[0].id, "upheld", "Late."),
        PointFinding(points[1].id, None, "Two calls logged."),
        PointFinding(points[2].id, "not_upheld", "  "),
    ]
    errors = refused(acknowledged, manager, decision_with(acknowledged, findings=findings))
    assert errors == {
        "findings-1-finding": "Select the finding on point 2",
        "findings-2-reasons": "Give the reasons for the finding on point 3",
    }


@pytest.mark.parametrize(
    ("findings", "outcome", "expected"),
    [
        (("not_upheld", "not_upheld", "not_upheld"), "partially_upheld", "Not upheld"),
        (("upheld", "upheld", "upheld"), "partially_upheld", "Upheld"),
        (("upheld", "not_upheld", "not_upheld"), "upheld", "Partially upheld"),
    ],
)
def test_an_outcome_that_does_not_match_the_findings_is_refused(
    acknowledged, manager, findings, outcome, expected
):
    points = acknowledged.stage(1).points
    given = [PointFinding(p.id, f, "Reasons.") for p, f in zip(points, findings, strict=True)]
    errors = refused(
        acknowledged, manager, decision_with(acknowledged, findings=given), outcome=outcome
    )
    assert errors == {
        "outcome": "The decision does not match the findings on the points: "
        f"choose ‘{expected}’ or change the findings"
    }


def test_remedies_must_say_what_by_when_and_how_much(acknowledged, manager):
    remedies = [
        NewRemedy(kind="financial", detail="A payment.", owner="Repairs", due_on=date(2025, 4, 1)),
        NewRemedy(kind="apology", detail="", owner="", due_on=date(2025, 3, 1)),
        NewRemedy(
            kind="apology",
            detail="Sorry.",
            owner="Repairs",
            due_on=("31", "2", "2025"),
            amount="10",
        ),
        NewRemedy(
            kind="financial",
            detail="A payment.",
            owner="Repairs",
            due_on=date(2025, 4, 1),
            amount="12.345",
            financial_purpose="actual_loss",
        ),
        NewRemedy(kind="cake", detail="Cake.", owner="Repairs\x00", due_on=None),
    ]
    errors = refused(acknowledged, manager, decision_with(acknowledged, remedies=remedies))
    assert errors == {
        "remedies-0-amount": "Enter the amount of a financial remedy",
        "remedies-0-financial_purpose": "Select what the financial remedy is for",
        "remedies-1-detail": "Say what will happen",
        "remedies-1-owner": "Enter who will see it done",
        "remedies-1-due_on": "The due date must be today or in the future",
        "remedies-2-due_on": "The date must be a real date",
        "remedies-2-amount": "Only a financial remedy has an amount",
        "remedies-3-amount": "Enter the amount in pounds, like 150 or 75.50",
        "remedies-4-kind": "Select the kind of remedy",
        "remedies-4-owner": (
            "Remove the special characters that cannot be used, such as invisible control codes."
        ),
        "remedies-4-due_on": "Enter the date it is due by",
    }


def test_two_staff_deciding_at_once_one_wins(acknowledged, manager):
    seen = acknowledged.version
    decide(acknowledged, manager)
    other = make_staff("investigating_officer")
    before = written()
    with pytest.raises(CaseChanged), unit_of_work():
        cases.respond(
            Actor.staff(other),
            reload(acknowledged),
            outcome="not_upheld",
            reasons="Not upheld.",
            decision=full_decision(acknowledged.stage(1).points),
            expected_version=seen,
        )
    assert written() == before
    assert reload(acknowledged).stage(1).outcome == "partially_upheld"


def test_a_related_point_added_before_the_response_joins_the_stage(acknowledged, manager):
    with unit_of_work():
        point = decision_moves.add_point(
            Actor.staff(manager),
            acknowledged,
            text="The replacement boiler is louder than the old one.",
            outcome_sought="put_things_right",
            at=at("2025-03-10 09:00"),
        )
    complaint = reload(acknowledged)
    assert [p.number for p in complaint.stage(1).points] == [1, 2, 3, 4]
    assert point.raised_on == date(2025, 3, 10)
    assert complaint.events[-1].action == "add_point"
    notice = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "definition_point_added")
    ).one()
    assert notice.facts["text"] == "The replacement boiler is louder than the old one."
    assert notice.facts["number"] == 4
    # The decision must now answer four points.
    with pytest.raises(InvalidInput) as error:
        decide(complaint, manager, decision=full_decision(complaint.stage(1).points[:3]))
    assert "findings-3-finding" in error.value.field_errors


def test_a_reviewer_cannot_add_to_stage_one(acknowledged):
    reviewer = make_staff("reviewer")
    before = written()
    with pytest.raises(NotPermitted), unit_of_work():
        decision_moves.add_point(Actor.staff(reviewer), acknowledged, text="Another point.")
    assert written() == before


def test_an_unrelated_point_becomes_a_new_complaint(manager):
    complaint = submit(
        received="2025-03-03 10:00",
        representative=NewRepresentative(
            name="Pat Member",
            email="pat.member@parliament.example",
            role="mp",
            consent_given_how="signed_form",
            consent_given_on=date(2025, 2, 26),
            correspondence_to="representative",
        ),
    ).complaint
    acknowledge_three_points(complaint, manager)
    complaint = reload(complaint)
    third = complaint.stage(1).points[2]

    with unit_of_work():
        new = decision_moves.split_point(
            Actor.staff(manager), complaint, point_id=third.id, at=at("2025-03-11 09:00")
        )

    original = reload(complaint)
    new = db.session.get(Complaint, new.id)
    assert new.reference != original.reference
    assert new.description == THREE_POINTS[2]
    assert new.complainant_id == original.complainant_id
    assert new.consent.representative_id == original.consent.representative_id
    assert new.consent.correspondence_to == "representative"
    # Received the day the point was raised: the original's receipt, a week before.
    assert new.received_on == date(2025, 3, 3)
    assert new.status == "received"
    moved = original.stage(1).points[2]
    assert moved.moved_to_complaint_id == new.id
    assert [p.number for p in original.stage(1).live_points] == [1, 2]
    assert original.events[-1].action == "split_point"
    assert original.events[-1].details["new_reference"] == new.reference
    assert [e.action for e in new.events] == ["submit", "split_from"]
    # The new complaint's receipt goes to whom the consent says: the MP only.
    received = db.session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.complaint_id == new.id, OutboxMessage.kind == "complaint_received"
        )
    ).all()
    assert [m.recipient_role for m in received] == ["representative"]
    # The decision answers the two points left.
    points = original.stage(1).live_points
    decision = Decision(findings=[PointFinding(p.id, "upheld", "Found so.") for p in points])
    decide(original, manager, decision=decision, outcome="upheld")
    assert reload(complaint).stage(1).outcome == "upheld"


def test_the_last_point_cannot_be_moved(manager):
    complaint = submit().complaint
    from tests.factories import acknowledge

    acknowledge(complaint, manager, on="2025-03-05 10:00")
    complaint = reload(complaint)
    before = written()
    with pytest.raises(InvalidInput, match="at least one point"), unit_of_work():
        decision_moves.split_point(
            Actor.staff(manager), complaint, point_id=complaint.stage(1).points[0].id
        )
    assert written() == before


def test_points_cannot_change_after_the_response(acknowledged, manager):
    decide(acknowledged, manager)
    complaint = reload(acknowledged)
    with pytest.raises(IllegalMove), unit_of_work():
        decision_moves.add_point(Actor.staff(manager), complaint, text="Late point.")


def test_outstanding_actions_are_updated_and_completed(acknowledged, manager):
    decide(acknowledged, manager)
    complaint = reload(acknowledged)
    action = complaint.outstanding_actions[0]
    with unit_of_work():
        decision_moves.update_action(
            Actor.staff(manager),
            complaint,
            action_id=action.id,
            text="The boiler is ordered and will be fitted on 2 April.",
            at=at("2025-03-24 09:00"),
        )
    with unit_of_work():
        decision_moves.update_action(
            Actor.staff(manager),
            reload(complaint),
            action_id=action.id,
            text="The new boiler was fitted today.",
            complete=True,
            at=at("2025-04-02 15:00"),
        )
    complaint = reload(complaint)
    action = complaint.outstanding_actions[0]
    assert action.completed_on == date(2025, 4, 2)
    assert [u.text for u in action.updates] == [
        "The boiler is ordered and will be fitted on 2 April.",
        "The new boiler was fitted today.",
    ]
    notices = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.kind == "action_update")
        .order_by(OutboxMessage.id)
    ).all()
    assert [(n.facts["update"], n.facts["completed"]) for n in notices] == [
        ("The boiler is ordered and will be fitted on 2 April.", False),
        ("The new boiler was fitted today.", True),
    ]
    assert notices[0].facts["what"] == "Fit the new boiler."
    assert [e.action for e in complaint.events[-2:]] == ["action_updated", "action_completed"]
    # Done is done: a second completion is refused and writes nothing.
    before = written()
    with pytest.raises(IllegalMove, match="already done"), unit_of_work():
        decision_moves.update_action(
            Actor.staff(manager), complaint, action_id=action.id, text="Again.", complete=True
        )
    assert written() == before


def test_an_empty_update_is_refused(acknowledged, manager):
    decide(acknowledged, manager)
    complaint = reload(acknowledged)
    with pytest.raises(InvalidInput, match="Enter the update"), unit_of_work():
        decision_moves.update_action(
            Actor.staff(manager), complaint, action_id=complaint.outstanding_actions[0].id, text=" "
        )


def test_a_report_viewer_cannot_follow_actions_through(acknowledged, manager):
    decide(acknowledged, manager)
    complaint = reload(acknowledged)
    viewer = make_staff("report_viewer")
    with pytest.raises(NotPermitted), unit_of_work():
        decision_moves.complete_remedy(
            Actor.staff(viewer), complaint, remedy_id=complaint.remedies[0].id
        )


def test_the_register_and_the_figures(acknowledged, manager):
    decide(acknowledged, manager)
    complaint = reload(acknowledged)
    with unit_of_work():
        decision_moves.complete_remedy(
            Actor.staff(manager),
            complaint,
            remedy_id=complaint.remedies[0].id,
            at=at("2025-03-20 09:00"),
        )
    today = date(2025, 3, 31)  # the payment, due on 28 March, is overdue
    assert [r.kind for r in register.remedies(status="overdue", today=today)] == ["financial"]
    assert [r.kind for r in register.remedies(status="done", today=today)] == ["apology"]
    assert [r.kind for r in register.remedies(status="outstanding", today=date(2025, 3, 1))] == [
        "financial"
    ]
    assert [r.kind for r in register.remedies(owner="repairs TEAM", today=today)] == ["financial"]
    assert register.remedies(owner="100%_", today=today) == []

    march = (date(2025, 3, 1), date(2025, 3, 31))
    assert figures.remedies_by_kind(*march) == {
        (1, "apology"): {"count": 1, "amount_pence": 0},
        (1, "financial"): {"count": 1, "amount_pence": 15000},
    }
    assert figures.findings_per_point(*march) == {
        (1, "upheld"): 1,
        (1, "partially_upheld"): 1,
        (1, "not_upheld"): 1,
    }
    assert figures.remedies_by_kind(date(2025, 4, 1), date(2025, 4, 30)) == {}
    lessons = figures.lessons_learned(*march)
    assert [(x.lessons, x.service_area_code) for x in lessons] == [
        ("Call-backs were not logged when the line was busy.", "repairs_and_maintenance")
    ]
    assert figures.lessons_learned(date(2025, 4, 1), date(2025, 4, 30)) == []


def test_stage_two_ends_with_the_right_ombudsman(acknowledged, manager):
    decide(acknowledged, manager)
    complaint = reload(acknowledged)
    with unit_of_work():
        cases.request_stage_two(Actor.resident(), complaint, at=at("2025-03-17 10:00"))
    officer = make_staff("complaints_officer")
    with unit_of_work():
        cases.acknowledge_stage_two(
            Actor.staff(officer),
            reload(complaint),
            definition_points=["The apology did not cover the missed calls."],
            outcomes_sought=["apology"],
            at=at("2025-03-18 10:00"),
        )
    complaint = reload(complaint)
    point = complaint.stage(2).points[0]
    # Whoever decided stage 1 cannot decide stage 2 (Code 6.13).
    with pytest.raises(NotPermitted):
        decide(
            complaint,
            manager,
            on="2025-04-01 10:00",
            decision=Decision(findings=[PointFinding(point.id, "upheld", "It did not.")]),
            outcome="upheld",
        )
    reviewer = make_staff("reviewer")
    decide(
        reload(complaint),
        reviewer,
        on="2025-04-01 10:00",
        decision=Decision(findings=[PointFinding(point.id, "upheld", "It did not.")]),
        outcome="upheld",
    )
    complaint = reload(complaint)
    assert complaint.stage(2).points[0].finding == "upheld"
    notice = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "stage_2_response")
    ).one()
    assert notice.facts["ombudsman"] == "housing"  # a repairs complaint: housing landlord


def test_the_demo_shows_decisions_with_remedies_outstanding_and_done(app):
    from shared.demo import load_demo_data

    load_demo_data()
    db.session.rollback()
    remedies = db.session.scalars(select(Remedy)).all()
    assert {r.done_on is None for r in remedies} == {True, False}
    assert any(r.amount_pence for r in remedies)
    assert db.session.scalars(select(Lesson)).all()
    assert any(a.updates for a in db.session.scalars(select(OutstandingAction)))
    decided = [p for p in db.session.scalars(select(DefinitionPoint)) if p.finding]
    assert {p.finding for p in decided} == {"upheld", "not_upheld"}
