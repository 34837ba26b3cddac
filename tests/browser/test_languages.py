"""The portal in each language, in real Chromium: axe finds nothing on each portal page (with
and without errors), right-to-left pages are laid out from the right, and changing language
keeps what the resident has typed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.complaint_journey import REPRESENTATIVE, answer_every_question, fill, send
from tests.browser.conftest import assert_accessible, save_screenshot
from tests.helpers import JOURNEY, every_question

pytestmark = pytest.mark.browser

HEADINGS = {
    "en": ("Make a complaint", "Who is the complaint for?"),
    "cy": ("Gwneud cwyn", "Ar ran pwy mae'r gŵyn?"),
    "pl": ("Złóż skargę", "W czyim imieniu składasz skargę?"),
    "ro": ("Faceți o reclamație", "Pentru cine este reclamația?"),
    "ur": ("شکایت درج کریں", "یہ شکایت کس کی طرف سے ہے؟"),
    "ar": ("تقديم شكوى", "لمن هذه الشكوى؟"),
}


@pytest.mark.parametrize("lang", list(HEADINGS))
def test_every_portal_page_in_each_language_passes_axe(live_server, page, lang):
    start, form = HEADINGS[lang]
    page.goto(f"{live_server}/?lang={lang}")
    expect(page.get_by_role("heading", level=1)).to_have_text(start)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page)
    save_screenshot(page, f"tracking-page-{lang}")

    # Every question page a representative is asked, empty and with its errors, then
    # "Check your answers" and the confirmation.
    checked: list[str] = []

    def check(question: str, errors: bool) -> None:
        expect(page.locator("html")).to_have_attribute("lang", lang)
        if errors:
            expect(page.locator(".govuk-error-summary")).to_be_focused()
        assert_accessible(page)
        checked.append(f"{question}{' (errors)' if errors else ''}")

    page.locator(".govuk-button--start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(form)
    answer_every_question(page, live_server, REPRESENTATIVE, each=check, with_errors=True)
    assert len(checked) == 2 * len(every_question())
    assert_accessible(page)
    save_screenshot(page, f"check-answers-{lang}")
    send(page)
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
    fill(page, JOURNEY["who"])
    page.locator("form .govuk-button").click()
    page.locator("form .govuk-button").click()  # the details page sent empty
    expect(page.locator(".govuk-error-summary")).to_be_visible()
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
    label = page.locator("label[for=name]").bounding_box()
    field = page.locator("#name").bounding_box()
    assert abs((label["x"] + label["width"]) - (field["x"] + field["width"])) < 2
    title = page.locator(".govuk-error-summary__title").bounding_box()
    first_error = page.locator(".govuk-error-summary__list li").first.bounding_box()
    assert abs((title["x"] + title["width"]) - (first_error["x"] + first_error["width"])) < 2
    save_screenshot(page, f"complaint-form-rtl-{lang}")


def test_changing_language_keeps_the_place_and_every_answer(live_server, page):
    page.goto(f"{live_server}/complaint?lang=en")
    page.get_by_label("Myself").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your contact details")
    # Typed but not yet sent: kept by the page's script across the change of language.
    page.get_by_label("Full name").fill("Aisha Rahman")
    page.get_by_label("Email address").fill("aisha@example.com")

    page.get_by_role("link", name="العربية").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("بيانات الاتصال الخاصة بك")
    expect(page).to_have_url(f"{live_server}/complaint/details?lang=ar")
    expect(page.locator("#name")).to_have_value("Aisha Rahman")
    expect(page.locator("#email")).to_have_value("aisha@example.com")
    page.locator("form .govuk-button").click()

    # Sent answers are kept on the server: back, in another language, they are all there.
    fill(page, {"main": "parking"})
    page.locator("form .govuk-button").click()
    page.goto(f"{live_server}/complaint/services?lang=cy")
    expect(page.locator("#main")).to_have_value("parking")
    page.locator(".govuk-back-link").click()
    expect(page).to_have_url(f"{live_server}/complaint/details")
    expect(page.locator("#name")).to_have_value("Aisha Rahman")
    page.locator(".govuk-back-link").click()
    expect(page.locator("input[name=who][value=myself]")).to_be_checked()
