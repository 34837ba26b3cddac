"""Following complaints in real Chromium: a resident asks for a sign-in link, reads it from
the email the outbox delivers, signs in, asks for a stage 2 review from their account and
signs out; every page on the way (errors included) is checked with axe-core."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from shared.db import db
from shared.notices.outbox import send_due_messages
from tests.browser.conftest import assert_accessible
from tests.conftest import make_test_app
from tests.factories import acknowledge, make_staff, respond, submit

pytestmark = pytest.mark.browser

RESIDENT = "rhian.resident@example.com"


@pytest.fixture
def helper_app(live_server, migrated_database, tmp_path):
    """The app on the live server's database, for making data and sending the outbox to a
    folder of this test's own."""
    app = make_test_app(migrated_database, tmp_path / "instance")
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def sign_in_path(app) -> str:
    """Send what is queued, as `complaints outbox send` would; the newest sign-in link."""
    send_due_messages()
    links = []
    for path in sorted(Path(app.config["MAIL_OUTBOX_DIR"]).glob("*.eml")):
        mail = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        body = mail.get_body(preferencelist=("plain",)).get_content()
        found = re.search(r"https?://[^/\s]+(/account/sign-in/[A-Za-z0-9_-]{43})", body)
        if found:
            links.append(found[1])
    assert links, "a sign-in link was emailed"
    return links[-1]


def test_a_resident_signs_in_by_link_and_asks_for_stage_two(live_server, page, helper_app):
    staff = make_staff("complaints_officer")
    answered = submit(received="2025-03-03 10:00", email=RESIDENT, complainant_name="Rhian")
    acknowledge(answered.complaint, staff, on="2025-03-05 10:00")
    respond(answered.complaint, staff, on="2025-03-14 10:00", outcome="not_upheld")
    reference = answered.complaint.reference

    page.goto(live_server + "/")
    page.get_by_role("link", name="Follow your complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Follow your complaint")
    assert_accessible(page)

    page.get_by_role("button", name="Send me a sign-in link").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)

    page.get_by_label("Complaint reference").fill(reference.lower())
    page.get_by_label("Email address").fill(RESIDENT)
    page.get_by_role("button", name="Send me a sign-in link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.get_by_role("main")).to_contain_text(RESIDENT)
    assert_accessible(page)

    link = sign_in_path(helper_app)
    page.goto(live_server + link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to follow your complaints")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your complaints")
    assert_accessible(page)

    page.get_by_role("link", name=f"Complaint {reference}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Complaint {reference}")
    expect(page.locator(".app-timeline")).to_contain_text("We sent our stage 1 response.")
    assert_accessible(page)

    page.get_by_role("button", name="Ask for a stage 2 review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for a stage 2 review")
    assert_accessible(page)
    page.get_by_label("Why are you unhappy with our response? (optional)").fill(
        "The repair is still not done.\nالإصلاح لم يتم بعد."
    )
    page.get_by_role("button", name="Ask for a stage 2 review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Complaint {reference}")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "We have received your request for a stage 2 review."
    )
    expect(page.locator(".govuk-tag").first).to_have_text("Stage 2 review requested")
    assert_accessible(page)

    page.get_by_role("button", name="Withdraw this complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Withdraw complaint {reference}")
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    assert_accessible(page)
    page.goto(live_server + link)
    expect(page.get_by_role("heading", level=1)).to_have_text("This sign-in link does not work")
    assert_accessible(page)
    page.goto(live_server + "/account/complaints")
    expect(page.get_by_role("heading", level=1)).to_have_text("Follow your complaint")
