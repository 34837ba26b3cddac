"""The optional equalities questions and the survey after closing, in real Chromium: axe
finds nothing on each page, in each language, with and without errors; the answers reach
the staff only as counts, the survey on the case page.

The complaints are made straight in the database (through the same domain functions), so
these pages are checked whatever the complaint form looks like."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from shared.cases import Actor, close
from shared.db import db, unit_of_work
from shared.people.models import StaffUser
from tests.browser.conftest import STAFF_EMAILS, assert_accessible, sign_in
from tests.conftest import make_test_app
from tests.factories import acknowledge, respond, submit

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "cy", "pl", "ro", "ur", "ar"]


def when(days_ago: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y-%m-%d %H:%M")


@pytest.fixture(scope="module")
def data_app(live_server, migrated_database, tmp_path_factory):
    """An app on the live server's database, to make complaints as the tests need them."""
    app = make_test_app(migrated_database, tmp_path_factory.mktemp("equalities-data"))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def tracking_path(data_app, closed: bool = False) -> str:
    with data_app.app_context():
        sent = submit(received=when(5))
        if closed:
            officer = (
                db.session.query(StaffUser)
                .filter_by(email=STAFF_EMAILS["complaints_officer"])
                .one()
            )
            acknowledge(sent.complaint, officer, on=when(4))
            respond(sent.complaint, officer, on=when(3))
            with unit_of_work():
                close(Actor.staff(officer), sent.complaint)
        path = f"/track/{sent.complaint.reference}/{sent.tracking_secret}"
        db.session.remove()
    return path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_equalities_pages_in_each_language_with_errors(live_server, page, data_app, lang):
    track = tracking_path(data_app)
    page.goto(f"{live_server}{track}?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.locator("main a[href$='/equalities']").click()
    expect(page.locator("main a[href$='/equalities/questions']")).to_be_visible()
    assert_accessible(page)

    page.locator("main a[href$='/equalities/questions']").click()
    expect(page.locator("fieldset")).to_have_count(9)
    assert_accessible(page)

    page.locator("form .govuk-button").click()  # nothing chosen: every question in error
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary__list li")).to_have_count(9)
    assert_accessible(page)


def test_answering_then_staff_see_only_counts(live_server, page, data_app):
    track = tracking_path(data_app)
    page.goto(f"{live_server}{track}/equalities")
    expect(page.get_by_role("heading", level=1)).to_have_text("Equalities questions (optional)")
    page.get_by_role("button", name="Answer the questions").click()
    page.get_by_role("group", name="What is your age?").get_by_label("35 to 44").check()
    page.get_by_role("button", name="Send my answers").click()
    # One question answered: the others are named, the answer kept.
    expect(page).to_have_title(re.compile(r"^Error: About you"))
    expect(
        page.get_by_role("group", name="What is your age?").get_by_label("35 to 44")
    ).to_be_checked()
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_label("Prefer not to say").check()
    page.get_by_role("group", name="What is your age?").get_by_label("35 to 44").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your complaint")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Thank you for answering the equalities questions."
    )
    assert_accessible(page)

    sign_in(page, live_server, "report_viewer")
    page.get_by_role("link", name="Equalities analysis and satisfaction survey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Equalities analysis")
    expect(page.locator("#equalities-age_band")).to_contain_text("fewer than 5")
    assert_accessible(page)


def test_the_survey_with_errors_then_answered_and_seen_by_staff(live_server, page, data_app):
    track = tracking_path(data_app, closed=True)
    page.goto(f"{live_server}{track}")
    page.get_by_role("button", name="Answer the survey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us how we did")
    assert_accessible(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Satisfied", exact=True).check()
    page.get_by_label("Partly").check()
    page.get_by_label("Is there anything else you would like to tell us? (optional)").fill(
        "Kept me waiting, but polite."
    )
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Thank you for telling us what you thought."
    )

    reference = track.split("/")[2]
    sign_in(page, live_server, "complaints_manager")
    page.goto(f"{live_server}/backoffice/complaints/{reference}")
    expect(page.locator("#satisfaction-survey")).to_contain_text("Kept me waiting, but polite.")
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_the_survey_in_another_language_with_errors(live_server, page, data_app, lang):
    track = tracking_path(data_app, closed=True)
    page.goto(f"{live_server}{track}/survey?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page)
    page.locator("form .govuk-button").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)
