"""The case page and the actions staff take on it: acknowledge, respond, close."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shared.cases import Actor
from shared.cases.audit import AuditEvent
from shared.cases.models import Complaint, ComplaintStage
from shared.db import db
from shared.notices.models import OutboxMessage
from tests import committed as lifecycle
from tests.factories import PASSWORD, acknowledge, at, make_staff, respond, submit
from tests.helpers import count, deliver_notices, freeze, summary


def sign_in(client, user) -> None:
    page = client.submit(
        "/backoffice/sign-in", {"email": user.email, "password": PASSWORD}, follow_redirects=True
    )
    assert page.h1 == "Open complaints"


def reload(complaint: Complaint) -> Complaint:
    """The complaint as committed: whatever a failed request left in the session is dropped."""
    db.session.rollback()
    return db.session.get(Complaint, complaint.id)


def snapshot(complaint: Complaint) -> tuple:
    complaint = reload(complaint)
    return (
        complaint.status,
        complaint.next_deadline,
        [
            (s.number, s.acknowledged_on, s.definition, s.responded_on, s.responder_id, s.outcome)
            for s in complaint.stages
        ],
        count(ComplaintStage),
        count(AuditEvent),
        count(OutboxMessage),
    )


# A finding and reasons on the one point of the factories' definition.
FOUND_UPHELD = {"findings-0-finding": "upheld", "findings-0-reasons": "The repair was late."}
FOUND_PARTLY = {
    "findings-0-finding": "partially_upheld",
    "findings-0-reasons": "Late, but the calls were returned.",
}


def words(element) -> str:
    """An element's text as a reader sees it: runs of whitespace read as one space."""
    return " ".join(element.get_text(" ").split())


def summary_rows(section) -> dict[str, str]:
    return {
        words(row.select_one(".govuk-summary-list__key")): words(
            row.select_one(".govuk-summary-list__value")
        )
        for row in section.select(".govuk-summary-list__row")
    }


def stage_list(page, number: int):
    heading = page.soup.find("h2", string=f"Stage {number}")
    return heading.find_next_sibling("dl")


def definition_points(page, number: int) -> list[str]:
    heading = page.soup.find("h2", string=f"Stage {number}")
    points = heading.find_next("ol", class_="govuk-list--number")
    return [li.get_text(" ", strip=True) for li in points.find_all("li")]


def timeline(page) -> list[str]:
    return [words(li) for li in page.soup.select("ol.app-timeline > li")]


def buttons(page) -> list[str]:
    return [
        b.get_text(" ", strip=True)
        for b in page.soup.select(".govuk-button-group .govuk-button, .govuk-button-group button")
    ]


def flash(page) -> str:
    banner = page.soup.select_one(".govuk-notification-banner__content")
    return banner.get_text(" ", strip=True) if banner else ""


@pytest.fixture
def manager(app):
    return make_staff("complaints_manager", name="Morgan Manager")


@pytest.fixture
def received(app):
    """A housing complaint received Monday 3 March 2025."""
    return submit(received="2025-03-03 10:00", complainant_name="Sam Resident")


def case_url(sent) -> str:
    return f"/backoffice/complaints/{sent.complaint.reference}"


# -- the case page ---------------------------------------------------------------------------


def test_case_page_shows_the_complaint_deadline_and_timeline(client, monkeypatch, manager):
    freeze(monkeypatch, "2025-03-05 09:00")  # Wednesday
    sent = submit(received="2025-03-03 10:00", complainant_name="Sam Resident")
    sign_in(client, manager)

    page = client.page(case_url(sent))

    assert page.status_code == 200
    assert page.h1 == f"Complaint {sent.complaint.reference}"
    assert page.response.headers["Cache-Control"] == "no-store"
    assert "Next deadline: Monday 10 March 2025 (3 working days left)" in page.text()
    complaint = summary_rows(page.soup)
    assert complaint["Resident"] == "Sam Resident"
    assert complaint["Email"] == "resident@example.com"
    assert complaint["Received"] == "Monday 3 March 2025"
    assert complaint["What happened"] == "The boiler has been broken for three weeks."
    stage_one = summary_rows(stage_list(page, 1))
    assert stage_one["Acknowledge by"] == "Monday 10 March 2025"
    assert stage_one["Acknowledged"] == "Not yet"
    assert timeline(page) == ["Complaint received 3 Mar 2025, 10:00 · Resident"]
    assert buttons(page) == [
        "Acknowledge stage 1",
        "Do not accept",
        "Treat as a service request",
        "Record a withdrawal",
    ]


def test_an_unknown_case_is_not_found(client, manager):
    sign_in(client, manager)

    assert client.get("/backoffice/complaints/CMP-2025-999999").status_code == 404
    assert client.get("/backoffice/complaints/CMP-2025-999999/acknowledge").status_code == 404


