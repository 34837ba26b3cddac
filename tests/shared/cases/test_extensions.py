"""Extensions of a stage's response deadline (Code 6.4, 6.15; DOMAIN.md, Timescales).

Received Monday 3 March 2025 and acknowledged Wednesday 5 March, stage 1's response is due
Wednesday 19 March; the housing Code's cap of 10 more working days runs to Wednesday 2 April.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from shared.cases import Actor, CaseChanged, IllegalMove, InvalidInput, NotPermitted
from shared.cases.audit import AuditEvent
from shared.cases.models import Complaint, Extension
from shared.db import db
from shared.notices.models import OutboxMessage
from tests import committed as lifecycle
from tests.factories import acknowledge, at, make_staff, respond, submit
from tests.helpers import deliver_notices

REASON = "The surveyor's report on the damp will not be ready until next week."
GOOD_REASON = "The contractor's specialist cannot inspect the roof before April."


@pytest.fixture
def officer(app):
    return make_staff("complaints_officer")


@pytest.fixture
def manager(app):
    return make_staff("complaints_manager")


@pytest.fixture
def acknowledged(officer):
    complaint = submit(received="2025-03-03 10:00").complaint
    acknowledge(complaint, officer, on="2025-03-05 10:00")
    return complaint


def fresh(complaint: Complaint) -> Complaint:
    db.session.expire_all()
    return db.session.get(Complaint, complaint.id)


def actions(complaint: Complaint) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.complaint_id == complaint.id)
            .order_by(AuditEvent.id)
        )
    )


def notices(complaint: Complaint) -> list[str]:
    return list(
        db.session.scalars(
            select(OutboxMessage.kind)
            .where(OutboxMessage.complaint_id == complaint.id)
            .order_by(OutboxMessage.id)
        )
    )


def extend(complaint, staff, days, *, good_reason=None, on="2025-03-12 10:00", **kwargs):
    return lifecycle.extend(
        Actor.staff(staff),
        complaint,
        working_days=days,
        reason=REASON,
        good_reason=good_reason,
        at=at(on),
        **kwargs,
    )


def test_an_extension_within_the_cap_moves_the_deadline_and_tells_the_resident(
    acknowledged, officer
):
    extension = extend(acknowledged, officer, 5)

    complaint = fresh(acknowledged)
    assert complaint.current.respond_by == date(2025, 3, 26)
    assert complaint.next_deadline == date(2025, 3, 26)
    assert complaint.current.latest_extended_respond_by == date(2025, 4, 2)  # the cap stays
    assert (extension.status, extension.from_respond_by, extension.to_respond_by) == (
        "in_force",
        date(2025, 3, 19),
        date(2025, 3, 26),
    )
    assert actions(complaint)[-1] == "extend"
    assert notices(complaint)[-1] == "extension"
    email = deliver_notices()[-1]
    assert email["subject"] == (
        f"We need more time to respond to your complaint {complaint.reference}"
    )
    assert "We will now send you our response by Wednesday 26 March 2025." in email["body"]
    assert REASON in email["body"]
    assert "Housing Ombudsman Service" in email["body"]


def test_extensions_add_up_and_the_cap_counts_them_all(acknowledged, officer):
    extend(acknowledged, officer, 6)
    second = extend(acknowledged, officer, 4, on="2025-03-20 10:00")

    assert second.status == "in_force" and not second.beyond_cap
    assert fresh(acknowledged).current.respond_by == date(2025, 4, 2)
    with pytest.raises(InvalidInput) as refused:
        extend(acknowledged, officer, 1, on="2025-03-21 10:00")
    assert refused.value.field_errors == {
        "good_reason": "This extension goes beyond the policy's limit: record the good reason "
        "for it"
    }


def test_beyond_the_cap_an_officer_asks_and_nothing_changes_until_a_manager_approves(
    acknowledged, officer, manager
):
    asked = extend(acknowledged, officer, 15, good_reason=GOOD_REASON)

    complaint = fresh(acknowledged)
    assert asked.status == "awaiting_approval" and asked.beyond_cap
    assert asked.to_respond_by == date(2025, 4, 9)  # what it would be, if approved
    assert complaint.current.respond_by == date(2025, 3, 19)
    assert actions(complaint)[-1] == "extension_requested"
    assert notices(complaint)[-1] == "stage_1_acknowledgement"  # the resident is not told yet
    with pytest.raises(IllegalMove):  # one waiting at a time
        extend(acknowledged, officer, 2, on="2025-03-13 10:00")
    with pytest.raises(NotPermitted):  # only a manager decides
        lifecycle.decide_extension(Actor.staff(officer), acknowledged, approve=True)

    approved = lifecycle.decide_extension(
        Actor.staff(manager), acknowledged, approve=True, at=at("2025-03-13 10:00")
    )

    complaint = fresh(acknowledged)
    assert approved.status == "in_force" and approved.decided_by_id == manager.id
    assert complaint.current.respond_by == date(2025, 4, 9)
    assert actions(complaint)[-1] == "extension_approved"
    assert notices(complaint)[-1] == "extension"


def test_a_refused_extension_leaves_the_deadline_and_tells_no_one(acknowledged, officer, manager):
    extend(acknowledged, officer, 15, good_reason=GOOD_REASON)

    refused = lifecycle.decide_extension(Actor.staff(manager), acknowledged, approve=False)

    complaint = fresh(acknowledged)
    assert refused.status == "refused"
    assert complaint.current.respond_by == date(2025, 3, 19)
    assert actions(complaint)[-1] == "extension_refused"
    assert notices(complaint)[-1] == "stage_1_acknowledgement"
    with pytest.raises(IllegalMove):  # nothing left to decide
        lifecycle.decide_extension(Actor.staff(manager), acknowledged, approve=True)


def test_a_manager_beyond_the_cap_needs_a_good_reason_but_no_approval(acknowledged, manager):
    with pytest.raises(InvalidInput):
        extend(acknowledged, manager, 15)

    extension = extend(acknowledged, manager, 15, good_reason=GOOD_REASON)

    assert extension.status == "in_force" and extension.good_reason == GOOD_REASON
    assert fresh(acknowledged).current.respond_by == date(2025, 4, 9)


def test_a_closure_day_moves_an_extended_deadline_without_undoing_the_extension(
    acknowledged, officer
):
    extend(acknowledged, officer, 5)

    lifecycle.add_closure_day(Actor.system(), date(2025, 3, 20), "Office move")
    assert fresh(acknowledged).current.respond_by == date(2025, 3, 27)

    lifecycle.remove_closure_day(Actor.system(), date(2025, 3, 20))
    assert fresh(acknowledged).current.respond_by == date(2025, 3, 26)


def test_a_closure_day_after_the_cap_still_moves_a_deadline_extended_beyond_it(
    acknowledged, manager
):
    extend(acknowledged, manager, 15, good_reason=GOOD_REASON)  # to 9 April, past 2 April

    lifecycle.add_closure_day(Actor.system(), date(2025, 4, 7), "Office move")

    assert fresh(acknowledged).current.respond_by == date(2025, 4, 10)


@pytest.mark.parametrize("days", ["", "abc", "0", "-3", "2.5", "261"])
def test_nonsense_working_days_are_refused(acknowledged, officer, days):
    with pytest.raises(InvalidInput) as refused:
        extend(acknowledged, officer, days)
    assert list(refused.value.field_errors) == ["working_days"]
    assert db.session.scalar(select(func.count()).select_from(Extension)) == 0


def test_a_reason_is_required(acknowledged, officer):
    with pytest.raises(InvalidInput) as refused:
        lifecycle.extend(Actor.staff(officer), acknowledged, working_days=3, reason="  ")
    assert list(refused.value.field_errors) == ["reason"]


def test_no_extension_before_acknowledgement_or_after_the_response(officer):
    received = submit(received="2025-03-03 10:00").complaint
    with pytest.raises(IllegalMove):
        extend(received, officer, 3)

    acknowledge(received, officer, on="2025-03-05 10:00")
    respond(received, officer, on="2025-03-10 10:00")
    with pytest.raises(IllegalMove):
        extend(received, officer, 3)
    assert db.session.scalar(select(func.count()).select_from(Extension)) == 0


def test_a_stale_page_cannot_extend(acknowledged, officer):
    version = fresh(acknowledged).version
    extend(acknowledged, officer, 2)

    with pytest.raises(CaseChanged):
        extend(acknowledged, officer, 2, expected_version=version)
    assert fresh(acknowledged).current.respond_by == date(2025, 3, 21)


def test_stage_two_has_its_own_cap(officer, manager):
    complaint = submit(received="2025-03-03 10:00").complaint
    acknowledge(complaint, officer, on="2025-03-05 10:00")
    respond(complaint, officer, on="2025-03-10 10:00")
    lifecycle.request_stage_two(Actor.resident(), complaint, at=at("2025-03-11 10:00"))
    reviewer = make_staff("reviewer")
    acknowledge(complaint, reviewer, on="2025-03-12 10:00", stage=2)

    extension = extend(complaint, reviewer, 20, on="2025-03-20 10:00")  # the stage 2 cap

    assert extension.status == "in_force" and extension.stage_number == 2
    assert (
        fresh(complaint).current.respond_by == fresh(complaint).current.latest_extended_respond_by
    )
