"""The public "When will I hear back?" page, over HTTP: dates from the SLA engine and the
council's calendar, and the GOV.UK date input's errors."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import pytest

from shared.cases import Actor, add_closure_day
from shared.db import unit_of_work
from tests.helpers import freeze

URL = "/when-will-i-hear-back"


def ask(client, day="3", month="11", year="2026", service=""):
    query = {
        "complaint_date-day": day,
        "complaint_date-month": month,
        "complaint_date-year": year,
        "service_area_code": service,
    }
    return client.page(f"{URL}?{urlencode(query)}")


def answers(page) -> list[str]:
    return [li.get_text(" ", strip=True) for li in page.soup.select("main ul.govuk-list li")]


def box_classes(page, part: str) -> list[str]:
    return page.soup.find(id=f"complaint_date-{part}")["class"]


@pytest.fixture(autouse=True)
def december_2026(monkeypatch):
    freeze(monkeypatch, "2026-12-01 10:00")


def test_the_empty_question_asks_for_a_date_and_shows_no_dates(client):
    page = client.page(URL)

    assert page.status_code == 200
    assert page.h1 == "When will I hear back?"
    assert page.soup.find("legend").get_text(strip=True) == "When did you make your complaint?"
    assert [
        page.soup.find("label", attrs={"for": f"complaint_date-{p}"}).get_text(strip=True)
        for p in ("day", "month", "year")
    ] == ["Day", "Month", "Year"]
    assert "For example, 1 12 2026" in page.text()
    assert page.soup.find(id="dates") is None
    assert page.error_summary() == []


def test_choosing_a_language_is_not_taken_for_an_empty_answer(client):
    page = client.page(f"{URL}?lang=en")

    assert page.status_code == 200
    assert page.error_summary() == []


def test_a_date_gives_the_dates_owed_in_plain_words(client):
    page = ask(client)  # Tuesday 3 November 2026

    assert page.status_code == 200
    assert "For a complaint made on Tuesday 3 November 2026:" in page.text()
    stage_one = answers(page)[:3]
    assert stage_one == [
        "We will contact you by Tuesday 10 November 2026 to confirm what we will look into.",
        "We will send you our full response by Tuesday 24 November 2026.",
        "If we need more time, we will tell you why and give you a new date. Without a very "
        "good reason, that date will be no later than Tuesday 8 December 2026.",
    ]
    assert "These are the latest dates for any service." in page.text()
    # What was typed stays in the boxes.
    assert [page.value_of(f"complaint_date-{p}") for p in ("day", "month", "year")] == [
        "3",
        "11",
        "2026",
    ]


def test_a_closure_day_moves_the_dates_shown(client):
    before = answers(ask(client))[0]
    with unit_of_work():
        add_closure_day(Actor.system(), date(2026, 11, 5), "Staff training")

    after = answers(ask(client))

    assert before == (
        "We will contact you by Tuesday 10 November 2026 to confirm what we will look into."
    )
    assert after[:3] == [
        "We will contact you by Wednesday 11 November 2026 to confirm what we will look into.",
        "We will send you our full response by Wednesday 25 November 2026.",
        "If we need more time, we will tell you why and give you a new date. Without a very "
        "good reason, that date will be no later than Wednesday 9 December 2026.",
    ]


def test_bank_holidays_are_not_working_days(client):
    # Friday 19 December 2025: Christmas Day and Boxing Day (Thursday and Friday) skipped.
    page = ask(client, day="19", month="12", year="2025")
    assert answers(page)[0] == (
        "We will contact you by Tuesday 30 December 2025 to confirm what we will look into."
    )


def test_the_service_chosen_decides_how_stage_2_is_timed(client):
    housing = ask(client, service="repairs_and_maintenance")
    corporate = ask(client, service="parking")

    assert "For a complaint about Repairs and maintenance made on Tuesday 3 November 2026:" in (
        housing.text()
    )
    assert "These are the latest dates for any service." not in housing.text()
    assert answers(housing)[3:] == [
        "We will contact you within 5 working days of your request to confirm what the "
        "review will look into.",
        "We will send you our final response within 20 working days after that.",
        "If we need more time, we will tell you why. Without a very good reason, it will be "
        "no more than 20 extra working days.",
    ]
    assert "We will send you our final response within 20 working days of your request." in (
        answers(corporate)
    )
    assert housing.value_of("service_area_code") == "repairs_and_maintenance"


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "wrong"),
    [
        ("", "", "", "Enter the date of your complaint", ["day", "month", "year"]),
        ("3", "", "2026", "The date of your complaint must include a month", ["month"]),
        (
            "",
            "",
            "2026",
            "The date of your complaint must include a day and month",
            ["day", "month"],
        ),
        ("31", "2", "2026", "The date of your complaint must be a real date", ["day"]),
        ("3", "13", "2026", "The date of your complaint must be a real date", ["month"]),
        ("3", "Nov", "2026", "The date of your complaint must be a real date", ["month"]),
        ("3", "11", "26", "Year must include 4 numbers", ["year"]),
        (
            "2",
            "12",
            "2026",
            "The date of your complaint must be today or in the past",
            ["day", "month", "year"],
        ),
        (
            "1",
            "1",
            "1999",
            "The date of your complaint must be on or after Thursday 1 January 2015",
            ["day", "month", "year"],
        ),
    ],
)
def test_a_date_that_is_not_one_says_what_is_wrong_and_keeps_what_was_typed(
    client, day, month, year, message, wrong
):
    page = ask(client, day, month, year, service="parking")

    assert page.status_code == 400
    assert page.title.startswith("Error:")
    assert page.error_summary() == [message]
    link = page.soup.select_one(".govuk-error-summary__list a")["href"]
    assert link == f"#complaint_date-{wrong[0]}"
    assert page.field_error("complaint_date") == f"Error: {message}"
    for part in ("day", "month", "year"):
        assert ("govuk-input--error" in box_classes(page, part)) == (part in wrong), part
    assert [page.value_of(f"complaint_date-{p}") for p in ("day", "month", "year")] == [
        day,
        month,
        year,
    ]
    assert page.value_of("service_area_code") == "parking"
    assert page.soup.find(id="dates") is None


def test_an_unknown_service_is_refused_and_the_date_is_kept(client):
    page = ask(client, service="no_such_service")

    assert page.status_code == 400
    assert page.error_summary() == ["Select a service from the list, or leave it blank"]
    assert page.value_of("complaint_date-day") == "3"
    assert page.soup.find(id="dates") is None