# -- acknowledging ---------------------------------------------------------------------------


def test_the_acknowledge_form_starts_from_what_the_resident_wrote(client, manager, received):
    sign_in(client, manager)

    page = client.page(f"{case_url(received)}/acknowledge")

    assert page.status_code == 200
    assert page.h1 == "Acknowledge stage 1"
    assert page.value_of("points").strip() == "The boiler has been broken for three weeks."


def test_acknowledging_with_nothing_shows_both_errors_and_writes_nothing(client, manager, received):
    sign_in(client, manager)
    before = snapshot(received.complaint)

    page = client.submit(f"{case_url(received)}/acknowledge", {"points": "  \r\n  "})

    assert page.status_code == 400
    assert summary(page) == [
        "Write at least one point of the complaint definition",
        "Select the outcomes the resident is asking for",
    ]
    assert snapshot(received.complaint) == before


def test_a_failed_acknowledgement_keeps_what_was_entered(client, manager, received):
    sign_in(client, manager)

    missing_outcomes = client.submit(
        f"{case_url(received)}/acknowledge", {"points": "First point\r\nSecond point"}
    )
    assert missing_outcomes.status_code == 400
    assert summary(missing_outcomes) == ["Select the outcomes the resident is asking for"]
    kept = missing_outcomes.value_of("points").replace("\r\n", "\n").strip()
    assert kept == "First point\nSecond point"

    missing_points = client.submit(
        f"{case_url(received)}/acknowledge",
        {"points": "", "outcomes_sought": ["apology", "compensation"]},
    )
    assert missing_points.status_code == 400
    assert summary(missing_points) == ["Write at least one point of the complaint definition"]
    checked = {
        box["value"]
        for box in missing_points.soup.select('input[name="outcomes_sought"]')
        if box.has_attr("checked")
    }
    assert checked == {"apology", "compensation"}
    assert reload(received.complaint).status == "received"


def test_acknowledging_numbers_the_points_and_tells_the_resident_the_response_date(
    client, monkeypatch, manager, received
):
    # Acknowledged on Wednesday 5 March 2025: the response is due 10 working days later,
    # Wednesday 19 March 2025.
    freeze(monkeypatch, "2025-03-05 11:00")
    sign_in(client, manager)

    page = client.submit(
        f"{case_url(received)}/acknowledge",
        {
            "points": "The boiler was not repaired.\r\n\r\n  Calls were not returned.  \r\n"
            "The engineer missed two appointments.",
            "outcomes_sought": ["put_things_right", "apology"],
        },
        follow_redirects=True,
    )

    assert page.response.history[0].headers["Location"] == case_url(received)
    assert flash(page) == (
        "Complaint acknowledged. The resident has been sent the complaint definition."
    )
    assert page.soup.select_one(".govuk-tag").get_text(strip=True) == "Being investigated"
    assert definition_points(page, 1) == [
        "The boiler was not repaired.",
        "Calls were not returned.",
        "The engineer missed two appointments.",
    ]
    assert "Outcomes sought: Put things right An apology" in page.text()
    stage_one = summary_rows(stage_list(page, 1))
    assert stage_one["Acknowledged"] == "Wednesday 5 March 2025"
    assert stage_one["Respond by"] == "Wednesday 19 March 2025"
    assert "Next deadline: Wednesday 19 March 2025 (10 working days left)" in page.text()
    assert timeline(page)[-1] == "Stage 1 acknowledged 5 Mar 2025, 11:00 · Morgan Manager"
    assert buttons(page) == [
        "Respond to stage 1",
        "Extend the response deadline",
        "Record a withdrawal",
    ]

    tracking = client.page(f"/track/{received.complaint.reference}/{received.tracking_secret}")
    inset = tracking.soup.select_one(".govuk-inset-text").get_text(" ", strip=True)
    assert inset == "We will send you our response by Wednesday 19 March 2025."

    notice = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert notice.kind == "stage_1_acknowledgement"
    assert notice.recipient == "resident@example.com"


def test_acknowledging_twice_is_refused(client, manager, received):
    acknowledge(received.complaint, manager, on="2025-03-04 10:00")
    sign_in(client, manager)
    before = snapshot(received.complaint)

    page = client.submit(
        f"{case_url(received)}/acknowledge",
        {"points": "Something else", "outcomes_sought": ["apology"]},
    )

    assert page.status_code == 400
    assert summary(page) == ["That cannot be done to a complaint that is ‘Being investigated’."]
    assert snapshot(received.complaint) == before


# -- responding ------------------------------------------------------------------------------


@pytest.fixture
def acknowledged(manager, received):
    acknowledge(received.complaint, manager, on="2025-03-05 10:00")
    return received


