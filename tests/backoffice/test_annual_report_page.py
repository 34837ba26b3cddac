"""The annual report in the back office: the figures a person can check against the
imported example (tests/shared/reports/test_import_and_annual_report.py works them out),
charts with their tables, downloads, and a period typed wrongly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from shared.db import unit_of_work
from shared.importing import import_complaints
from tests.factories import PASSWORD, make_staff

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "import-example.csv"
YEAR = "from_on=1&from_on=4&from_on=2025&to_on=31&to_on=3&to_on=2026&scope=housing&homes=2%2C000"


def sign_in(client, role="report_viewer"):
    user = make_staff(role)
    client.submit(
        "/backoffice/sign-in", {"email": user.email, "password": PASSWORD}, follow_redirects=True
    )
    return user


def load_example():
    with unit_of_work(), EXAMPLE.open(encoding="utf-8") as stream:
        import_complaints(stream, today=date(2026, 6, 1))


def cells(page, table_id):
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in page.soup.select(f"#{table_id} tbody tr")
    ]


def test_a_report_viewer_reads_the_annual_report_for_a_period(client):
    load_example()
    sign_in(client)
    page = client.page(f"/backoffice/reports/annual?{YEAR}")
    assert page.status_code == 200
    assert page.h1 == "Annual complaints report"
    assert cells(page, "opened") == [
        ["Stage 1", "4"],
        ["Stage 2", "2"],
        ["Referred to an Ombudsman", "1"],
    ]
    assert ["Stage 1", "3", "2", "66.7"] in cells(page, "timeliness")
    assert ["CH02 (2): stage 2 responses within timescale (%)", "50.0"] in cells(page, "tsm")
    # Each chart names itself for a screen reader, with its table beside it.
    for chart_id in ("opened-chart", "by-service-area-chart", "timeliness-chart"):
        svg = page.soup.select_one(f"svg#{chart_id}")
        assert svg["role"] == "img"
        assert svg.select_one("title").get_text()
    assert "counted under refused" in page.soup.select_one("#counting-rules + ul").get_text()


def test_the_report_downloads_as_csv_and_pdf_for_the_same_period(client):
    load_example()
    sign_in(client, "complaints_manager")
    csv = client.get(f"/backoffice/reports/annual.csv?{YEAR}")
    assert csv.status_code == 200
    assert "attachment" in csv.headers["Content-Disposition"]
    assert "tsm.CH01_stage1_per_1000_homes,1.5\n" in csv.get_data(as_text=True)
    pdf = client.get(f"/backoffice/reports/annual.pdf?{YEAR}")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_without_a_period_it_shows_the_last_financial_year(client):
    sign_in(client)
    page = client.page("/backoffice/reports/annual")
    assert page.status_code == 200
    assert page.soup.select_one("#opened")


def test_a_period_that_ends_before_it_starts_or_a_wrong_number_of_homes_is_explained(client):
    sign_in(client)
    page = client.page(
        "/backoffice/reports/annual?from_on=1&from_on=4&from_on=2026&to_on=31&to_on=3"
        "&to_on=2026&scope=housing&homes=lots"
    )
    assert page.status_code == 400
    errors = page.soup.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Enter the number of homes as a whole number" in errors
    # What was typed is still there.
    assert page.soup.select_one("input[name=homes]")["value"] == "lots"
    assert not page.soup.select_one("#opened")
    page = client.page(
        "/backoffice/reports/annual?from_on=1&from_on=4&from_on=2026&to_on=31&to_on=3"
        "&to_on=2026&scope=housing"
    )
    assert (
        "The end of the period must be on or after its start"
        in page.soup.select_one(".govuk-error-summary").get_text()
    )


def test_a_bad_period_in_a_download_link_shows_the_page_with_the_problem(client):
    sign_in(client)
    response = client.get("/backoffice/reports/annual.csv?from_on=x&to_on=y")
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.data
