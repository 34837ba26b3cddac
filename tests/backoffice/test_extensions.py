"""Extending the response deadline from the case page, and a manager's approval beyond the
policy's limit. Received Monday 3 March 2025, acknowledged Wednesday 5 March: the response
is due Wednesday 19 March, and the limit with extensions is Wednesday 2 April."""

from __future__ import annotations

import pytest

from shared.cases.models import Complaint
from shared.db import db
from tests.backoffice.test_case_actions import buttons, case_url, flash, sign_in, timeline
from tests.factories import acknowledge, make_staff, submit
from tests.helpers import count, deliver_notices, summary

REASON = "The surveyor's report will not be ready until next week."
GOOD_REASON = "The roofing specialist cannot inspect before April."


@pytest.fixture
def officer(app):
    return make_staff("complaints_officer", name="Olu Officer")


@pytest.fixture
def manager(app):
    return make_staff("complaints_manager", name="Morgan Manager")


@pytest.fixture
def acknowledged(officer):
    sent = submit(received="2025-03-03 10:00")
    acknowledge(sent.complaint, officer, on="2025-03-05 10:00")
    return sent


def due_by(complaint: Complaint):
    db.session.rollback()
    return db.session.get(Complaint, complaint.id).current.respond_by.isoformat()


def test_the_case_page_offers_an_extension_and_the_page_says_the_dates(
    client, officer, acknowledged
):
    sign_in(client, officer)
    assert "Extend the response deadline" in buttons(client.page(case_url(acknowledged)))

    page = client.page(f"{case_url(acknowledged)}/extend")

    assert page.h1 == "Extend the response deadline"
    text = page.text()
    assert "The stage 1 response is due by Wednesday 19 March 2025." in text
    assert "extensions can run to Wednesday 2 April 2025" in text


def test_an_extension_within_the_limit_is_in_force_and_the_resident_told(
    client, officer, acknowledged
):
    sign_in(client, officer)

    page = client.submit(
        f"{case_url(acknowledged)}/extend",
        {"working_days": "5", "reason": REASON},
        follow_redirects=True,
    )

    assert flash(page) == "Deadline extended. The resident has been sent the new date."
    assert due_by(acknowledged.complaint) == "2025-03-26"
    card = page.soup.select_one(".app-extension")
    assert "5 working days more" in card.get_text(" ", strip=True)
    assert "In force" in card.get_text(" ", strip=True)
    assert "Wednesday 19 March 2025 to Wednesday 26 March 2025" in card.get_text(" ", strip=True)
    assert timeline(page)[-1].startswith("Response deadline extended ")
    assert "Wednesday 26 March 2025" in deliver_notices()[-1]["body"]


def test_bad_input_is_explained_and_nothing_typed_is_lost(client, officer, acknowledged):
    sign_in(client, officer)

    page = client.submit(
        f"{case_url(acknowledged)}/extend", {"working_days": "ten", "reason": REASON}
    )

    assert page.status_code == 400
    assert summary(page) == [
        "Enter the number of working days to add, a whole number from 1 to 260"
    ]
    assert page.value_of("working_days") == "ten"
    assert page.value_of("reason").strip() == REASON
    assert due_by(acknowledged.complaint) == "2025-03-19"


def test_beyond_the_limit_without_a_good_reason_asks_for_one(client, officer, acknowledged):
    sign_in(client, officer)

    page = client.submit(
        f"{case_url(acknowledged)}/extend", {"working_days": "15", "reason": REASON}
    )

    assert page.status_code == 400
    assert summary(page) == [
        "This extension goes beyond the policy's limit: record the good reason for it"
    ]
    assert page.value_of("working_days") == "15"
    assert due_by(acknowledged.complaint) == "2025-03-19"


def test_beyond_the_limit_a_manager_approves_on_the_case_page(
    client, officer, manager, acknowledged
):
    sign_in(client, officer)
    asked = client.submit(
        f"{case_url(acknowledged)}/extend",
        {"working_days": "15", "reason": REASON, "good_reason": GOOD_REASON},
        follow_redirects=True,
    )
    assert flash(asked).startswith("Extension asked for.")
    assert "Waiting for approval" in asked.soup.select_one(".app-extension").get_text()
    assert asked.soup.select_one("form[action$='/extension-decision']") is None  # not hers
    assert due_by(acknowledged.complaint) == "2025-03-19"
    client.post("/backoffice/sign-out", data=asked.hidden_fields())

    sign_in(client, manager)
    case = client.page(case_url(acknowledged))
    assert [b.get_text(strip=True) for b in case.soup.select(".app-extension button")] == [
        "Approve extension",
        "Refuse extension",
    ]
    approved = client.submit(
        f"{case_url(acknowledged)}/extension-decision",
        {"approve": "Approve extension"},
        csrf_from=case_url(acknowledged),
        follow_redirects=True,
    )

    assert flash(approved) == "Extension approved. The resident has been sent the new date."
    assert due_by(acknowledged.complaint) == "2025-04-09"
    card = approved.soup.select_one(".app-extension").get_text(" ", strip=True)
    assert "In force" in card and "Decided by Morgan Manager" in card
    assert GOOD_REASON in card


def test_a_stale_extension_form_is_refused_with_the_case_as_it_is_now(
    client, officer, acknowledged
):
    sign_in(client, officer)
    stale = client.page(f"{case_url(acknowledged)}/extend").hidden_fields()
    client.submit(
        f"{case_url(acknowledged)}/extend",
        {"working_days": "2", "reason": REASON},
        follow_redirects=True,
    )
    events = count_events()

    page = client.post(
        f"{case_url(acknowledged)}/extend",
        data={**stale, "working_days": "3", "reason": REASON},
        follow_redirects=True,
    )

    assert "This case was changed by someone else" in page.get_data(as_text=True)
    assert due_by(acknowledged.complaint) == "2025-03-21"
    assert count_events() == events


def count_events() -> int:
    from shared.cases.audit import AuditEvent

    return count(AuditEvent)


def test_no_extension_is_offered_before_acknowledgement(client, officer):
    sent = submit(received="2025-03-03 10:00")
    sign_in(client, officer)

    assert "Extend the response deadline" not in buttons(client.page(case_url(sent)))
    page = client.submit(f"{case_url(sent)}/extend", {"working_days": "3", "reason": REASON})
    assert page.status_code == 400
    assert due_by(sent.complaint) == "2025-03-24"