def test_responding_without_a_decision_is_refused_and_keeps_the_reasons(
    client, manager, acknowledged
):
    sign_in(client, manager)
    before = snapshot(acknowledged.complaint)

    page = client.submit(
        f"{case_url(acknowledged)}/respond",
        {**FOUND_UPHELD, "reasons": "We found the repair was late."},
    )

    assert page.status_code == 400
    assert summary(page) == ["Select the decision"]
    assert page.field_error("outcome") == "Error: Select the decision"
    assert page.value_of("reasons").strip() == "We found the repair was late."
    assert snapshot(acknowledged.complaint) == before


def test_responding_without_reasons_is_refused_and_keeps_the_decision(
    client, manager, acknowledged
):
    sign_in(client, manager)

    page = client.submit(
        f"{case_url(acknowledged)}/respond",
        {**FOUND_PARTLY, "outcome": "partially_upheld", "reasons": " "},
    )

    assert page.status_code == 400
    assert summary(page) == ["Give the reasons for the decision"]
    chosen = page.soup.select_one('input[name="outcome"][checked]')
    assert chosen["value"] == "partially_upheld"
    assert reload(acknowledged.complaint).status == "acknowledged"


def test_a_made_up_decision_is_refused_with_the_same_plain_message(client, manager, acknowledged):
    sign_in(client, manager)

    page = client.submit(
        f"{case_url(acknowledged)}/respond",
        {**FOUND_UPHELD, "outcome": "sort_of", "reasons": "Because."},
    )

    assert page.status_code == 400
    assert summary(page) == ["Select the decision"]
    assert reload(acknowledged.complaint).status == "acknowledged"


def test_responding_shows_the_decision_on_the_case_and_to_the_resident(
    client, monkeypatch, manager, acknowledged
):
    freeze(monkeypatch, "2025-03-14 15:00")  # Friday, before the deadline of Wed 19 March
    sign_in(client, manager)
    respond_page = client.page(f"{case_url(acknowledged)}/respond")
    # A section per point of the definition, each asking for a finding and reasons.
    assert [p.get_text(strip=True) for p in respond_page.soup.select(".app-decision-point p")] == [
        "The boiler was not repaired within the target time."
    ]

    page = client.submit(
        f"{case_url(acknowledged)}/respond",
        {
            **FOUND_PARTLY,
            "outcome": "partially_upheld",
            "reasons": "The repair was late.\r\nCalls were returned.",
        },
        follow_redirects=True,
    )

    assert page.response.history[0].headers["Location"] == case_url(acknowledged)
    assert flash(page) == "Response sent to the resident."
    assert page.soup.select_one(".govuk-tag").get_text(strip=True) == "Stage 1 response sent"
    stage_one = summary_rows(stage_list(page, 1))
    assert stage_one["Responded"] == "Friday 14 March 2025"
    assert stage_one["Decision"] == "Partially upheld"
    assert stage_one["Reasons"] == "The repair was late. Calls were returned."
    assert stage_one["Responder"] == "Morgan Manager"
    assert "Next deadline" not in page.text()
    assert timeline(page)[-1] == "Stage 1 response sent 14 Mar 2025, 15:00 · Morgan Manager"
    assert buttons(page) == ["Record a withdrawal", "Close complaint"]

    tracking = client.page(
        f"/track/{acknowledged.complaint.reference}/{acknowledged.tracking_secret}"
    )
    assert "Decision Partially upheld" in tracking.text()
    assert "We sent you our stage 1 response on Friday 14 March 2025." in tracking.text()

    notice = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert notice.kind == "stage_1_response"
    email = deliver_notices()[-1]
    assert "Our decision: Partially upheld" in email["body"]
    # The response carries a fresh private link that opens the complaint and offers stage 2.
    link = next(w for w in email["body"].split() if "/track/" in w)
    via_email = client.page(link.removeprefix("http://localhost"))
    assert via_email.status_code == 200
    assert via_email.soup.find("a", string=lambda s: s and "stage 2 review" in s) is not None


def test_a_reviewer_cannot_respond_at_stage_one(client, acknowledged):
    reviewer = make_staff("reviewer", name="Rita Reviewer")
    sign_in(client, reviewer)
    case = client.page(case_url(acknowledged))
    assert "Respond to stage 1" not in buttons(case)
    before = snapshot(acknowledged.complaint)

    page = client.submit(
        f"{case_url(acknowledged)}/respond", {"outcome": "upheld", "reasons": "Looks right."}
    )

    assert page.status_code == 400
    assert summary(page) == ["You do not have permission to do that."]
    assert snapshot(acknowledged.complaint) == before


# -- stage 2 ---------------------------------------------------------------------------------


