"""Not accepting a complaint, treating it as a service request, a manager reversing
the decision, and recording a withdrawal, from the case page."""

from __future__ import annotations

import pytest

from shared.cases.models import Complaint
from shared.db import db
from tests.backoffice.test_case_actions import buttons, case_url, flash, sign_in, timeline
from tests.factories import make_staff, submit
from tests.helpers import deliver_notices, summary

EXPLANATION = "Your parking ticket can be challenged through the appeal on the notice."


@pytest.fixture
def officer(app):
    return make_staff("complaints_officer", name="Olu Officer")


@pytest.fixture
def manager(app):
    return make_staff("complaints_manager", name="Morgan Manager")


@pytest.fixture
def received(app):
    return submit(received="2025-03-03 10:00")


def status(complaint: Complaint) -> str:
    db.session.rollback()
    return db.session.get(Complaint, complaint.id).status


def test_not_accepting_with_reasons_tells_the_resident_and_shows_on_the_case(
    client, officer, received
):
    sign_in(client, officer)
    case = client.page(case_url(received))
    assert {"Do not accept", "Treat as a service request"} <= set(buttons(case))
    form = client.page(f"{case_url(received)}/not-accept")
    assert form.h1 == "Do not accept the complaint"

    page = client.submit(
        f"{case_url(received)}/not-accept",
        {"reasons": ["right_of_appeal"], "explanation": EXPLANATION},
        follow_redirects=True,
    )

    assert flash(page) == "Complaint not accepted. The resident has been sent the reasons."
    assert status(received.complaint) == "not_accepted"
    card = " ".join(page.soup.select_one(".app-exclusion").get_text(" ").split())
    assert "There is a right of appeal" in card and EXPLANATION in card
    assert "Use the right of appeal" in card  # the usual route, as none was typed
    assert "Olu Officer" in card
    assert timeline(page)[-1].startswith("Not accepted as a complaint ")
    body = deliver_notices()[-1]["body"]
    assert "Use the right of appeal" in body and "Housing Ombudsman" in body


def test_bad_input_keeps_every_answer(client, officer, received):
    sign_in(client, officer)

    page = client.submit(
        f"{case_url(received)}/not-accept",
        {"reasons": ["over_12_months", "policy"], "explanation": EXPLANATION},
    )

    assert page.status_code == 400
    assert summary(page) == ["Say whether you considered accepting it anyway, despite its age"]
    checked = [i["value"] for i in page.soup.select("input[name=reasons][checked]")]
    assert checked == ["over_12_months", "policy"]
    assert page.value_of("explanation").strip() == EXPLANATION
    assert status(received.complaint) == "received"


def test_no_reason_chosen_is_refused(client, officer, received):
    sign_in(client, officer)

    page = client.submit(f"{case_url(received)}/not-accept", {"explanation": EXPLANATION})

    assert page.status_code == 400
    assert summary(page) == ["Select the reasons for not accepting the complaint"]


def test_treating_as_a_service_request(client, officer, received):
    sign_in(client, officer)

    page = client.submit(
        f"{case_url(received)}/service-request",
        {"explanation": "We have booked the repair for 10 March."},
        follow_redirects=True,
    )

    assert flash(page) == "Treated as a service request. The resident has been told."
    assert status(received.complaint) == "service_request"
    assert "you can then make a complaint" in deliver_notices()[-1]["body"]


def test_only_a_manager_can_reverse_and_then_the_complaint_is_open_again(
    client, officer, manager, received
):
    sign_in(client, officer)
    excluded = client.submit(
        f"{case_url(received)}/not-accept",
        {"reasons": ["fraud"], "explanation": EXPLANATION},
        follow_redirects=True,
    )
    assert "Accept the complaint after all" not in buttons(excluded)
    refused = client.submit(
        f"{case_url(received)}/reverse-exclusion", {"reason": "Asked to."}, follow_redirects=True
    )
    assert refused.status_code == 400
    assert status(received.complaint) == "not_accepted"
    client.post("/backoffice/sign-out", data=excluded.hidden_fields())

    sign_in(client, manager)
    page = client.submit(
        f"{case_url(received)}/reverse-exclusion",
        {"reason": "The Ombudsman asked us to take it on."},
        follow_redirects=True,
    )

    assert flash(page).startswith("Complaint accepted.")
    assert status(received.complaint) == "received"
    card = " ".join(page.soup.select_one(".app-exclusion").get_text(" ").split())
    assert "Reversed" in card and "The Ombudsman asked us to take it on." in card
    assert "Acknowledge stage 1" in buttons(page)


def test_a_withdrawal_is_recorded_with_how_the_resident_told_us(client, officer, received):
    sign_in(client, officer)

    missing = client.submit(f"{case_url(received)}/withdraw", {"reason": "Sorted out now."})
    assert missing.status_code == 400
    assert summary(missing) == ["Select how the resident contacted us"]
    assert missing.value_of("reason").strip() == "Sorted out now."

    page = client.submit(
        f"{case_url(received)}/withdraw",
        {"how": "phone", "reason": "Sorted out now."},
        follow_redirects=True,
    )

    assert flash(page) == "Withdrawal recorded. The resident has been sent a confirmation."
    assert status(received.complaint) == "withdrawn"
    from shared.cases.audit import AuditEvent

    event = db.session.query(AuditEvent).order_by(AuditEvent.id.desc()).first()
    assert (event.action, event.details) == (
        "withdraw",
        {"reason": "Sorted out now.", "how": "phone"},
    )
    assert "has been withdrawn" in deliver_notices()[-1]["body"]


def test_a_double_click_on_not_accepting_records_one_decision(client, officer, received):
    from shared.cases.models import Exclusion

    sign_in(client, officer)
    form = client.page(f"{case_url(received)}/not-accept").hidden_fields()
    data = {**form, "reasons": ["fraud"], "explanation": EXPLANATION}

    client.post(f"{case_url(received)}/not-accept", data=data)
    second = client.post(f"{case_url(received)}/not-accept", data=data, follow_redirects=True)

    assert "This case was changed by someone else" in second.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(Exclusion).count() == 1
    assert len(deliver_notices()) == 2  # the receipt and one decision, not two
