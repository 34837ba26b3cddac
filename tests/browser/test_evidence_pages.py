"""Evidence and correspondence in real Chromium: a resident adds information with a file
from their tracking page, and a handler sees it on the case, records a letter with an
attachment and links a related complaint. Every page visited is checked with axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests import evidence_files
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def make_complaint(page, live_server: str, name: str) -> tuple[str, str]:
    """A complaint sent from the portal: its reference and its tracking page's address."""
    page.goto(live_server + "/complaint")
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email address").fill("evidence.test@example.com")
    page.get_by_label("Which service is your complaint about?").select_option(
        label="Repairs and maintenance"
    )
    page.get_by_label("What happened?").fill("Damp in the bedroom again.")
    page.get_by_label("What would you like us to do to put things right?").fill("Fix it.")
    page.get_by_role("button", name="Send complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint sent")
    reference = re.search(r"CMP-\d{4}-\d{6}", page.locator("main").inner_text()).group(0)
    page.get_by_role("link", name="See the progress of your complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your complaint")
    return reference, page.url


def test_a_resident_adds_evidence_and_staff_see_it(live_server, page, tmp_path):
    reference, tracking = make_complaint(page, live_server, "Eve Evidence")
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
    expect(page.get_by_role("heading", level=1)).to_have_text("Your complaint")
    expect(page.locator(".app-what-you-sent")).to_contain_text("The mould is spreading.")
    expect(page.locator(".app-what-you-sent")).to_contain_text("mould.png")
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator(".app-what-you-sent a", has_text="mould.png").click()
    assert download.value.suggested_filename == "mould.png"

    # A handler sees it on the case, adds a letter with an attachment, and links a complaint.
    other, _ = make_complaint(page, live_server, "Nel Neighbour")
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
