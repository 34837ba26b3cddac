"""The Ombudsman's look at a complaint, recorded from the case page: the enquiry, the
information sent, the determination, and orders followed to completion with evidence."""

from __future__ import annotations

import pytest

from shared.cases.models import Complaint
from shared.db import db
from shared.ombudsman import OmbudsmanCase
from tests.backoffice.test_case_actions import case_url, flash, sign_in, timeline
from tests.factories import acknowledge, make_staff, respond, submit
from tests.helpers import summary


@pytest.fixture
def officer(app):
    return make_staff("complaints_officer", name="Olu Officer")


@pytest.fixture
def answered(officer):
    sent = submit(received="2025-03-03 10:00")
    acknowledge(sent.complaint, officer, on="2025-03-05 10:00")
    respond(sent.complaint, officer, on="2025-03-12 10:00")
    return sent


def card(page) -> str:
    return " ".join(page.soup.select_one(".app-ombudsman-case").get_text(" ").split())


def date_fields(prefix: str, day: str, month: str, year: str) -> dict:
    return {prefix: [day, month, year]}


def open_case(client, sent, **fields):
    data = {"ombudsman": "housing", "their_reference": "HOS-2025-0042"}
    data.update(date_fields("enquiry_on", "2", "4", "2025"))
    data.update(fields)
    return client.submit(f"{case_url(sent)}/ombudsman/new", data, follow_redirects=True)


def the_case() -> OmbudsmanCase:
    db.session.rollback()
    return db.session.query(OmbudsmanCase).one()


def test_an_enquiry_is_recorded_and_shown_on_the_case(client, officer, answered):
    sign_in(client, officer)
    form = client.page(f"{case_url(answered)}/ombudsman/new")
    assert form.h1 == "Record an Ombudsman enquiry"
    # A housing complaint goes to the Housing Ombudsman unless staff say otherwise.
    assert form.soup.select_one("input[name=ombudsman][checked]")["value"] == "housing"

    page = open_case(client, answered)

    assert flash(page) == "Ombudsman enquiry recorded."
    assert "Housing Ombudsman Service HOS-2025-0042" in card(page)
    assert "Enquiry received Wednesday 2 April 2025" in card(page)
    assert timeline(page)[-1].startswith("Ombudsman enquiry recorded ")


def test_a_date_that_is_not_real_or_in_the_future_is_refused_and_answers_kept(
    client, officer, answered
):
    sign_in(client, officer)

    not_real = client.submit(
        f"{case_url(answered)}/ombudsman/new",
        {
            "ombudsman": "lgsco",
            "their_reference": "LG-1",
            **date_fields("enquiry_on", "31", "2", "2025"),
        },
    )
    assert not_real.status_code == 400
    assert summary(not_real) == ["The date must be a real date, like 27 3 2026"]
    assert not_real.value_of("their_reference") == "LG-1"
    assert not_real.soup.select_one("input[name=ombudsman][checked]")["value"] == "lgsco"

    future = client.submit(
        f"{case_url(answered)}/ombudsman/new",
        {"ombudsman": "housing", **date_fields("enquiry_on", "1", "1", "2099")},
    )
    assert future.status_code == 400
    assert summary(future) == ["The date must be today or in the past"]
    assert db.session.query(OmbudsmanCase).count() == 0


def test_the_determination_offers_that_ombudsmans_findings(client, officer, answered):
    sign_in(client, officer)
    open_case(client, answered)
    case_id = the_case().id
    url = f"{case_url(answered)}/ombudsman/{case_id}/determination"

    form = client.page(url)
    options = [i["value"] for i in form.soup.select("input[name=determination]")]
    assert options[:2] == ["severe_maladministration", "maladministration"]
    assert "no_fault" not in options  # the LGSCO's words, not the Housing Ombudsman's

    page = client.submit(
        url,
        {
            "determination": "maladministration",
            "summary": "Repairs were late and not explained.",
            **date_fields("determined_on", "3", "6", "2025"),
        },
        follow_redirects=True,
    )

    assert flash(page) == "Ombudsman's determination recorded."
    assert "Maladministration, Tuesday 3 June 2025" in card(page)
    assert "Repairs were late and not explained." in card(page)
    wrong = client.submit(
        url, {"determination": "no_fault", **date_fields("determined_on", "3", "6", "2025")}
    )
    assert wrong.status_code == 400


def test_an_order_is_followed_to_completion_with_evidence(client, officer, answered):
    sign_in(client, officer)
    open_case(client, answered)
    case_id = the_case().id

    added = client.submit(
        f"{case_url(answered)}/ombudsman/{case_id}/orders/new",
        {
            "kind": "order",
            "description": "Pay the resident £250 for the delay.",
            **date_fields("due_on", "1", "7", "2025"),
        },
        follow_redirects=True,
    )
    assert "Order: Pay the resident £250 for the delay. Due by Tuesday 1 July 2025." in card(added)
    order_id = the_case().orders[0].id

    missing = client.submit(
        f"{case_url(answered)}/ombudsman/orders/{order_id}/done",
        {**date_fields("completed_on", "20", "6", "2025")},
    )
    assert summary(missing) == ["Describe the evidence that it was done, as sent to the Ombudsman"]

    done = client.submit(
        f"{case_url(answered)}/ombudsman/orders/{order_id}/done",
        {
            "evidence": "Payment made on 20 June; receipt sent.",
            **date_fields("completed_on", "20", "6", "2025"),
        },
        follow_redirects=True,
    )
    assert flash(done) == "Recorded as done."
    assert "Done on Friday 20 June 2025. Payment made on 20 June; receipt sent." in card(done)
    assert "Record as done" not in card(done)


def test_an_investigating_officer_can_read_but_not_record(client, officer, answered):
    sign_in(client, officer)
    open_case(client, answered)
    client.post("/backoffice/sign-out", data=client.page(case_url(answered)).hidden_fields())

    investigator = make_staff("investigating_officer")
    # They see only what is assigned to them.
    db.session.get(Complaint, answered.complaint.id).handler_id = investigator.id
    db.session.commit()
    sign_in(client, investigator)
    page = client.page(case_url(answered))
    assert "Housing Ombudsman Service" in card(page)
    assert "Record the determination" not in card(page)
    assert client.get(f"{case_url(answered)}/ombudsman/new").status_code == 403


def test_a_case_of_another_complaint_is_not_found(client, officer, answered):
    sign_in(client, officer)
    open_case(client, answered)
    other = submit(received="2025-03-04 10:00", email="other@example.com")

    response = client.get(f"{case_url(other)}/ombudsman/{the_case().id}/determination")

    assert response.status_code == 404


def test_a_double_click_records_the_enquiry_once(client, officer, answered):
    sign_in(client, officer)
    form = client.page(f"{case_url(answered)}/ombudsman/new").hidden_fields()
    data = {**form, "ombudsman": "housing", **date_fields("enquiry_on", "2", "4", "2025")}

    first = client.post(f"{case_url(answered)}/ombudsman/new", data=data)
    second = client.post(f"{case_url(answered)}/ombudsman/new", data=data, follow_redirects=True)

    assert first.status_code == 302
    assert "This case was changed by someone else" in second.get_data(as_text=True)
    assert db.session.query(OmbudsmanCase).count() == 1
