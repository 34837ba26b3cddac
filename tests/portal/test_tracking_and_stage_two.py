"""Following a complaint with the private link, and asking for a stage 2 review."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shared.cases import Actor
from shared.cases.audit import AuditEvent
from shared.cases.models import Complaint, ComplaintStage
from shared.db import db
from shared.notices.models import OutboxMessage
from tests import committed as lifecycle
from tests.factories import acknowledge, at, make_staff, respond, submit
from tests.helpers import count, freeze, summary


def inset_text(page) -> str:
    return page.soup.select_one(".govuk-inset-text").get_text(" ", strip=True)


def status_tag(page) -> str:
    return page.soup.select_one(".govuk-tag").get_text(strip=True)


def stage_two_link(page):
    return page.soup.find("a", string=lambda s: s and "Ask for a stage 2 review" in s)


def reload(complaint: Complaint) -> Complaint:
    """The complaint as committed: whatever a failed request left in the session is dropped."""
    db.session.rollback()
    return db.session.get(Complaint, complaint.id)


def snapshot(complaint: Complaint) -> tuple:
    complaint = reload(complaint)
    return (
        complaint.status,
        complaint.current_stage,
        complaint.next_deadline,
        count(ComplaintStage),
        count(AuditEvent),
        count(OutboxMessage),
    )


@pytest.fixture
def staff(app):
    return make_staff("complaints_manager")


@pytest.fixture
def answered(staff):
    """A housing complaint received Mon 3 Mar 2025, acknowledged Wed 5, answered Fri 14."""
    sent = submit(received="2025-03-03 10:00")
    acknowledge(sent.complaint, staff, on="2025-03-05 10:00")
    respond(sent.complaint, staff, on="2025-03-14 10:00", outcome="not_upheld")
    return sent


def track_url(sent) -> str:
    return f"/track/{sent.complaint.reference}/{sent.tracking_secret}"


# -- what the tracking page says at each step -------------------------------------------


def test_tracking_page_after_acknowledgement_gives_the_response_date(client, staff):
    sent = submit(received="2025-03-03 10:00")
    # Acknowledged Wed 5 Mar: 10 working days later is Wed 19 Mar.
    acknowledge(sent.complaint, staff, on="2025-03-05 10:00")

    page = client.page(track_url(sent))

    assert status_tag(page) == "Being investigated"
    assert inset_text(page) == "We will send you our response by Wednesday 19 March 2025."
    assert stage_two_link(page) is None
    assert page.response.headers["Cache-Control"] == "no-store"


def test_tracking_page_shows_the_stage_one_decision_and_offers_a_review(client, answered):
    page = client.page(track_url(answered))

    assert status_tag(page) == "Stage 1 response sent"
    assert "We sent you our stage 1 response on Friday 14 March 2025." in page.text()
    assert "Our stage 1 response" in page.text()
    assert "Decision Not upheld" in page.text()
    assert "We found the repair was late." in page.text()
    link = stage_two_link(page)
    assert link is not None
    assert link["href"] == f"{track_url(answered)}/stage-2"
    assert "You do not have to give a reason." in page.text()


def test_the_stage_two_page_says_the_reason_is_optional(client, answered):
    page = client.page(f"{track_url(answered)}/stage-2")

    assert page.status_code == 200
    assert page.h1 == "Ask for a stage 2 review"
    label = page.soup.find("label", attrs={"for": "reason"}).get_text(strip=True)
    assert label == "Why are you unhappy with our response? (optional)"
    assert page.response.headers["Cache-Control"] == "no-store"


# -- stage 2 not yet possible ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("acknowledged", "response_due"),
    [(False, "Monday 24 March 2025"), (True, "Wednesday 19 March 2025")],
)
def test_stage_two_cannot_be_asked_for_before_the_stage_one_response(
    client, staff, acknowledged, response_due
):
    sent = submit(received="2025-03-03 10:00")
    if acknowledged:
        acknowledge(sent.complaint, staff, on="2025-03-05 10:00")
    tracking = client.page(track_url(sent))
    assert stage_two_link(tracking) is None
    before = snapshot(sent.complaint)

    # Going to the page directly says so at once, and offers no form to fill in for nothing.
    landing = client.page(f"{track_url(sent)}/stage-2")
    assert landing.status_code == 200
    assert landing.soup.find("textarea", attrs={"name": "reason"}) is None
    # In the resident's words, with the date the council owes, not the state machine's.
    message = (
        f"You can ask for a review once we have sent our response, which is due by {response_due}."
    )
    assert message in landing.text()

    page = client.submit(
        f"{track_url(sent)}/stage-2", {"reason": "I want a review now."}, csrf_from="/complaint/who"
    )

    assert page.status_code == 400
    assert page.title.startswith("Error:")
    assert summary(page) == [message]
    assert snapshot(sent.complaint) == before
    assert reload(sent.complaint).stage(2) is None


def test_a_withdrawn_complaint_says_a_new_complaint_can_be_made(client, monkeypatch):
    sent = submit(received="2025-03-03 10:00")
    lifecycle.withdraw(Actor.resident(), sent.complaint, at=at("2025-03-04 10:00"))
    freeze(monkeypatch, "2025-03-05 10:00")

    landing = client.page(f"{track_url(sent)}/stage-2")

    assert landing.soup.find("textarea", attrs={"name": "reason"}) is None
    assert (
        "This complaint was withdrawn, so a review cannot be asked for. If you are still "
        "unhappy, you can make a new complaint." in landing.text()
    )


# -- asking for stage 2 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data", [{"reason": ""}, {"reason": "  \r\n "}, {}], ids=["empty", "blank", "left-out"]
)
def test_asking_for_a_review_without_a_reason_works(client, monkeypatch, answered, data):
    # Asked on Mon 17 Mar 2025: acknowledgement due 5 working days later, Mon 24 Mar.
    freeze(monkeypatch, "2025-03-17 12:00")
    outbox_before = count(OutboxMessage)

    page = client.submit(f"{track_url(answered)}/stage-2", data, follow_redirects=True)

    assert page.response.history[0].status_code == 302
    assert page.response.history[0].headers["Location"] == track_url(answered)
    assert page.status_code == 200
    assert "We have received your request for a stage 2 review." in page.text()
    assert status_tag(page) == "Stage 2 review requested"
    assert inset_text(page) == (
        "We will contact you by Monday 24 March 2025 to confirm what the review will look into."
    )
    assert stage_two_link(page) is None

    complaint = reload(answered.complaint)
    assert complaint.status == "stage_2_requested"
    assert complaint.current_stage == 2
    assert complaint.stage(2).escalation_reason is None
    assert complaint.stage(2).started_on.isoformat() == "2025-03-17"
    assert complaint.next_deadline.isoformat() == "2025-03-24"
    assert count(OutboxMessage) == outbox_before + 1
    notice = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert notice.kind == "stage_2_requested"
    assert notice.recipient == "resident@example.com"


def test_a_reason_given_is_kept_for_the_reviewer(client, answered):
    page = client.submit(
        f"{track_url(answered)}/stage-2",
        {"reason": "You did not look at the photos I sent."},
        follow_redirects=True,
    )

    assert page.status_code == 200
    assert reload(answered.complaint).stage(2).escalation_reason == (
        "You did not look at the photos I sent."
    )


def test_a_reason_over_the_limit_is_refused_and_kept(client, answered):
    reason = "y" * 10_001

    page = client.submit(f"{track_url(answered)}/stage-2", {"reason": reason})

    assert page.status_code == 400
    assert summary(page) == ["Your reason must be 10,000 characters or fewer"]
    assert page.value_of("reason").strip() == reason
    assert reload(answered.complaint).stage(2) is None


def test_asking_twice_is_refused_and_changes_nothing(client, answered):
    first = client.submit(f"{track_url(answered)}/stage-2", {}, follow_redirects=True)
    assert first.status_code == 200
    before = snapshot(answered.complaint)

    again = client.submit(
        f"{track_url(answered)}/stage-2", {"reason": "Again, please."}, csrf_from="/complaint/who"
    )

    assert again.status_code == 400
    assert summary(again) == ["A stage 2 review has already been asked for."]
    assert snapshot(answered.complaint) == before
    assert reload(answered.complaint).stage(2).escalation_reason is None


def test_after_the_final_response_a_new_review_is_refused_and_the_ombudsman_named(
    client, staff, answered, monkeypatch
):
    freeze(monkeypatch, "2025-04-03 10:00")
    reviewer = make_staff("reviewer")
    complaint = answered.complaint
    lifecycle.request_stage_two(Actor.resident(), complaint, at=at("2025-03-17 10:00"))
    acknowledge(complaint, reviewer, on="2025-03-18 10:00", stage=2)
    respond(complaint, reviewer, on="2025-04-01 10:00", stage=2, outcome="upheld")
    lifecycle.close(Actor.staff(staff), complaint, at=at("2025-04-02 10:00"))

    page = client.page(track_url(answered))
    assert status_tag(page) == "Closed"
    assert "We sent you our final response on Tuesday 1 April 2025." in page.text()
    assert "Housing Ombudsman Service" in page.text()
    assert "0300 111 3000" in page.text()
    assert stage_two_link(page) is None
    before = snapshot(complaint)

    refused = client.submit(f"{track_url(answered)}/stage-2", {}, csrf_from="/complaint/who")

    assert refused.status_code == 400
    assert summary(refused) == ["A stage 2 review has already been asked for."]
    assert snapshot(complaint) == before


def test_a_complaint_closed_after_stage_one_can_still_go_to_stage_two(
    client, staff, answered, monkeypatch
):
    freeze(monkeypatch, "2025-03-21 10:00")
    lifecycle.close(Actor.staff(staff), answered.complaint, at=at("2025-03-20 10:00"))

    page = client.page(track_url(answered))
    assert status_tag(page) == "Closed"
    assert stage_two_link(page) is not None

    done = client.submit(f"{track_url(answered)}/stage-2", {}, follow_redirects=True)

    assert status_tag(done) == "Stage 2 review requested"
    complaint = reload(answered.complaint)
    assert complaint.status == "stage_2_requested"
    assert complaint.closed_at is None


def test_a_review_of_a_non_housing_complaint_points_to_the_lgsco(client, staff):
    sent = submit(received="2025-03-03 10:00", service_area_code="parking")
    acknowledge(sent.complaint, staff, on="2025-03-04 10:00")
    respond(sent.complaint, staff, on="2025-03-10 10:00")
    lifecycle.request_stage_two(Actor.resident(), sent.complaint, at=at("2025-03-11 10:00"))
    reviewer = make_staff("reviewer")
    acknowledge(sent.complaint, reviewer, on="2025-03-12 10:00", stage=2)
    respond(sent.complaint, reviewer, on="2025-03-20 10:00", stage=2)

    page = client.page(track_url(sent))

    assert status_tag(page) == "Stage 2 response sent"
    assert "Local Government and Social Care Ombudsman" in page.text()
    assert "Housing Ombudsman" not in page.text()


def test_a_stage_two_post_with_the_wrong_link_is_not_found_and_writes_nothing(client, answered):
    token = client.page(f"{track_url(answered)}/stage-2").csrf_token()
    before = snapshot(answered.complaint)

    response = client.post(
        f"/track/{answered.complaint.reference}/{'Z' * 43}/stage-2",
        data={"csrf_token": token, "reason": ""},
    )

    assert response.status_code == 404
    assert answered.complaint.reference not in response.get_data(as_text=True)
    assert snapshot(answered.complaint) == before


def test_a_stage_two_post_without_a_csrf_token_is_refused(client, answered):
    client.page(f"{track_url(answered)}/stage-2")
    before = snapshot(answered.complaint)

    response = client.post(f"{track_url(answered)}/stage-2", data={"reason": ""})

    assert response.status_code == 400
    assert snapshot(answered.complaint) == before


def test_a_complaint_not_accepted_says_so_and_names_the_ombudsman(client, staff, monkeypatch):
    sent = submit(received="2025-03-03 10:00")
    lifecycle.not_accept(
        Actor.staff(staff),
        sent.complaint,
        reasons=["legal_proceedings"],
        explanation="The matter is before the county court.",
        at=at("2025-03-04 10:00"),
    )
    freeze(monkeypatch, "2025-03-05 10:00")

    page = client.page(track_url(sent))

    assert page.soup.select_one("main .govuk-tag").get_text(strip=True) == "Not accepted"
    text = page.text()
    assert "We decided not to accept this as a complaint." in text
    assert "you can ask the Housing Ombudsman Service to look at your complaint" in text
    assert stage_two_link(page) is None
