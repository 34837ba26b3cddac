"""Test data for decisions, made through the same moves the pages use."""

from __future__ import annotations

from datetime import date

from shared import cases
from shared.cases import Actor
from shared.db import unit_of_work
from shared.decisions.rules import Decision, NewAction, NewLesson, NewRemedy, PointFinding
from tests.factories import at

THREE_POINTS = [
    "The boiler was not repaired within the target time.",
    "Nobody called back after three calls to the repairs line.",
    "The engineer left mud on the hall carpet.",
]


def acknowledge_three_points(complaint, staff, on: str = "2025-03-05 10:00"):
    with unit_of_work():
        return cases.acknowledge(
            Actor.staff(staff),
            complaint,
            definition_points=THREE_POINTS,
            outcomes_sought=["put_things_right", "apology", "compensation"],
            responsible_for="Repairs to council homes.",
            not_responsible_for="The gas supply, which is the supplier's.",
            at=at(on),
        )


def full_decision(points) -> Decision:
    """Upheld, partially upheld, not upheld: partially upheld overall, with an apology, a
    payment for time and trouble, two outstanding actions and a lesson."""
    first, second, third = points
    return Decision(
        findings=[
            PointFinding(first.id, "upheld", "The repair took 19 working days, not 5."),
            PointFinding(second.id, "partially_upheld", "Two of the three calls were logged."),
            PointFinding(third.id, "not_upheld", "The engineer's photographs show no mud."),
        ],
        remedies=[
            NewRemedy(
                kind="apology",
                detail="A written apology from the repairs manager.",
                owner="Repairs manager",
                due_on=date(2025, 3, 21),
                point_id=first.id,
            ),
            NewRemedy(
                kind="financial",
                detail="A payment for the time and trouble of chasing the repair.",
                owner="Repairs team",
                due_on=("28", "3", "2025"),
                amount="£150.00",
                financial_purpose="time_and_trouble",
                point_id=second.id,
            ),
        ],
        actions=[
            NewAction("Fit the new boiler.", "Gas servicing team", date(2025, 4, 4)),
            NewAction(
                "Check the radiators after the fitting.", "Gas servicing team", date(2025, 4, 11)
            ),
        ],
        lesson=NewLesson(
            "Call-backs were not logged when the line was busy.",
            "Log every call-back request in the repairs system.",
            "Customer services manager",
            date(2025, 6, 30),
        ),
    )


def decide(complaint, staff, on: str = "2025-03-14 10:00", decision=None, outcome=None):
    points = complaint.current.live_points
    move = cases.respond if complaint.current_stage == 1 else cases.respond_stage_two
    with unit_of_work():
        return move(
            Actor.staff(staff),
            complaint,
            outcome=outcome or "partially_upheld",
            reasons="We upheld part of your complaint.",
            decision=decision or full_decision(points),
            at=at(on),
        )
