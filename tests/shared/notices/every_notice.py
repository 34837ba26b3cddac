"""Complaints taken through the real moves until every kind of notice is queued, with the
texts a test looks for in each notice."""

from __future__ import annotations

from sqlalchemy import select

from shared import evidence
from shared.accounts.sign_in import request_sign_in_link
from shared.cases import Actor
from shared.db import db, unit_of_work
from shared.notices.models import OutboxMessage
from tests import committed as lifecycle
from tests.decision_helpers import acknowledge_three_points, decide
from tests.factories import acknowledge, at, make_staff, respond, submit

POINT = "The boiler was not repaired within the target time."
REASONS = "We found the repair was late."
EXTENSION_REASON = "We are waiting for the contractor's report on the boiler."
EXCLUSION_EXPLANATION = "The tribunal is the right place for a rent appeal."
ROUTE = "Appeal to the First-tier Tribunal within 28 days."
HANDLER = "Priya Handler"

KINDS = (
    "complaint_received",
    "stage_1_acknowledgement",
    "extension",
    "stage_1_response",
    "stage_2_requested",
    "stage_2_acknowledgement",
    "stage_2_response",
    "complaint_withdrawn",
    "not_accepted",
    "service_request",
    "exclusion_reversed",
    "definition_point_added",
    "definition_point_moved",
    "action_update",
    "sign_in_link",
    "information_added",
)
NEW_POINT = "Nobody called back after the first visit."
ACTION_UPDATE = "The contractor is booked for Monday."


def queue_every_notice() -> dict[str, OutboxMessage]:
    """One queued notice of each kind, by kind."""
    officer = make_staff("complaints_manager", name=HANDLER)
    reviewer = make_staff("complaints_manager", name="Rui Reviewer")

    main = submit(received="2025-03-03 10:00").complaint
    lifecycle.assign(Actor.staff(officer), main, handler_id=officer.id, at=at("2025-03-03 11:00"))
    acknowledge(main, officer, on="2025-03-04 10:00")
    lifecycle.extend(
        Actor.staff(officer),
        main,
        working_days=5,
        reason=EXTENSION_REASON,
        at=at("2025-03-12 10:00"),
    )
    respond(main, officer, on="2025-03-20 10:00")
    lifecycle.request_stage_two(Actor.resident(), main, at=at("2025-03-24 10:00"))
    lifecycle.assign(Actor.staff(reviewer), main, handler_id=reviewer.id, at=at("2025-03-24 11:00"))
    acknowledge(main, reviewer, on="2025-03-25 10:00", stage=2)
    respond(main, reviewer, on="2025-04-02 10:00", stage=2, outcome="partially_upheld")

    withdrawn = submit(received="2025-03-03 10:00", email="second@example.com").complaint
    lifecycle.withdraw(Actor.resident(), withdrawn, at=at("2025-03-05 10:00"))

    excluded = submit(received="2025-03-03 10:00", email="third@example.com").complaint
    lifecycle.not_accept(
        Actor.staff(officer),
        excluded,
        reasons=["right_of_appeal"],
        explanation=EXCLUSION_EXPLANATION,
        alternative_route=ROUTE,
        at=at("2025-03-04 10:00"),
    )
    lifecycle.reverse_exclusion(
        Actor.staff(officer),
        excluded,
        reason="The Ombudsman asked us to.",
        at=at("2025-03-06 10:00"),
    )

    request = submit(received="2025-03-03 10:00", email="fourth@example.com").complaint
    lifecycle.treat_as_service_request(
        Actor.staff(officer),
        request,
        explanation="This is the first time you asked us to collect the bin.",
        alternative_route="We will collect it on Friday.",
        at=at("2025-03-04 10:00"),
    )

    # The definition changed before the response, an action followed through after it, and a
    # link asked for to follow the complaints.
    decided = submit(received="2025-03-03 10:00", email="fifth@example.com").complaint
    acknowledge_three_points(decided, officer, on="2025-03-04 10:00")
    lifecycle.add_point(Actor.staff(officer), decided, text=NEW_POINT, at=at("2025-03-05 10:00"))
    moved = decided.current.live_points[-1]
    lifecycle.split_point(
        Actor.staff(officer), decided, point_id=moved.id, at=at("2025-03-05 11:00")
    )
    decide(decided, officer, on="2025-03-14 10:00")
    lifecycle.update_action(
        Actor.staff(officer),
        decided,
        action_id=decided.outstanding_actions[0].id,
        text=ACTION_UPDATE,
        at=at("2025-03-20 10:00"),
    )
    with unit_of_work():
        request_sign_in_link(main.reference, main.complainant.email, language="en")
    with unit_of_work():  # the handler is told
        evidence.add_information(main, information="A photo of the boiler.")

    by_kind: dict[str, OutboxMessage] = {}
    for message in db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)):
        by_kind.setdefault(message.kind, message)
    assert set(by_kind) == set(KINDS), set(KINDS) ^ set(by_kind)
    return by_kind
