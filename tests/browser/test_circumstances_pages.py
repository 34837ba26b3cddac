"""The resident's circumstances in real Chromium, each page checked with axe-core: a manager
records a vulnerability and a restriction on contact, sees the warning on the case, and
reviews the restriction."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from shared import clock
from tests.browser.conftest import assert_accessible, save_screenshot, sign_in
from tests.browser.test_resident_and_staff_paths import make_complaint

pytestmark = pytest.mark.browser


def fill_date(page, legend: str, day) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_manager_records_a_vulnerability_and_restricts_contact(live_server, page):
    reference = make_complaint(page, live_server, "Rhiannon Price")
    review = clock.today().replace(day=1).replace(year=clock.today().year + 1)
    sign_in(page, live_server, "complaints_manager")
    page.get_by_role("link", name=reference).click()

    page.get_by_role("link", name="Record a vulnerability").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a vulnerability")
    assert_accessible(page)
    page.get_by_role("button", name="Record the vulnerability").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    page.get_by_label("What did the resident tell us?").fill("Has dyslexia; prefers phone calls.")
    fill_date(page, "When should this be reviewed?", review)
    page.get_by_role("button", name="Record the vulnerability").click()
    expect(page.get_by_text("Vulnerability recorded.")).to_be_visible()

    page.get_by_role("link", name="Restrict contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Restrict contact")
    page.get_by_role("button", name="Record the restriction").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)
    page.get_by_role("radio", name="A single point of contact").check()
    page.get_by_label("What exactly is restricted?").fill("Contact through Dee Davies only.")
    page.get_by_label("Why is it needed?").fill("Many calls a day to different officers.")
    fill_date(page, "When will it be reviewed?", review)
    page.get_by_role("button", name="Record the restriction").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Complaint {reference}")
    expect(page.locator(".app-restriction")).to_contain_text("A single point of contact")
    expect(page.locator(".app-vulnerabilities")).to_contain_text("Has dyslexia")
    assert_accessible(page)
    save_screenshot(page, "staff-case-circumstances")

    page.get_by_role("link", name="Review this restriction").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review a restriction on contact")
    assert_accessible(page)
    page.get_by_role("radio", name="Lift the restriction").check()
    page.get_by_label("What did the review find?").fill("Contact is back to normal.")
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Restriction lifted.")).to_be_visible()
    expect(page.locator(".app-restriction")).to_have_count(0)
