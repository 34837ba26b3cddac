"""A resident complains, staff acknowledge and respond, the resident can ask for a review.

Driven in real Chromium against gunicorn. Every page visited is checked with axe-core.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from shared import clock
from tests import evidence_files
from tests.browser.complaint_journey import answer_every_question, send
from tests.browser.conftest import assert_accessible, save_screenshot, sign_in, sign_out
from tests.helpers import JOURNEY

# 'Monday 5 January 2026', as the portal writes dates in English.
LONG_DATE = (
    r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} "
    r"(January|February|March|April|May|June|July|August|September|October|November|December) "
    r"\d{4}"
)

DESCRIPTION = "The bins in Mill Lane were not collected for a month.\n\nI phoned twice."

pytestmark = pytest.mark.browser


def summary_value(page, key: str):
    return (
        page.locator(".govuk-summary-list__row")
        .filter(has=page.locator(".govuk-summary-list__key", has_text=key))
        .locator(".govuk-summary-list__value")
    )


def test_complaint_from_resident_to_stage_one_response_and_back(live_server, page):
    # --- The resident makes a complaint --------------------------------------------------
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a complaint")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    assert_accessible(page)

    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who is the complaint for?")
    expect(page.get_by_role("navigation", name="Back").get_by_role("link")).to_have_text("Back")
    assert_accessible(page)
    page.get_by_label("Myself").check()
    page.get_by_role("button", name="Continue").click()

    # Everything but the name: the page comes back with the error and keeps the answers.
    page.get_by_label("Email address").fill("sam.resident@example.com")
    page.get_by_label("Phone number (optional)").fill("01632 960 001")
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link", name="Enter your full name")).to_be_visible()
    expect(page.locator("#name-error")).to_contain_text("Enter your full name")
    expect(page.get_by_label("Email address")).to_have_value("sam.resident@example.com")
    expect(page.get_by_label("Phone number (optional)")).to_have_value("01632 960 001")
    # GOV.UK Frontend's script moves the focus to the error summary; its link leads to the field.
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    summary.get_by_role("link", name="Enter your full name").click()
    expect(page.get_by_label("Full name")).to_be_focused()
    assert_accessible(page)
    save_screenshot(page, "complaint-details-with-errors")
    page.get_by_label("Full name").fill("Sam Resident")
    page.get_by_role("button", name="Continue").click()

    answer_every_question(
        page,
        live_server,
        {
            **JOURNEY,
            "what-happened": {"description": DESCRIPTION},
            "outcome": {
                "outcomes": ["put_things_right"],
                "outcome_sought": "Collect the bins and tell me why they were missed.",
            },
        },
    )
    expect(summary_value(page, "What happened?")).to_have_text(DESCRIPTION)
    assert_accessible(page)
    page.get_by_role("button", name="Send complaint").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint sent")
    year = clock.today().year
    panel = page.locator(".govuk-panel")
    expect(panel).to_contain_text(re.compile(rf"CMP-{year}-\d{{6}}"))
    reference = re.search(rf"CMP-{year}-\d{{6}}", panel.inner_text()).group(0)
    assert_accessible(page)

    page.get_by_role("link", name="See the progress of your complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your complaint")
    tracking_url = page.url
    expect(page.locator("main")).to_contain_text(reference)
    expect(page.locator("main .govuk-tag").first).to_have_text("Received")
    expect(page.locator("main")).to_contain_text(
        re.compile(rf"We will contact you by {LONG_DATE} to confirm what we will look into\.")
    )
    expect(summary_value(page, "Service")).to_have_text("Repairs and maintenance")
    # The resident's paragraphs keep their line breaks, with no blank line before them.
    assert summary_value(page, "What happened").inner_text() == DESCRIPTION
    assert_accessible(page)
    save_screenshot(page, "tracking-page")

    # --- A complaints officer acknowledges it ----------------------------------------------
    page.goto(live_server + "/backoffice/")
    expect(page).to_have_url(re.compile(r"/backoffice/sign-in"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)

    sign_in(page, live_server, "complaints_officer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open complaints")
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text("Sam Resident")
    expect(row).to_contain_text("Received")
    assert_accessible(page)

    # The queue's filters are a GET form: they work without JavaScript, and say what is wrong.
    page.get_by_label("Search").fill(reference.lower())
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#queue-count")).to_have_text("1 open complaint matches the filters.")
    expect(row).to_contain_text("Sam Resident")
    assert_accessible(page)
    page.get_by_label("Due within (working days)").fill("soon")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the number of working days as a whole number"
    )
    assert_accessible(page)
    save_screenshot(page, "staff-queue-filters")
    page.get_by_role("link", name="Clear filters").click()

    row.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Complaint {reference}")
    assert summary_value(page, "What happened").inner_text() == DESCRIPTION
    assert_accessible(page)

    page.get_by_role("button", name="Acknowledge stage 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acknowledge stage 1")
    assert_accessible(page)
    page.get_by_label("What the complaint is about").fill(
        "The bins in Mill Lane were not collected for four weeks.\nNobody told the resident why."
    )
    page.get_by_label("An apology").check()
    # An investigating officer answers only what is assigned to them.
    page.get_by_label("Who will handle it? (optional)").select_option(label="Indra Investigator")
    page.get_by_role("button", name="Acknowledge complaint").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Complaint {reference}")
    expect(page.get_by_text("Complaint acknowledged.")).to_be_visible()
    expect(page.locator("main .govuk-tag").first).to_have_text("Being investigated")
    expect(
        page.get_by_role("listitem").filter(has_text="Nobody told the resident why.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Acknowledge stage 1")).to_have_count(0)
    assert_accessible(page)

    # --- More time beyond the policy's limit waits for a manager -----------------------------
    page.get_by_role("button", name="Extend the response deadline").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Extend the response deadline")
    assert_accessible(page)
    page.get_by_label("How many working days to add").fill("15")
    page.get_by_label("Why we need more time").fill("The crew's records are being checked.")
    page.get_by_role("button", name="Extend the deadline").click()
    expect(page.locator("#good_reason-error")).to_contain_text("record the good reason")
    expect(page.get_by_label("How many working days to add")).to_have_value("15")
    assert_accessible(page)
    page.get_by_label("Good reason for going beyond the limit (only if it does)").fill(
        "The depot's tracking system is being replaced this month."
    )
    page.get_by_role("button", name="Extend the deadline").click()
    expect(page.get_by_text("Extension asked for.")).to_be_visible()
    expect(page.locator(".app-extension")).to_contain_text("Waiting for approval")
    assert_accessible(page)

    # --- An investigating officer responds -------------------------------------------------
    sign_out(page)
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    assert_accessible(page)
    sign_in(page, live_server, "investigating_officer")
    page.get_by_role("link", name=reference).click()
    page.get_by_role("button", name="Respond to stage 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decide stage 1")
    assert_accessible(page)

    point = page.get_by_role("group", name="Finding on point 1")
    point.get_by_role("radio", name="Upheld", exact=True).check()
    page.get_by_label("Reasons for the finding on point 1").fill("Mill Lane was missed.")
    point = page.get_by_role("group", name="Finding on point 2")
    point.get_by_role("radio", name="Upheld", exact=True).check()
    page.get_by_label("Reasons for the finding on point 2").fill("Nobody wrote to them.")
    decision = page.get_by_role("group", name="Decision on the complaint as a whole")
    decision.get_by_role("radio", name="Upheld", exact=True).check()
    page.get_by_label("Summary of the decision").fill(
        "The collection round missed Mill Lane after a change of crew. We have put it back."
    )
    # A remedy, then "add another" (no JavaScript needed): the page keeps what was typed.
    remedy = page.get_by_role("group", name="Remedy 1")
    remedy.get_by_label("Kind of remedy").select_option("apology")
    remedy.get_by_label("What will happen").fill("A letter of apology from the waste manager.")
    remedy.get_by_label("Who will see it done").fill("Waste services manager")
    due = remedy.get_by_role("group", name="Due by")
    due.get_by_label("Day").fill("28")
    due.get_by_label("Month").fill("12")
    due.get_by_label("Year").fill("2039")
    page.get_by_role("button", name="Add another remedy").click()
    expect(page.get_by_role("group", name="Remedy 2")).to_be_visible()
    expect(page.get_by_label("Reasons for the finding on point 1")).to_have_value(
        "Mill Lane was missed."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Send response").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Complaint {reference}")
    expect(page.get_by_text("Response sent to the resident.")).to_be_visible()
    expect(page.locator("main .govuk-tag").first).to_have_text("Stage 1 response sent")
    expect(page.locator("main")).to_contain_text("The collection round missed Mill Lane")
    expect(page.locator("main ul.app-remedies")).to_contain_text("A letter of apology")
    assert_accessible(page)
    save_screenshot(page, "staff-case-page")
    page.get_by_role("link", name="Remedies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remedies")
    expect(page.locator("main table")).to_contain_text("Waste services manager")
    assert_accessible(page)

    # --- The resident sees the response and may ask for a review ---------------------------
    page.goto(tracking_url)
    expect(page.locator("main .govuk-tag").first).to_have_text("Stage 1 response sent")
    expect(page.get_by_role("heading", name="Our stage 1 response")).to_be_visible()
    expect(page.locator("main")).to_contain_text("The collection round missed Mill Lane")
    assert_accessible(page)

    page.get_by_role("button", name="Ask for a stage 2 review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for a stage 2 review")
    assert_accessible(page)
    page.get_by_label("Why are you unhappy with our response? (optional)").fill(
        "I was not offered anything for the missed month."
    )
    page.get_by_role("button", name="Ask for a stage 2 review").click()

    expect(page.get_by_text("We have received your request for a stage 2 review.")).to_be_visible()
    expect(page.locator("main .govuk-tag").first).to_have_text("Stage 2 review requested")
    expect(page.get_by_role("button", name="Ask for a stage 2 review")).to_have_count(0)
    assert_accessible(page)


def make_complaint(page, live_server: str, name: str) -> str:
    """A complaint made through the portal, without looking at the pages; its reference."""
    answer_every_question(
        page,
        live_server,
        {
            **JOURNEY,
            "details": {**JOURNEY["details"], "name": name, "email": "resident@example.com"},
            "services": {"main": "parking"},
            "what-happened": {"description": "I was given a parking ticket in error."},
        },
    )
    return send(page)


def test_a_complaint_not_accepted_and_then_accepted_by_a_manager(live_server, page):
    reference = make_complaint(page, live_server, "Alex Driver")

    sign_in(page, live_server, "complaints_officer")
    page.get_by_role("link", name=reference).click()
    page.get_by_role("button", name="Do not accept").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Do not accept the complaint")
    assert_accessible(page)
    page.get_by_label("There is a right of appeal").check()
    page.get_by_role("button", name="Do not accept the complaint").click()
    expect(page.locator("#explanation-error")).to_contain_text("Explain the decision")
    expect(page.get_by_label("There is a right of appeal")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Explanation for the resident").fill(
        "A parking ticket is challenged through the appeal printed on it."
    )
    page.get_by_role("button", name="Do not accept the complaint").click()
    expect(page.get_by_text("Complaint not accepted.")).to_be_visible()
    expect(page.locator(".app-exclusion")).to_contain_text("There is a right of appeal")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, live_server, "complaints_manager")
    page.goto(live_server + f"/backoffice/complaints/{reference}")
    page.get_by_role("button", name="Accept the complaint after all").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accept the complaint after all")
    assert_accessible(page)
    page.get_by_label("Why is the decision being reversed?").fill(
        "The ticket was issued by our own contractor in error."
    )
    page.get_by_role("button", name="Accept the complaint").click()
    expect(page.get_by_text("Complaint accepted.")).to_be_visible()
    expect(page.locator("main .govuk-tag").first).to_have_text("Received")
    assert_accessible(page)

    # --- The Ombudsman asks about it -----------------------------------------------------
    page.get_by_role("button", name="Record an Ombudsman enquiry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an Ombudsman enquiry")
    assert_accessible(page)
    page.get_by_label("The Ombudsman's reference (optional)").fill("LG-25-001")
    page.get_by_role("button", name="Record the enquiry").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date")
    assert_accessible(page)
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Record the enquiry").click()
    expect(page.locator(".app-ombudsman-case")).to_contain_text("LG-25-001")
    assert_accessible(page)
    page.get_by_role("link", name="Record the determination").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record the Ombudsman's determination"
    )
    assert_accessible(page)


# -- evidence and correspondence (shared.evidence) ------------------------------------------


def make_complaint_for_evidence(page, live_server: str, name: str) -> tuple[str, str]:
    """A complaint sent from the portal: its reference and its tracking page's address."""
    answer_every_question(
        page,
        live_server,
        {
            **JOURNEY,
            "details": {**JOURNEY["details"], "name": name, "email": "evidence.test@example.com"},
            "services": {"main": "repairs_and_maintenance"},
            "what-happened": {"description": "Damp in the bedroom again."},
        },
    )
    reference = send(page)
    page.get_by_role("link", name="See the progress of your complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your complaint")
    return reference, page.url


