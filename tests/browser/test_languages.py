"""The portal in each language, in real Chromium: axe finds nothing on each portal page (with
and without errors), right-to-left pages are laid out from the right, and changing language
keeps what the resident has typed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, save_screenshot

pytestmark = pytest.mark.browser

HEADINGS = {
    "en": ("Make a complaint", "Your complaint"),
    "cy": ("Gwneud cwyn", "Eich cwyn"),
    "pl": ("Złóż skargę", "Twoja skarga"),
    "ro": ("Faceți o reclamație", "Reclamația dumneavoastră"),
    "ur": ("شکایت درج کریں", "آپ کی شکایت"),
    "ar": ("تقديم شكوى", "شكواك"),
}


@pytest.mark.parametrize("lang", list(HEADINGS))
def test_every_portal_page_in_each_language_passes_axe(live_server, page, lang):
    start, form = HEADINGS[lang]
    page.goto(f"{live_server}/?lang={lang}")
    expect(page.get_by_role("heading", level=1)).to_have_text(start)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page)
    save_screenshot(page, f"tracking-page-{lang}")

    page.locator(".govuk-button--start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(form)
    assert_accessible(page)

    page.locator("form .govuk-button").click()  # nothing filled in: every field in error
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)
    save_screenshot(page, f"complaint-form-errors-{lang}")

    # Sent, then followed through its private link.
    page.locator("#complainant_name").fill("Sam Resident")
    page.locator("#contact_email").fill(f"sam.{lang}@example.com")
    page.locator("#service_area_code").select_option("parking")
    page.locator("#description").fill("The permit never arrived.")
    page.locator("#outcome_sought").fill("Send it.")
    page.locator("form .govuk-button").click()
    expect(page.locator(".govuk-panel")).to_be_visible()
    assert_accessible(page)
    page.locator("main a[href*='/track/']").first.click()
    expect(page.locator(".govuk-tag")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page)
    save_screenshot(page, f"tracking-page-{lang}")

    # The other portal pages, and an error page.
    for path in (
        "/when-will-i-hear-back",
        "/compliment",
        "/accessibility",
        "/privacy",
        "/cookies",
        "/help",
        "/account",
        "/no-such-page",
    ):
        page.goto(f"{live_server}{path}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert_accessible(page)
    page.goto(f"{live_server}/when-will-i-hear-back")
    page.locator("form .govuk-button").click()  # no date: the date input in error
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_right_to_left_pages_are_laid_out_from_the_right(live_server, page, lang):
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(f"{live_server}/complaint?lang={lang}")
    page.locator("form .govuk-button").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    container = page.locator("main").bounding_box()
    heading = page.locator("h1").bounding_box()
    column = page.locator(".govuk-grid-column-two-thirds").bounding_box()
    # The heading starts at the right edge of the page; its column leaves a third free on the
    # left.
    assert abs((heading["x"] + heading["width"]) - (container["x"] + container["width"])) < 2
    assert column["x"] > container["x"] + container["width"] / 4

    # The back link's arrow and a field's red error bar are on the right.
    back = page.locator(".govuk-back-link")
    back_box = back.bounding_box()
    arrow_x = back.evaluate("link => parseFloat(getComputedStyle(link, '::before').right)")
    assert arrow_x < back_box["width"] / 2
    group = page.locator(".govuk-form-group--error").first
    assert group.evaluate("g => getComputedStyle(g).borderRightWidth") == "5px"
    assert group.evaluate("g => getComputedStyle(g).borderLeftWidth") == "0px"
    # Labels and the error summary read from the right.
    label = page.locator("label[for=complainant_name]").bounding_box()
    field = page.locator("#complainant_name").bounding_box()
    assert abs((label["x"] + label["width"]) - (field["x"] + field["width"])) < 2
    title = page.locator(".govuk-error-summary__title").bounding_box()
    first_error = page.locator(".govuk-error-summary__list li").first.bounding_box()
    assert abs((title["x"] + title["width"]) - (first_error["x"] + first_error["width"])) < 2
    save_screenshot(page, f"complaint-form-rtl-{lang}")


def test_changing_language_keeps_what_was_typed(live_server, page):
    page.goto(f"{live_server}/complaint?lang=en")
    page.get_by_label("Full name").fill("Aisha Rahman")
    page.get_by_label("Email address").fill("aisha@example.com")
    page.get_by_label("Which service is your complaint about?").select_option("parking")
    page.get_by_label("What happened?").fill("مرحبا\nThe permit never arrived.")

    page.get_by_role("link", name="العربية").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("شكواك")
    expect(page).to_have_url(f"{live_server}/complaint?lang=ar")
    expect(page.locator("#complainant_name")).to_have_value("Aisha Rahman")
    expect(page.locator("#contact_email")).to_have_value("aisha@example.com")
    expect(page.locator("#service_area_code")).to_have_value("parking")
    expect(page.locator("#description")).to_have_value("مرحبا\nThe permit never arrived.")

    # The kept answers are used once: a fresh visit to the form starts empty.
    page.goto(f"{live_server}/complaint?lang=cy")
    expect(page.locator("#complainant_name")).to_have_value("")
