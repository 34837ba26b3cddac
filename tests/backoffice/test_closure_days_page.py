"""The complaints manager adds and removes closure days on a page, and sees how many
complaints' deadlines moved."""

from __future__ import annotations

from datetime import date

import pytest

from shared.cases import Actor, add_closure_day
from shared.cases.models import Complaint
from shared.db import db, unit_of_work
from shared.reference.models import ClosureDay
from tests.factories import PASSWORD, make_staff, submit
from tests.helpers import count, freeze

PAGE = "/backoffice/closure-days"


@pytest.fixture
def manager(app, client, monkeypatch):
    freeze(monkeypatch, "2025-12-15 10:00")
    user = make_staff("complaints_manager")
    client.submit(
        "/backoffice/sign-in", {"email": user.email, "password": PASSWORD}, follow_redirects=True
    )
    return user


def next_deadline(complaint) -> date:
    db.session.rollback()
    return db.session.get(Complaint, complaint.id).next_deadline


def listed(page) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")][:2]
        for row in page.soup.select("tbody tr")
    ]


def test_adding_a_closure_day_moves_deadlines_and_says_how_many(client, manager):
    # Received Friday 19 December 2025: acknowledge by Tuesday 30 December.
    waiting = submit(received="2025-12-19 10:00").complaint
    assert next_deadline(waiting) == date(2025, 12, 30)
    page = client.page(PAGE)
    assert page.h1 == "Closure days"
    assert "There are no closure days to come." in page.text()

    page = client.submit(
        PAGE, {"day": ["29", "12", "2025"], "reason": "Office closed"}, follow_redirects=True
    )

    assert (
        "Monday 29 December 2025 is now a closure day. "
        "The deadlines of 1 open complaint moved." in page.text()
    )
    assert listed(page) == [["Monday 29 December 2025", "Office closed"]]
    assert next_deadline(waiting) == date(2025, 12, 31)

    # Removing it moves the deadline back.
    remove = page.soup.select_one(f'form[action="{PAGE}/2025-12-29/remove"]')
    assert remove.find("button").get_text(" ", strip=True) == "Remove Monday 29 December 2025"
    page = client.submit(f"{PAGE}/2025-12-29/remove", {}, csrf_from=PAGE, follow_redirects=True)

    assert (
        "Monday 29 December 2025 is no longer a closure day. "
        "The deadlines of 1 open complaint moved." in page.text()
    )
    assert "There are no closure days to come." in page.text()
    assert next_deadline(waiting) == date(2025, 12, 30)
    assert count(ClosureDay) == 0


def test_a_day_that_moves_nothing_says_so(client, manager):
    page = client.submit(PAGE, {"day": ["2", "1", "2026"]}, follow_redirects=True)
    assert "The deadlines of 0 open complaints moved." in page.text()
    assert listed(page) == [["Friday 2 January 2026", "–"]]


def test_only_days_to_come_are_listed(client, manager):
    with unit_of_work():
        add_closure_day(Actor.system(), date(2025, 12, 1), "Training day")
        add_closure_day(Actor.system(), date(2026, 1, 2), "Office closed")
    assert listed(client.page(PAGE)) == [["Friday 2 January 2026", "Office closed"]]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (["", "", ""], "Enter the date the council is closed"),
        (["31", "2", "2026"], "The date must be a real date, like 29 12 2026"),
        (["29", "12", ""], "The date must be a real date, like 29 12 2026"),
        (["29", "12", "2099"], "The date must be in a year from 2015 to 2040."),
    ],
    ids=["empty", "not-a-real-date", "no-year", "beyond-the-calendar"],
)
def test_a_wrong_date_is_refused_and_kept(client, manager, day, message):
    page = client.submit(PAGE, {"day": day, "reason": "Office closed"})

    assert page.status_code == 400
    assert page.title.startswith("Error: Closure days")
    assert page.error_summary() == [message]
    boxes = [page.soup.find(id=f"day-{part}")["value"] or "" for part in ("day", "month", "year")]
    assert boxes == day
    assert page.value_of("reason") == "Office closed"
    assert count(ClosureDay) == 0


def test_a_day_already_closed_is_refused(client, manager):
    with unit_of_work():
        add_closure_day(Actor.system(), date(2025, 12, 29), "Office closed")
    page = client.submit(PAGE, {"day": ["29", "12", "2025"]})
    assert page.status_code == 400
    assert page.error_summary() == ["2025-12-29 is already a closure day."]


def test_a_reason_too_long_is_refused(client, manager):
    page = client.submit(PAGE, {"day": ["29", "12", "2025"], "reason": "x" * 201})
    assert page.status_code == 400
    assert page.error_summary() == ["The reason must be 200 characters or fewer."]
    assert count(ClosureDay) == 0


def test_removing_a_day_that_is_not_closed_says_so(client, manager):
    page = client.submit(f"{PAGE}/2025-12-29/remove", {}, csrf_from=PAGE, follow_redirects=True)
    assert "2025-12-29 is not a closure day." in page.text()
    assert client.post(f"{PAGE}/not-a-date/remove").status_code in {400, 404}


def test_the_date_boxes_have_translatable_labels(client, manager):
    page = client.page(PAGE)
    labels = [
        page.soup.find("label", attrs={"for": f"day-{p}"}).get_text(strip=True)
        for p in ("day", "month", "year")
    ]
    assert labels == ["Day", "Month", "Year"]
    legend = page.soup.select_one("fieldset legend").get_text(strip=True)
    assert legend == "Date the council is closed"
