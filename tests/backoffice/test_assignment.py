"""Giving a complaint to a handler: on acknowledgement or later, only to someone who may
answer its stage, has declared no conflict in it and, at stage 2, did not act on stage 1."""

from __future__ import annotations

import pytest

from shared.cases import Actor
from shared.cases.models import Complaint
from shared.db import db, unit_of_work
from shared.people import conflicts
from tests import committed as lifecycle
from tests.backoffice.test_case_actions import case_url, flash, sign_in
from tests.factories import acknowledge, make_staff, respond, submit
from tests.helpers import summary

DEFINITION = {"points": "The boiler was not fixed.", "outcomes_sought": ["apology"]}


@pytest.fixture
def officer(app):
    return make_staff("complaints_officer", name="Olu Officer")


@pytest.fixture
def investigator(app):
    return make_staff("investigating_officer", name="Ines Investigator")


def handler_of(complaint) -> int | None:
    db.session.rollback()
    return db.session.get(Complaint, complaint.id).handler_id


def options(page) -> list[str]:
    return [o.get_text(strip=True) for o in page.soup.select("select[name=handler] option")]


def test_acknowledging_can_assign_the_handler_in_the_same_step(client, officer, investigator):
    sent = submit(received="2025-03-03 10:00")
    make_staff("reviewer", name="Rita Reviewer")  # cannot answer stage 1
    sign_in(client, officer)
    form = client.page(f"{case_url(sent)}/acknowledge")
    assert "Ines Investigator" in options(form) and "Rita Reviewer" not in options(form)

    page = client.submit(
        f"{case_url(sent)}/acknowledge",
        {
            "points": "The boiler was not fixed.",
            "outcomes_sought": ["apology"],
            "handler": str(investigator.id),
        },
        follow_redirects=True,
    )

    assert page.h1.startswith("Complaint ")
    assert handler_of(sent.complaint) == investigator.id
    rows = " ".join(page.soup.select_one(".govuk-summary-list").get_text(" ").split())
    assert "Handler Ines Investigator" in rows


def test_a_handler_refused_keeps_the_acknowledgement_from_happening(client, officer):
    sent = submit(received="2025-03-03 10:00")
    reviewer = make_staff("reviewer", name="Rita Reviewer")
    sign_in(client, officer)

    page = client.submit(
        f"{case_url(sent)}/acknowledge",
        {
            "points": "The boiler was not fixed.",
            "outcomes_sought": ["apology"],
            "handler": str(reviewer.id),
        },
    )

    assert page.status_code == 400
    assert summary(page) == ["Rita Reviewer's role cannot answer this stage."]
    db.session.rollback()
    assert db.session.get(Complaint, sent.complaint.id).status == "received"  # both or neither


def test_someone_with_a_declared_conflict_is_not_offered_or_accepted(client, officer, investigator):
    sent = submit(received="2025-03-03 10:00")
    with unit_of_work():
        conflicts.declare_conflict(investigator, sent.complaint, "complaint", "My neighbour.")
    sign_in(client, officer)

    form = client.page(f"{case_url(sent)}/assign")
    assert "Ines Investigator" not in options(form)
    page = client.submit(f"{case_url(sent)}/assign", {"handler": str(investigator.id)})
    assert summary(page) == ["Ines Investigator declared a conflict of interest in this complaint."]
    assert handler_of(sent.complaint) is None


def test_at_stage_two_nobody_who_acted_on_stage_one_is_offered(client, officer, investigator):
    sent = submit(received="2025-03-03 10:00")
    acknowledge(sent.complaint, officer, on="2025-03-05 10:00")
    respond(sent.complaint, investigator, on="2025-03-10 10:00")
    lifecycle.request_stage_two(Actor.resident(), sent.complaint)
    manager = make_staff("complaints_manager", name="Morgan Manager")
    make_staff("reviewer", name="Rita Reviewer")
    sign_in(client, manager)

    form = client.page(f"{case_url(sent)}/assign")

    assert options(form)[1:] == ["Morgan Manager", "Rita Reviewer"]
    page = client.submit(
        f"{case_url(sent)}/assign", {"handler": str(manager.id)}, follow_redirects=True
    )
    assert flash(page) == "Handler assigned."
    assert handler_of(sent.complaint) == manager.id
