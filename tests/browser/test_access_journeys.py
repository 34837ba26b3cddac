"""The resident's journey for people who do not use a mouse, who have JavaScript off, or who
read at 320 CSS px (a phone, or a desktop zoomed to 400 %).

- Keyboard only: no click() and no fill(); every step is Tab, typing, arrow keys, Space or
  Enter, and the test checks where the focus lands.
- No JavaScript: the whole resident journey in a browser context with scripts disabled.
- Reflow (WCAG 2.2, 1.4.10): every portal page at 320 CSS px wide, in English and in
  Arabic, has no horizontal scrolling.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from shared import clock
from tests.browser.complaint_journey import REPRESENTATIVE, answer_every_question, send
from tests.browser.conftest import sign_in, sign_out
from tests.helpers import JOURNEY

pytestmark = pytest.mark.browser

MAX_TABS = 60


def reference_in(page) -> str:
    year = clock.today().year
    return re.search(rf"CMP-{year}-\d{{6}}", page.locator(".govuk-panel").inner_text()).group(0)


def tab_to(page, target) -> None:
    """Press Tab until the target has the focus; fail if it never gets it."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            break
    expect(target).to_be_focused()


def type_into(page, field, text: str) -> None:
    """Tab to the field and type, as a keyboard user would."""
    tab_to(page, field)
    page.keyboard.type(text)
    expect(field).to_have_value(text)


# --- Keyboard only ------------------------------------------------------------------------


def choose_radio(page, group: str, value: str) -> None:
    """Tab into a group of radios and move to the choice with the arrow keys (which check
    it), or Space on the first."""
    radios = page.locator(f"main input[type=radio][name='{group}']")
    tab_to(page, radios.first)
    target = page.locator(f"main input[type=radio][name='{group}'][value='{value}']")
    if radios.first.get_attribute("value") == value:
        page.keyboard.press("Space")
    for _ in range(radios.count()):
        if target.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("ArrowDown")
    expect(target).to_be_checked()


def tick(page, name: str, value: str) -> None:
    box = page.locator(f"main input[type=checkbox][name='{name}'][value='{value}']")
    tab_to(page, box)
    page.keyboard.press("Space")
    expect(box).to_be_checked()


def choose_option(page, select, text: str) -> None:
    """Arrow keys move through the options of a focused <select> without opening it."""
    tab_to(page, select)
    for _ in range(40):
        if select.evaluate("select => select.selectedOptions[0].text") == text:
            break
        page.keyboard.press("ArrowDown")
    expect(select.locator("option:checked")).to_have_text(text)


def type_date(page, prefix: str, day: str, month: str, year: str) -> None:
    for part, value in (("day", day), ("month", month), ("year", year)):
        type_into(page, page.locator(f"#{prefix}-{part}"), value)