@pytest.fixture
def stage_two_under_way(manager, acknowledged):
    """Stage 1 answered by the manager; the resident asked for a review, now acknowledged."""
    complaint = acknowledged.complaint
    respond(complaint, manager, on="2025-03-14 10:00", outcome="not_upheld")
    lifecycle.request_stage_two(Actor.resident(), complaint, at=at("2025-03-17 10:00"))
    officer = make_staff("complaints_officer")
    acknowledge(complaint, officer, on="2025-03-18 10:00", stage=2)
    return acknowledged


def test_whoever_answered_stage_one_cannot_answer_stage_two(client, manager, stage_two_under_way):
    sign_in(client, manager)
    before = snapshot(stage_two_under_way.complaint)
    # The case page does not offer what the lifecycle would refuse.
    assert "Respond to stage 2" not in buttons(client.page(case_url(stage_two_under_way)))

    page = client.submit(
        f"{case_url(stage_two_under_way)}/respond",
        {"outcome": "not_upheld", "reasons": "I stand by my first answer."},
    )

    assert page.status_code == 400
    assert summary(page) == [
        "You acted on this complaint at stage 1, so someone independent must review it."
    ]
    assert page.value_of("reasons").strip() == "I stand by my first answer."
    assert snapshot(stage_two_under_way.complaint) == before


def test_a_reviewer_answers_stage_two(client, monkeypatch, stage_two_under_way):
    freeze(monkeypatch, "2025-04-01 10:00")
    reviewer = make_staff("reviewer", name="Rita Reviewer")
    sign_in(client, reviewer)
    case = client.page(case_url(stage_two_under_way))
    assert buttons(case) == ["Respond to stage 2", "Extend the response deadline"]
    assert summary_rows(stage_list(case, 2))["Reason for asking"] == "None given"

    page = client.submit(
        f"{case_url(stage_two_under_way)}/respond",
        {
            **FOUND_UPHELD,
            "outcome": "upheld",
            "reasons": "The first response missed the missed appointments.",
        },
        follow_redirects=True,
    )

    assert page.response.history[0].status_code == 302
    assert flash(page) == "Response sent to the resident."
    assert page.soup.select_one(".govuk-tag").get_text(strip=True) == "Stage 2 response sent"
    stage_two = summary_rows(stage_list(page, 2))
    assert stage_two["Decision"] == "Upheld"
    assert stage_two["Responder"] == "Rita Reviewer"
    assert stage_two["Responded"] == "Tuesday 1 April 2025"
    assert summary_rows(stage_list(page, 1))["Decision"] == "Not upheld"  # stage 1 unchanged
    complaint = reload(stage_two_under_way.complaint)
    assert complaint.status == "stage_2_responded"
    assert complaint.stage(2).responder.name == "Rita Reviewer"


# -- closing ---------------------------------------------------------------------------------


def test_closing_after_the_response_takes_it_off_the_queue(client, manager, acknowledged):
    respond(acknowledged.complaint, manager, on="2025-03-14 10:00")
    sign_in(client, manager)
    assert acknowledged.complaint.reference in client.page("/backoffice/").text()

    page = client.submit(
        f"{case_url(acknowledged)}/close",
        {},
        csrf_from=case_url(acknowledged),
        follow_redirects=True,
    )

    assert page.response.history[0].headers["Location"] == case_url(acknowledged)
    assert flash(page) == "Complaint closed."
    assert page.soup.select_one(".govuk-tag").get_text(strip=True) == "Closed"
    assert timeline(page)[-1].startswith("Closed ")
    assert timeline(page)[-1].endswith("· Morgan Manager")
    assert "Close complaint" not in buttons(page)
    assert reload(acknowledged.complaint).closed_at is not None
    assert acknowledged.complaint.reference not in client.page("/backoffice/").text()


def test_closing_before_the_response_is_refused(client, manager, acknowledged):
    sign_in(client, manager)
    before = snapshot(acknowledged.complaint)

    # A post crafted by hand (the page offers no close button): the version is current.
    page = client.submit(
        f"{case_url(acknowledged)}/close",
        {"version": str(reload(acknowledged.complaint).version)},
        csrf_from=case_url(acknowledged),
        follow_redirects=True,
    )

    assert flash(page) == "That cannot be done to a complaint that is ‘Being investigated’."
    assert page.soup.select_one(".govuk-tag").get_text(strip=True) == "Being investigated"
    assert snapshot(acknowledged.complaint) == before


def test_closing_without_the_csrf_token_is_refused(client, manager, acknowledged):
    respond(acknowledged.complaint, manager, on="2025-03-14 10:00")
    sign_in(client, manager)

    response = client.post(f"{case_url(acknowledged)}/close")

    assert response.status_code == 400
    assert reload(acknowledged.complaint).status == "responded"
