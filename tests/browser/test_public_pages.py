"""The start page, the "When will I hear back?" page, the compliments form and the footer
pages in real Chromium: each checked with axe-core, in its empty and its error states."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

# Every public page these tests cover, with its one main heading.
PAGES = {
    "/": "Make a complaint",
    "/when-will-i-hear-back": "When will I hear back?",
    "/compliment": "Give a compliment",
    "/help": "Get help or information in another format",
    "/accessibility": "Accessibility statement",
    "/privacy": "Privacy notice",
    "/cookies": "Cookies",
    "/account": "Follow your complaint",
}


@pytest.mark.parametrize(("path", "heading"), PAGES.items())
def test_each_page_is_accessible_and_its_footer_links_work(live_server, page, path, heading):
    page.goto(live_server + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page).to_have_title(re.compile("^" + re.escape(heading)))
    assert_accessible(page)

    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")


def test_the_hear_back_page_with_errors_and_with_dates(live_server, page):
    page.goto(live_server + "/when-will-i-hear-back")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Show the dates").click()

    expect(page).to_have_title(re.compile(r"^Error: When will I hear back\?"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("The date of your complaint must be a real date")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    summary.get_by_role("link").click()
    expect(page.get_by_label("Day")).to_be_focused()
    expect(page.get_by_label("Month")).to_have_value("2")
    assert_accessible(page)

    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Which service is your complaint about? (optional)").select_option(
        label="Parking"
    )
    page.get_by_role("button", name="Show the dates").click()
    expect(page.get_by_role("heading", name="The dates we owe you")).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        "We will contact you by Monday 10 November 2025 to confirm what we will look into."
    )
    assert_accessible(page)


def test_a_compliment_with_an_error_then_sent_then_seen_by_staff(live_server, page):
    page.goto(live_server + "/compliment")
    page.get_by_label("What would you like to thank us for?").fill("The library staff were kind.")
    page.get_by_label("Your email address (optional)").fill("not an email")
    page.get_by_role("button", name="Send compliment").click()

    expect(page).to_have_title(re.compile(r"^Error: Give a compliment"))
    expect(page.get_by_role("alert")).to_contain_text("Select the service your compliment is about")
    expect(page.get_by_label("What would you like to thank us for?")).to_have_value(
        "The library staff were kind."
    )
    assert_accessible(page)

    page.get_by_label("Which service is your compliment about?").select_option(
        label="Leisure and culture"
    )
    page.get_by_label("Your email address (optional)").fill("reader@example.com")
    page.get_by_role("button", name="Send compliment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compliment sent")
    assert_accessible(page)

    sign_in(page, live_server, "complaints_manager")
    page.get_by_role("link", name="Compliments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compliments")
    expect(page.get_by_role("row").filter(has_text="The library staff were kind.")).to_contain_text(
        "reader@example.com"
    )
    assert_accessible(page)