def press_continue(page, heading: str) -> None:
    tab_to(page, page.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_the_complaint_journey_with_the_keyboard_only(live_server, page):
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a complaint")

    start = page.get_by_role("button", name="Start now")
    tab_to(page, start)
    # A start button is a link styled as a button: Enter follows it.
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who is the complaint for?")
    choose_radio(page, "who", "myself")
    press_continue(page, "Your contact details")

    # Sent empty: the focus goes to the error summary, whose first link leads to the field.
    tab_to(page, page.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    first_error = page.get_by_role("alert").get_by_role("link").first
    expect(first_error).to_have_text("Enter your full name")
    page.keyboard.press("Tab")
    expect(first_error).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Full name")).to_be_focused()
    page.keyboard.type("Kim Keyboard")
    expect(page.get_by_label("Full name")).to_have_value("Kim Keyboard")
    type_into(page, page.get_by_label("Email address"), "kim.keyboard@example.com")
    press_continue(page, "Which service is it about?")

    choose_option(page, page.locator("#main"), "Parking")
    tick(page, "others", "customer_services")
    press_continue(page, "When did it happen?")
    happened = clock.today() - timedelta(days=30)
    type_date(page, "happened_on", str(happened.day), str(happened.month), str(happened.year))
    press_continue(page, "When did you find out about it?")
    found_out = clock.today() - timedelta(days=29)
    type_date(page, "found_out_on", str(found_out.day), str(found_out.month), str(found_out.year))
    press_continue(page, "What happened?")
    type_into(page, page.locator("#description"), "A ticket was put on my car in error.")
    press_continue(page, "Which staff were involved? (optional)")
    press_continue(page, "Do you think you were treated unfairly because of who you are?")
    choose_radio(page, "unfair", "no")
    press_continue(page, "What would you like us to do?")
    tick(page, "outcomes", "put_things_right")
    type_into(page, page.locator("#outcome_sought"), "Cancel the ticket.")
    press_continue(page, "Add evidence (optional)")
    press_continue(page, "Support you need")
    choose_radio(page, "contact_method", "email")
    choose_radio(page, "contact_format", "large_print")
    tick(page, "adjustments", "extra_time")
    press_continue(page, "Check your answers before sending your complaint")

    # A change link, by keyboard, comes back here.
    change = page.locator("main a[href*='/complaint/staff?change=1']")
    tab_to(page, change)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which staff were involved? (optional)"
    )
    type_into(page, page.locator("#staff_involved"), "The warden on Mill Lane")
    press_continue(page, "Check your answers before sending your complaint")
    expect(page.locator("main")).to_contain_text("The warden on Mill Lane")

    tab_to(page, page.get_by_role("button", name="Send complaint"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint sent")
    reference = reference_in(page)

    tracking_link = page.get_by_role("link", name="See the progress of your complaint")
    tab_to(page, tracking_link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your complaint")
    expect(page.locator("main")).to_contain_text(reference)
    expect(page.locator("main")).to_contain_text("Parking")
    expect(page.locator("main")).to_contain_text("A ticket was put on my car in error.")


# --- JavaScript off -----------------------------------------------------------------------


def respond_to_stage_one(page, live_server: str, reference: str) -> None:
    """Staff acknowledge and respond to the complaint, in a session with JavaScript on."""
    sign_in(page, live_server, "complaints_officer")
    page.goto(live_server + f"/backoffice/complaints/{reference}")
    page.get_by_role("button", name="Acknowledge stage 1").click()
    page.get_by_label("What the complaint is about").fill("A street light out for weeks.")
    page.get_by_label("An explanation").check()
    # An investigating officer answers only what is assigned to them.
    page.get_by_label("Who will handle it? (optional)").select_option(label="Indra Investigator")
    page.get_by_role("button", name="Acknowledge complaint").click()
    expect(page.get_by_text("Complaint acknowledged.")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "investigating_officer")
    page.goto(live_server + f"/backoffice/complaints/{reference}")
    page.get_by_role("button", name="Respond to stage 1").click()
    point = page.get_by_role("group", name="Finding on point 1")
    point.get_by_role("radio", name="Not upheld", exact=True).check()
    page.get_by_label("Reasons for the finding on point 1").fill("Repaired within our target.")
    decision = page.get_by_role("group", name="Decision on the complaint as a whole")
    decision.get_by_role("radio", name="Not upheld", exact=True).check()
    page.get_by_label("Summary of the decision").fill("The light was repaired within our target.")
    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_text("Response sent to the resident.")).to_be_visible()


def test_the_resident_journey_with_javascript_off(live_server, browser, page):
    context = browser.new_context(
        locale="en-GB", timezone_id="Europe/London", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    resident = context.new_page()
    try:
        resident.goto(live_server + "/")
        # GOV.UK Frontend marks the body when its script runs; here it must not have.
        expect(resident.locator("body")).not_to_have_class(re.compile(r"govuk-frontend-supported"))
        resident.get_by_role("button", name="Start now").click()
        expect(resident.get_by_role("heading", level=1)).to_have_text("Who is the complaint for?")
        resident.get_by_label("Myself").check()
        resident.get_by_role("button", name="Continue").click()

        resident.get_by_label("Full name").fill("Noor No-Script")
        resident.get_by_role("button", name="Continue").click()
        # The server renders the error summary; the answers given are kept.
        expect(resident).to_have_title(re.compile(r"^Error: "))
        summary = resident.locator(".govuk-error-summary")
        expect(summary).to_contain_text("There is a problem")
        expect(summary.get_by_role("link", name="Enter your email address")).to_be_visible()
        expect(resident.get_by_label("Full name")).to_have_value("Noor No-Script")
        resident.get_by_label("Email address").fill("noor@example.com")
        resident.get_by_role("button", name="Continue").click()

        # The rest of the questions, then back one page: the answer is still there.
        answers = {
            **JOURNEY,
            "services": {"main": "environmental_health"},
            "what-happened": {"description": "The street light outside number 4 is out."},
        }
        answer_every_question(resident, live_server, answers)
        resident.locator(".govuk-back-link").click()
        expect(resident.locator("select[name=language]")).to_have_value("en")
        resident.get_by_role("button", name="Continue").click()
        expect(resident.get_by_role("heading", level=1)).to_have_text(
            "Check your answers before sending your complaint"
        )
        expect(resident.locator("main")).to_contain_text("Noor No-Script")
        reference = send(resident)

        resident.get_by_role("link", name="See the progress of your complaint").click()
        expect(resident.get_by_role("heading", level=1)).to_have_text("Your complaint")
        expect(resident.locator("main")).to_contain_text(reference)
        tracking_url = resident.url

        respond_to_stage_one(page, live_server, reference)

        resident.goto(tracking_url)
        expect(resident.get_by_role("heading", name="Our stage 1 response")).to_be_visible()
        resident.get_by_role("button", name="Ask for a stage 2 review").click()
        expect(resident.get_by_role("heading", level=1)).to_have_text("Ask for a stage 2 review")
        resident.get_by_label("Why are you unhappy with our response? (optional)").fill(
            "The light went out again the next week."
        )
        resident.get_by_role("button", name="Ask for a stage 2 review").click()
        expect(
            resident.get_by_text("We have received your request for a stage 2 review.")
        ).to_be_visible()
        expect(resident.locator("main .govuk-tag").first).to_have_text("Stage 2 review requested")
    finally:
        context.close()


# --- Reflow at 320 CSS px -----------------------------------------------------------------


def overflow(page) -> int:
    """How many CSS px the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_every_portal_page_reflows_at_320_css_px(live_server, browser):
    context = browser.new_context(
        locale="en-GB", timezone_id="Europe/London", viewport={"width": 320, "height": 640}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    too_wide: list[str] = []

    def check(name: str) -> None:
        extra = overflow(page)
        if extra > 0:
            too_wide.append(f"{name} ({page.url}): {extra} px too wide")

    def visit(path: str, name: str | None = None) -> None:
        page.goto(live_server + path)
        check(name or path)

    try:
        visit("/")
        assert page.evaluate("window.innerWidth") == 320
        # The measure sees a page that scrolls sideways: one wide element is enough. (Set
        # through the CSSOM: the content security policy blocks inline style attributes.)
        page.evaluate(
            "() => { const wide = document.createElement('div');"
            " wide.style.width = '400px'; wide.style.height = '1px';"
            " document.querySelector('main').append(wide); }"
        )
        assert overflow(page) > 0

        for path in ("/", "/complaint/who", "/when-will-i-hear-back", "/compliment"):
            visit(path)
        for path in ("/help", "/accessibility", "/privacy", "/cookies", "/no-such-page"):
            visit(path)

        # The hear-back page with an error, then with its dates.
        page.goto(live_server + "/when-will-i-hear-back")
        page.get_by_label("Day").fill("31")
        page.get_by_label("Month").fill("2")
        page.get_by_label("Year").fill("2025")
        page.get_by_role("button", name="Show the dates").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        check("when will I hear back, with an error")
        page.get_by_label("Day").fill("3")
        page.get_by_label("Month").fill("11")
        page.get_by_role("button", name="Show the dates").click()
        expect(page.get_by_role("heading", name="The dates we owe you")).to_be_visible()
        check("when will I hear back, with the dates")

        # Every question page, empty and with errors, "Check your answers" and the
        # confirmation. A long unbroken email address must not push the page wider either.
        long_email = "a.very.long.email.address.for.testing.reflow@example-council.gov.uk"
        answers = {
            **REPRESENTATIVE,
            "details": {**JOURNEY["details"], "email": long_email},
            "what-happened": {"description": "Damp in the bedroom " * 20},
        }
        answer_every_question(
            page,
            live_server,
            answers,
            each=lambda question, errors: check(f"{question}{', with errors' if errors else ''}"),
            with_errors=True,
        )
        check("check your answers")
        send(page)
        check("confirmation")
        reference = reference_in(page)
        page.get_by_role("link", name="See the progress of your complaint").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your complaint")
        check("tracking")
        tracking_path = page.url.removeprefix(live_server)
        visit(tracking_path + "/add-information", "add information")
        visit(tracking_path + "/sent", "information and evidence sent")
        page.goto(live_server + tracking_path + "/stage-2")
        check("stage 2 request (before a response: not found)")

        # After a response the resident can ask for a stage 2 review.
        staff = context.new_page()
        try:
            staff.set_viewport_size({"width": 1024, "height": 768})
            respond_to_stage_one(staff, live_server, reference)
        finally:
            staff.close()
        visit(tracking_path, "tracking, with a response")
        page.get_by_role("button", name="Ask for a stage 2 review").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Ask for a stage 2 review")
        check("stage 2 request")

        # In Arabic, written right to left.
        for path in ("/", "/complaint/who", "/when-will-i-hear-back", "/help", tracking_path):
            page.goto(live_server + path + "?lang=ar")
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
            check(f"{path} in Arabic")
        page.goto(live_server + "/complaint/who?lang=ar")
        page.locator("form [type=submit]").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        check("first question with errors, in Arabic")
        answer_every_question(
            page,
            live_server,
            REPRESENTATIVE,
            each=lambda question, errors: check(f"{question} in Arabic"),
            with_errors=True,
        )
        check("check your answers, in Arabic")
    finally:
        context.close()

    assert not too_wide, "Pages scroll sideways at 320 CSS px:\n" + "\n".join(too_wide)
