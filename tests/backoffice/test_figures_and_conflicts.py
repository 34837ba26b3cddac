"""Figures without personal data for report viewers; conflicts of interest handlers declare,
which take every action on those complaints away from them."""

from __future__ import annotations

import pytest

from shared.cases import Actor
from shared.cases.models import Complaint
from shared.db import db
from tests import committed as lifecycle
from tests.factories import PASSWORD, acknowledge, assign_to, at, make_staff, respond, submit
from tests.helpers import freeze


def sign_in(client, user):
    return client.submit(
        "/backoffice/sign-in", {"email": user.email, "password": PASSWORD}, follow_redirects=True
    )


# -- figures ----------------------------------------------------------------------------------


def test_a_report_viewer_sees_open_complaints_by_stage_and_status_and_no_personal_data(
    client, monkeypatch
):
    freeze(monkeypatch, "2025-03-20 10:00")
    officer = make_staff("complaints_officer")
    # Received 3 March: acknowledgement due 10 March, so overdue on 20 March.
    late = submit(received="2025-03-03 10:00", complainant_name="Amira Khan").complaint
    # Received 19 March: acknowledgement due 26 March.
    submit(received="2025-03-19 10:00", email="tom@example.com")
    # Acknowledged 4 March: response due 18 March, overdue.
    investigating = submit(received="2025-03-03 11:00").complaint
    acknowledge(investigating, officer, on="2025-03-04 10:00")
    # Answered, then a stage 2 review asked for.
    reviewed = submit(received="2025-03-03 12:00").complaint
    acknowledge(reviewed, officer, on="2025-03-04 10:00")
    respond(reviewed, officer, on="2025-03-10 10:00")
    lifecycle.request_stage_two(Actor.resident(), reviewed, at=at("2025-03-19 10:00"))
    # Closed: not counted.
    closed = submit(received="2025-03-03 13:00").complaint
    acknowledge(closed, officer, on="2025-03-04 10:00")
    respond(closed, officer, on="2025-03-05 10:00")
    lifecycle.close(Actor.staff(officer), closed, at=at("2025-03-06 10:00"))

    page = sign_in(client, make_staff("report_viewer"))

    assert page.h1 == "Figures"
    assert page.soup.select_one("#open-total").get_text() == "4"
    assert page.soup.select_one("#overdue-total").get_text() == "2"
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td, th")]
        for row in page.soup.select("#by-status tbody tr")
    ]
    assert rows == [
        ["Stage 1", "Received", "2", "1"],
        ["Stage 1", "Being investigated", "1", "1"],
        ["Stage 1", "Stage 1 response sent", "0", "0"],
        ["Stage 2", "Stage 2 review requested", "1", "0"],
        ["Stage 2", "Stage 2 review under way", "0", "0"],
        ["Stage 2", "Stage 2 response sent", "0", "0"],
        ["Stage 1", "All of stage 1", "3", "2"],
        ["Stage 2", "All of stage 2", "1", "0"],
    ]
    html = page.response.get_data(as_text=True)
    db.session.rollback()
    for complaint in db.session.scalars(db.select(Complaint)):
        assert complaint.reference not in html
        assert complaint.complainant.name not in html
        assert complaint.complainant.email not in html
    assert late.reference not in html
    assert page.soup.select_one("#by-handler") is None  # who has what is for managers


def test_a_manager_sees_open_complaints_by_handler_busiest_first(client, monkeypatch):
    freeze(monkeypatch, "2025-03-20 10:00")
    manager = make_staff("complaints_manager", name="Morgan Manager")
    ines = make_staff("investigating_officer", name="Ines Investigator")
    olu = make_staff("investigating_officer", name="Olu Officer")
    for received, handler in [
        ("2025-03-03 10:00", ines),  # acknowledgement overdue on 20 March
        ("2025-03-19 10:00", ines),
        ("2025-03-19 11:00", olu),
        ("2025-03-19 12:00", None),
    ]:
        complaint = submit(received=received).complaint
        if handler:
            lifecycle.assign(Actor.staff(manager), complaint, handler_id=handler.id)

    sign_in(client, manager)
    page = client.page("/backoffice/figures")

    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td, th")]
        for row in page.soup.select("#by-handler tbody tr")
    ]
    assert rows == [
        ["Ines Investigator", "2", "1"],
        ["Olu Officer", "1", "0"],
        ["Not assigned", "1", "0"],
    ]


def test_figures_count_in_the_readers_way(client, monkeypatch):
    from datetime import date

    from backoffice import service_views
    from shared.cases.figures import OpenComplaintFigures, StatusCount

    many = OpenComplaintFigures([StatusCount(1, "received", 12345, 1000)], date(2025, 3, 20))
    monkeypatch.setattr(service_views, "open_complaint_figures", lambda today: many)
    page = sign_in(client, make_staff("report_viewer"))
    assert page.soup.select_one("#open-total").get_text() == "12,345"
    assert page.soup.select_one("#overdue-total").get_text() == "1,000"


