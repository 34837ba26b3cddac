"""Not accepting a complaint, treating it as a service request, and reversing either
(Code 2.1-2.5; DOMAIN.md, Exclusions)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from shared.cases import Actor, IllegalMove, InvalidInput, NotPermitted, queries
from shared.cases.audit import AuditEvent
from shared.cases.models import Complaint, Exclusion
from shared.db import db
from tests import committed as lifecycle
from tests.factories import acknowledge, at, make_staff, submit
from tests.helpers import count, deliver_notices

EXPLANATION = "Your parking ticket can be challenged through the appeal on the notice."
ROUTE = "Appeal to the Traffic Penalty Tribunal within 28 days."


@pytest.fixture
def officer(app):
    return make_staff("complaints_officer")


@pytest.fixture
def manager(app):
    return make_staff("complaints_manager")


@pytest.fixture
def received(app):
    return submit(received="2025-03-03 10:00").complaint


def fresh(complaint: Complaint) -> Complaint:
    db.session.expire_all()
    return db.session.get(Complaint, complaint.id)


def last_action(complaint: Complaint) -> str:
    return db.session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.complaint_id == complaint.id)
        .order_by(AuditEvent.id.desc())
    ).first()


def not_accept(complaint, staff, reasons=("right_of_appeal",), **kwargs):
    fields = {"explanation": EXPLANATION, "alternative_route": ROUTE, "at": at("2025-03-04 10:00")}
    fields.update(kwargs)
    return lifecycle.not_accept(Actor.staff(staff), complaint, reasons=list(reasons), **fields)


def test_a_complaint_not_accepted_is_recorded_closed_and_the_resident_told_why(received, officer):
    exclusion = not_accept(received, officer)

    complaint = fresh(received)
    assert complaint.status == "not_accepted"
    assert complaint.next_deadline is None and complaint.closed_at is not None
    assert (exclusion.kind, exclusion.reasons, exclusion.alternative_route) == (
        "not_accepted",
        ["right_of_appeal"],
        ROUTE,
    )
    assert last_action(complaint) == "not_accept"
    assert complaint.reference not in [c.reference for c in queries.open_complaints_queue()[0]]
    email = deliver_notices()[-1]
    assert email["subject"] == (
        f"Your complaint {complaint.reference}: our decision not to accept it"
    )
    for words in ("- There is a right of appeal", EXPLANATION, ROUTE, "Housing Ombudsman"):
        assert words in email["body"]


def test_over_twelve_months_needs_a_word_on_discretion(received, officer):
    with pytest.raises(InvalidInput) as refused:
        not_accept(received, officer, reasons=["over_12_months"])
    assert list(refused.value.field_errors) == ["discretion"]

    exclusion = not_accept(
        received, officer, reasons=["over_12_months"], discretion_considered="yes"
    )
    assert exclusion.discretion_considered is True


@pytest.mark.parametrize(
    ("reasons", "explanation", "field"),
    [
        ([], EXPLANATION, "reasons"),
        (["made_up"], EXPLANATION, "reasons"),
        (["fraud"], " ", "explanation"),
    ],
)
def test_reasons_and_an_explanation_are_required(received, officer, reasons, explanation, field):
    with pytest.raises(InvalidInput) as refused:
        not_accept(received, officer, reasons=reasons, explanation=explanation)
    assert field in refused.value.field_errors
    assert fresh(received).status == "received"
    assert count(Exclusion) == 0


def test_only_before_acknowledgement_and_not_by_an_investigating_officer(received, officer):
    with pytest.raises(NotPermitted):
        not_accept(received, make_staff("investigating_officer"))
    acknowledge(received, officer, on="2025-03-05 10:00")
    with pytest.raises(IllegalMove):
        not_accept(received, officer)
    assert count(Exclusion) == 0


def test_a_service_request_is_passed_on_and_the_resident_told_they_can_complain_after(
    received, officer
):
    exclusion = lifecycle.treat_as_service_request(
        Actor.staff(officer),
        received,
        explanation="We have booked a repair for 10 March.",
        at=at("2025-03-04 10:00"),
    )

    assert fresh(received).status == "service_request"
    assert exclusion.reasons == ["service_request"]
    body = deliver_notices()[-1]["body"]
    assert "We have booked a repair for 10 March." in body
    assert "you can then make a complaint" in body


def test_a_manager_reverses_the_decision_and_the_clock_starts_again(received, officer, manager):
    not_accept(received, officer)
    with pytest.raises(NotPermitted):
        lifecycle.reverse_exclusion(Actor.staff(officer), received, reason="Ombudsman asked.")

    lifecycle.reverse_exclusion(
        Actor.staff(manager),
        received,
        reason="The Ombudsman asked us to take it on.",
        at=at("2025-04-01 10:00"),
    )

    complaint = fresh(received)
    assert complaint.status == "received" and complaint.closed_at is None
    assert complaint.received_on == date(2025, 3, 3)  # the true receipt date stays
    assert complaint.current.started_on == date(2025, 4, 1)
    assert complaint.current.acknowledge_by == date(2025, 4, 8)
    assert complaint.next_deadline == date(2025, 4, 8)
    exclusion = complaint.exclusions[0]
    assert exclusion.reversed_by_id == manager.id  # kept for reporting
    assert complaint.exclusion_in_force is None
    assert last_action(complaint) == "reverse_exclusion"
    assert "We will contact you by Tuesday 8 April 2025" in deliver_notices()[-1]["body"]
    acknowledge(complaint, officer, on="2025-04-02 10:00")
    assert fresh(received).status == "acknowledged"
