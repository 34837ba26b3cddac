"""The "Too many attempts" page, reached for real in Chromium, in the back office and the
portal, checked with axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import STAFF_EMAILS, assert_accessible, save_screenshot

pytestmark = pytest.mark.browser

# Each of the two gunicorn workers counts alone (no Redis): the page comes by the third try.
LIVE_SERVER_ENV = {
    "RATE_LIMIT_SIGN_IN_ADDRESS": "1 per hour",
    "RATE_LIMIT_TRACKING_NOT_FOUND": "1 per hour",
}
TRIES = 6


def heading(page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def test_failed_sign_ins_reach_a_page_that_says_when_to_try_again(live_server, page):
    for _ in range(TRIES):
        page.goto(live_server + "/backoffice/sign-in")
        page.get_by_label("Email address").fill(STAFF_EMAILS["complaints_manager"])
        page.get_by_label("Password", exact=True).fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        if heading(page) == "Too many attempts":
            break

    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts")
    expect(page.get_by_text("Try again in 1 hour.")).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "too-many-attempts-sign-in")
    page.get_by_role("link", name="Go to the sign-in page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_guessed_tracking_links_reach_the_same_page_in_the_portal(live_server, page):
    for number in range(TRIES):
        page.goto(f"{live_server}/track/CMP-2025-000001/{number:043d}")
        if heading(page) == "Too many attempts":
            break

    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts")
    assert_accessible(page)
    page.get_by_role("link", name="Go to the start page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a complaint")