# -- conflicts of interest --------------------------------------------------------------------

CONFLICTS = "/backoffice/conflicts-of-interest"


@pytest.fixture
def investigator(app, client):
    user = make_staff("investigating_officer", name="Indra Investigator")
    sign_in(client, user)
    return user


def case_buttons(client, reference) -> list[str]:
    page = client.page(f"/backoffice/complaints/{reference}")
    return [b.get_text(strip=True) for b in page.soup.select(".govuk-button-group .govuk-button")]


def test_declaring_a_conflict_in_a_complaint_takes_its_actions_away(client, investigator):
    mine = submit(email="neighbour@example.com").complaint
    other = submit(email="someone@example.com").complaint
    for complaint in (mine, other):
        assign_to(complaint, investigator)
    assert case_buttons(client, mine.reference) == ["Acknowledge stage 1"]

    page = client.submit(
        CONFLICTS,
        {"reference": mine.reference.lower(), "about": "complaint", "note": "My neighbour."},
        follow_redirects=True,
    )

    assert "Conflict of interest declared." in page.text()
    row = [td.get_text(" ", strip=True) for td in page.soup.select("tbody tr td")]
    assert row[1:] == [f"Complaint {mine.reference}", "My neighbour."]
    assert case_buttons(client, mine.reference) == []
    notice = (
        "You declared a conflict of interest in this complaint, so someone else must handle it."
    )
    assert notice in client.page(f"/backoffice/complaints/{mine.reference}").text()
    assert case_buttons(client, other.reference) == ["Acknowledge stage 1"]
    assert notice not in client.page(f"/backoffice/complaints/{other.reference}").text()
    # Sent anyway, the move is refused with the reason and changes nothing.
    url = f"/backoffice/complaints/{mine.reference}/acknowledge"
    page = client.submit(url, {"points": "A point", "outcomes_sought": ["apology"]})
    assert page.status_code == 400
    assert page.error_summary() == [
        "You declared a conflict of interest in this complaint, so someone else must handle it."
    ]
    db.session.rollback()
    assert db.session.get(Complaint, mine.id).status == "received"


def test_a_conflict_with_a_person_covers_every_complaint_of_theirs(client, investigator):
    first = submit(email="cousin@example.com", complainant_name="Cara Cousin").complaint
    again = submit(complainant=first.complainant).complaint
    unrelated = submit(email="someone@example.com").complaint
    for complaint in (first, again, unrelated):
        assign_to(complaint, investigator)

    page = client.submit(
        CONFLICTS,
        {"reference": first.reference, "about": "person", "note": "My cousin."},
        follow_redirects=True,
    )

    assert "Every complaint of Cara Cousin" in page.text()
    assert case_buttons(client, first.reference) == []
    assert case_buttons(client, again.reference) == []
    assert case_buttons(client, unrelated.reference) == ["Acknowledge stage 1"]


def test_a_declaration_needs_a_known_reference_a_choice_and_a_note(client, investigator):
    page = client.submit(CONFLICTS, {"reference": "", "note": ""})
    assert page.status_code == 400
    assert page.error_summary() == [
        "Enter the complaint reference",
        "Select what the conflict of interest is about",
        "Describe the conflict of interest",
    ]

    page = client.submit(
        CONFLICTS, {"reference": "CMP-2099-000001", "about": "complaint", "note": "A note"}
    )
    assert page.status_code == 400
    assert page.field_error("reference") == "Error: There is no complaint with that reference"
    assert page.value_of("note") == "A note"


def test_the_same_conflict_is_not_declared_twice(client, investigator):
    complaint = submit().complaint
    data = {"reference": complaint.reference, "about": "complaint", "note": "My neighbour."}
    client.submit(CONFLICTS, data, follow_redirects=True)
    page = client.submit(CONFLICTS, data)
    assert page.status_code == 400
    assert page.field_error("reference") == (
        "Error: You have already declared this conflict of interest."
    )


def test_the_stage_two_reviewer_is_never_who_answered_stage_one(client):
    """Code 6.13, kept from the core: the stage 1 responder, even as a manager, is not
    offered the stage 2 response and is refused it."""
    manager = make_staff("complaints_manager")
    complaint = submit().complaint
    acknowledge(complaint, manager, on="2025-03-04 10:00")
    respond(complaint, manager, on="2025-03-10 10:00")
    lifecycle.request_stage_two(Actor.resident(), complaint, at=at("2025-03-11 10:00"))
    reviewer = make_staff("reviewer")
    acknowledge(complaint, reviewer, on="2025-03-12 10:00", stage=2)

    sign_in(client, manager)
    assert "Respond to stage 2" not in case_buttons(client, complaint.reference)
    url = f"/backoffice/complaints/{complaint.reference}/respond"
    page = client.submit(url, {"outcome": "upheld", "reasons": "Reviewed."})
    assert page.error_summary() == [
        "You acted on this complaint at stage 1, so someone independent must review it."
    ]
