"""The back office's "Equalities analysis" page: for the complaints manager and report
viewers only, counts by answer, stage and outcome for a financial year, small counts hidden."""

from __future__ import annotations

import pytest

from shared.db import unit_of_work
from shared.equalities import PREFER_NOT_TO_SAY, QUESTIONS, record_answers
from tests.backoffice.test_sign_in_and_queue import sign_in
from tests.factories import acknowledge, make_staff, respond, submit
from tests.helpers import freeze

PAGE = "/backoffice/equalities"


@pytest.fixture
def answers_given(app, monkeypatch):
    """Seven complaints received in financial year 2025 to 2026 with answers: six aged 25 to
    34 (upheld at stage 1), one aged 65 to 74 (no decision yet)."""
    freeze(monkeypatch, "2026-01-15 10:00")
    staff = make_staff("complaints_officer")
    for number in range(7):
        sent = submit(received="2025-06-02 10:00")
        age = "65_to_74" if number == 6 else "25_to_34"
        if number < 6:
            acknowledge(sent.complaint, staff, on="2025-06-03 10:00")
            respond(sent.complaint, staff, on="2025-06-05 10:00", outcome="upheld")
        with unit_of_work():
            record_answers(
                sent.complaint,
                {q.code: age if q.code == "age_band" else PREFER_NOT_TO_SAY for q in QUESTIONS},
            )


def cells(page, table_id: str, row: str) -> list[str]:
    table = page.soup.find(id=table_id)
    for tr in table.select("tbody tr"):
        if tr.find("th").get_text(strip=True) == row:
            return [td.get_text(strip=True) for td in tr.find_all("td")]
    raise AssertionError(f"no row {row!r}")


@pytest.mark.parametrize("role", ["complaints_manager", "report_viewer"])
def test_managers_and_report_viewers_see_the_tables_with_small_counts_hidden(
    client, answers_given, role
):
    sign_in(client, make_staff(role))
    page = client.page(PAGE)
    assert page.h1 == "Equalities analysis"
    assert page.soup.find(id="responses-total").get_text(strip=True) == "7"
    assert page.value_of("year") == "2025"
    # Stage 1 upheld, partially, not upheld, no decision; the same at stage 2; total.
    hidden = "fewer than 5"
    assert cells(page, "equalities-age_band", "25 to 34") == [
        "6",
        *[hidden] * 7,
        "6",
    ]
    assert cells(page, "equalities-age_band", "65 to 74") == [hidden] * 9
    assert cells(page, "equalities-age_band", "Total") == ["6", *[hidden] * 7, "7"]
    # Every question has its table, and no row is anyone's.
    assert len(page.soup.select("table[id^=equalities-]")) == 9
    assert "Sam Resident" not in page.text()


def test_another_financial_year_can_be_chosen(client, answers_given):
    sign_in(client, make_staff("report_viewer"))
    page = client.page(f"{PAGE}?year=2024")
    assert page.value_of("year") == "2024"
    assert "1 April 2024" in page.text() and "31 March 2025" in page.text()
    assert page.soup.find(id="responses-total").get_text(strip=True) == "fewer than 5"
    # A year not offered shows the current one.
    assert client.page(f"{PAGE}?year=1900").value_of("year") == "2025"


@pytest.mark.parametrize("role", ["complaints_officer", "investigating_officer", "reviewer"])
def test_handlers_cannot_open_it(client, app, role):
    sign_in(client, make_staff(role))
    assert client.get(PAGE).status_code == 403
    figures = client.page("/backoffice/figures")
    assert "Equalities analysis" not in figures.text()


def test_the_figures_page_links_to_it_for_those_who_may_see_it(client, app):
    sign_in(client, make_staff("report_viewer"))
    figures = client.page("/backoffice/figures")
    link = figures.soup.find("a", string="Equalities analysis and satisfaction survey")
    assert link["href"] == PAGE
