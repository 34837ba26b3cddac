"""The pages that run the service, in real Chromium, each checked with axe-core: staff
accounts, closure days, figures and conflicts of interest."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, save_screenshot, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_the_manager_adds_an_account_that_can_sign_in(live_server, page):
    sign_in(page, live_server, "complaints_manager")
    page.get_by_role("link", name="Staff", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff")
    assert_accessible(page)

    page.get_by_role("button", name="Add a member of staff").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a member of staff")
    assert_accessible(page)

    # Nothing filled in: the errors, and the summary's links lead to the fields.
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)
    page.get_by_role("alert").get_by_role("link", name="Enter their full name").click()
    expect(page.get_by_label("Full name")).to_be_focused()

    page.get_by_label("Full name").fill("Nadia New")
    page.get_by_label("Email address").fill("nadia.new@council.example")
    page.get_by_role("radio", name="Investigating officer").check()
    page.get_by_role("checkbox", name="Parking").check()
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Account created")
    password = page.locator("#password").inner_text()
    assert len(password) >= 20
    assert_accessible(page)
    save_screenshot(page, "staff-account-created")

    page.get_by_role("link", name="See their account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nadia New")
    expect(page.get_by_role("radio", name="Investigating officer")).to_be_checked()
    assert_accessible(page)

    page.get_by_role("button", name="Reset password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset password")
    assert_accessible(page)

    sign_out(page)
    page.goto(live_server + "/backoffice/sign-in")
    page.get_by_label("Email address").fill("nadia.new@council.example")
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open complaints")
    expect(page.get_by_role("link", name="Staff", exact=True)).to_have_count(0)


def test_the_manager_adds_and_removes_a_closure_day(live_server, page):
    sign_in(page, live_server, "complaints_manager")
    page.get_by_role("link", name="Closure days").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Closure days")
    assert_accessible(page)

    page.get_by_label("Day", exact=True).fill("31")
    page.get_by_label("Month", exact=True).fill("2")
    page.get_by_label("Year", exact=True).fill("2030")
    page.get_by_role("button", name="Add closure day").click()
    expect(page.get_by_role("alert")).to_contain_text("The date must be a real date")
    assert_accessible(page)

    page.get_by_label("Day", exact=True).fill("27")
    page.get_by_label("Month", exact=True).fill("12")
    page.get_by_label("Reason (optional)").fill("Office closed")
    page.get_by_role("button", name="Add closure day").click()
    expect(page.get_by_text("Friday 27 December 2030 is now a closure day.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Friday 27 December 2030")
    expect(row).to_contain_text("Office closed")
    assert_accessible(page)
    save_screenshot(page, "closure-days")

    row.get_by_role("button", name="Remove Friday 27 December 2030").click()
    expect(page.get_by_text("Friday 27 December 2030 is no longer a closure day.")).to_be_visible()
    assert_accessible(page)


def test_a_handler_declares_a_conflict_and_a_report_viewer_sees_figures(live_server, page):
    sign_in(page, live_server, "reviewer")
    page.get_by_role("link", name="Conflicts of interest").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conflicts of interest")
    assert_accessible(page)
    page.get_by_role("button", name="Declare conflict of interest").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    sign_out(page)

    sign_in(page, live_server, "report_viewer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Figures")
    expect(page.get_by_role("table")).to_contain_text("Received")
    assert_accessible(page)
    save_screenshot(page, "figures")
    page.goto(live_server + "/backoffice/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    assert_accessible(page)


def test_an_officer_opens_the_letters_to_print(live_server, page):
    sign_in(page, live_server, "complaints_officer")
    page.get_by_role("link", name="Letters to print").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Letters to print")
    assert_accessible(page)


def test_a_report_viewer_reads_the_annual_report_for_a_period_they_choose(live_server, page):
    sign_in(page, live_server, "report_viewer")
    page.get_by_role("link", name="Annual report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual complaints report")
    assert_accessible(page)
    page.get_by_label("Number of homes (optional)").fill("a few")
    page.get_by_role("button", name="Show the report").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    page.get_by_label("Number of homes (optional)").fill("12500")
    page.get_by_label("All council services").check()
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("table", name="Complaints opened", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Complaints opened", exact=True)).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "annual-report")