def test_a_resident_adds_evidence_and_staff_see_it(live_server, page, tmp_path):
    reference, tracking = make_complaint_for_evidence(page, live_server, "Eve Evidence")
    assert_accessible(page)
    page.get_by_role("link", name="Add information or evidence").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add information to your complaint")
    assert_accessible(page)

    # Nothing sent: the error summary, focused, leading to the field.
    page.get_by_role("button", name="Send").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)

    # A program renamed as a PDF is refused; the words typed stay.
    disguised = tmp_path / "invoice.pdf"
    disguised.write_bytes(evidence_files.exe())
    page.get_by_label("What would you like to add?").fill("The mould is spreading.")
    page.locator("input[type=file]").set_input_files(str(disguised))
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#files-error")).to_contain_text("is not the kind of file its name says")
    expect(page.get_by_label("What would you like to add?")).to_have_value(
        "The mould is spreading."
    )
    assert_accessible(page)

    photo = tmp_path / "mould.png"
    photo.write_bytes(evidence_files.png())
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Information and evidence you sent")
    expect(page.locator(".app-what-you-sent")).to_contain_text("The mould is spreading.")
    expect(page.locator(".app-what-you-sent")).to_contain_text("mould.png")
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator(".app-what-you-sent a", has_text="mould.png").click()
    assert download.value.suggested_filename == "mould.png"

    # A handler sees it on the case, adds a letter with an attachment, and links a complaint.
    other, _ = make_complaint_for_evidence(page, live_server, "Nel Neighbour")
    sign_in(page, live_server, "complaints_officer")
    page.goto(f"{live_server}/backoffice/complaints/{reference}")
    section = page.locator(".app-correspondence")
    expect(section).to_contain_text("Message from the tracking page")
    expect(section).to_contain_text("mould.png")
    assert_accessible(page)

    page.get_by_role("link", name="Add correspondence or a note").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add correspondence or a note")
    assert_accessible(page)
    page.get_by_role("button", name="Add to the record").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Went out").check()
    page.get_by_label("Letter").check()
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("What was said or written").fill("Sent the repair schedule.")
    letter = tmp_path / "schedule.pdf"
    letter.write_bytes(evidence_files.pdf())
    page.locator("input[type=file]").set_input_files(str(letter))
    page.get_by_role("button", name="Add to the record").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Added to the correspondence and notes."
    )
    expect(section).to_contain_text("schedule.pdf")

    page.get_by_role("link", name="Link a related complaint").click()
    assert_accessible(page)
    page.get_by_label("Reference of the related complaint").fill(other)
    page.get_by_label("Why are they related?").fill("Same block, same damp.")
    page.get_by_role("button", name="Link the complaints").click()
    expect(page.locator(".app-related-complaints")).to_contain_text(other)
    assert_accessible(page)


def test_a_resident_adds_and_removes_evidence_on_the_question_page(live_server, page, tmp_path):
    answer_every_question(page, live_server)
    photo, letter = tmp_path / "damp.png", tmp_path / "letter.pdf"
    photo.write_bytes(evidence_files.png())
    letter.write_bytes(evidence_files.pdf())

    page.locator("main a[href*='/complaint/evidence?change=1']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add evidence (optional)")
    page.locator("input[type=file]").set_input_files([str(photo), str(letter)])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending your complaint"
    )
    expect(page.locator("main .govuk-summary-list")).to_contain_text("letter.pdf")

    page.locator("main a[href*='/complaint/evidence?change=1']").click()
    assert_accessible(page)
    page.get_by_role("button", name="Remove letter.pdf").click()
    expect(page.locator("main dl")).to_contain_text("damp.png")
    expect(page.locator("main dl")).not_to_contain_text("letter.pdf")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main .govuk-summary-list")).not_to_contain_text("letter.pdf")
    send(page)
