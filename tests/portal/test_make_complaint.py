"""Making a complaint through the portal, over HTTP, as a resident's browser would."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from shared.cases.models import Complaint
from shared.db import db
from shared.notices.models import OutboxMessage
from shared.reference.models import ServiceArea
from tests.conftest import Page
from tests.factories import submit
from tests.helpers import COMPLAINT_FORM, count, deliver_notices, freeze, summary

VALID = COMPLAINT_FORM


def inset_text(page) -> str:
    return page.soup.select_one(".govuk-inset-text").get_text(" ", strip=True)


# -- the start page and the empty form ------------------------------------------------------


def test_start_page_says_what_happens_and_links_to_the_form(client):
    page = client.page("/")

    assert page.status_code == 200
    assert page.h1 == "Make a complaint"
    assert "We will confirm what we will look into within 5 working days." in page.text()
    start = page.soup.select_one("a.govuk-button--start")
    assert start.get_text(" ", strip=True) == "Start now"
    assert start["href"] == "/complaint"


def test_form_lists_the_active_service_areas_with_a_prompt_first(client):
    db.session.get(ServiceArea, "parking").active = False
    db.session.commit()

    page = client.page("/complaint")

    assert page.status_code == 200
    options = [
        (o["value"], o.get_text(strip=True))
        for o in page.soup.select("select[name=service_area_code] option")
    ]
    assert options[0] == ("", "Choose a service")
    assert ("repairs_and_maintenance", "Repairs and maintenance") in options
    assert ("council_tax_and_business_rates", "Council Tax and business rates") in options
    assert ("other", "Something else") in options
    assert "parking" not in [value for value, _ in options]
    assert len(options) == 1 + 22  # the prompt and the 23 default areas less the inactive one
    assert page.value_of("service_area_code") == ""


# -- errors ------------------------------------------------------------------------------------

EMPTY_FORM_MESSAGES = [
    "Enter your full name",
    "Enter your email address",
    "Select the service your complaint is about",
    "Tell us what happened",
    "Tell us what you would like us to do to put things right",
]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param({name: "" for name in VALID}, id="fields-sent-empty"),
        pytest.param({name: "   " for name in VALID}, id="fields-only-spaces"),
        pytest.param({}, id="fields-left-out"),
    ],
)
def test_submitting_nothing_shows_one_message_for_each_field(client, data):
    page = client.submit("/complaint", data)

    assert page.status_code == 400
    assert page.title.startswith("Error: Your complaint")
    assert summary(page) == EMPTY_FORM_MESSAGES
    for field, message in zip(VALID, EMPTY_FORM_MESSAGES, strict=True):
        assert page.field_error(field) == f"Error: {message}"
        # Each summary entry links to its field.
        link = page.soup.select_one(f'.govuk-error-summary__list a[href="#{field}"]')
        assert link is not None and link.get_text(strip=True) == message
    assert count(Complaint) == 0
    assert count(OutboxMessage) == 0


@pytest.mark.parametrize("email", ["priya.example.com", "priya@", "priya shah@example.com"])
def test_an_email_address_in_the_wrong_format_is_explained(client, email):
    page = client.submit("/complaint", {**VALID, "contact_email": email})

    assert page.status_code == 400
    message = "Enter an email address in the correct format, like name@example.com"
    assert summary(page) == [message]
    assert page.field_error("contact_email") == f"Error: {message}"
    assert page.value_of("contact_email") == email
    assert count(Complaint) == 0


def test_an_overlong_description_is_refused_and_everything_entered_is_kept(client):
    too_long = "x" * 10_001
    entered = {**VALID, "service_area_code": "anti_social_behaviour", "description": too_long}

    page = client.submit("/complaint", entered)

    assert page.status_code == 400
    assert summary(page) == ["What happened must be 10,000 characters or fewer"]
    assert page.field_error("description") == (
        "Error: What happened must be 10,000 characters or fewer"
    )
    assert page.value_of("complainant_name") == "Priya Shah"
    assert page.value_of("contact_email") == "priya.shah@example.com"
    assert page.value_of("service_area_code") == "anti_social_behaviour"
    assert page.value_of("outcome_sought").strip() == VALID["outcome_sought"]
    assert page.value_of("description").strip() == too_long  # kept, so it can be shortened
    assert count(Complaint) == 0


def test_a_description_of_exactly_the_limit_is_accepted(client):
    response = client.post(
        "/complaint",
        data={
            "csrf_token": client.page("/complaint").csrf_token(),
            **VALID,
            "description": "x" * 10_000,
        },
    )

    assert response.status_code == 302
    assert count(Complaint) == 1


def test_a_service_withdrawn_while_the_form_was_open_asks_to_choose_again(client):
    token = client.page("/complaint").csrf_token()
    db.session.get(ServiceArea, "repairs_and_maintenance").active = False
    db.session.commit()

    response = client.post("/complaint", data={"csrf_token": token, **VALID})

    page = Page(response)
    assert page.status_code == 400
    assert summary(page) == ["Select the service your complaint is about"]
    assert page.value_of("complainant_name") == "Priya Shah"
    assert count(Complaint) == 0


@pytest.mark.parametrize("token", [None, "", "not-the-token"], ids=["missing", "empty", "wrong"])
def test_a_post_without_the_right_csrf_token_is_refused_and_records_nothing(client, token):
    client.page("/complaint")  # the browser has a session, as a real one would
    data = dict(VALID)
    if token is not None:
        data["csrf_token"] = token

    response = client.post("/complaint", data=data)

    assert response.status_code == 400
    assert count(Complaint) == 0
    assert count(OutboxMessage) == 0


# -- a complaint sent --------------------------------------------------------------------------


def test_a_valid_complaint_is_recorded_once_and_the_resident_gets_the_tracking_link(
    client, monkeypatch
):
    freeze(monkeypatch, "2025-03-03 10:00")

    page = client.submit("/complaint", VALID, follow_redirects=True)

    assert [r.status_code for r in page.response.history] == [302]
    assert page.response.history[0].headers["Location"] == "/complaint/sent"
    assert page.status_code == 200
    assert page.h1 == "Complaint sent"
    panel = page.soup.select_one(".govuk-panel").get_text(" ", strip=True)
    assert re.fullmatch(r"Complaint sent Your reference is CMP-\d{4}-\d{6}", panel)
    assert "CMP-2025-000001" in panel
    link = page.soup.find("a", string="See the progress of your complaint")
    tracking_url = link["href"]
    assert re.fullmatch(r"http://localhost/track/CMP-2025-000001/[A-Za-z0-9_-]{40,}", tracking_url)

    assert count(Complaint) == 1
    complaint = db.session.scalar(select(Complaint))
    assert complaint.reference == "CMP-2025-000001"
    assert complaint.complainant.name == "Priya Shah"
    assert complaint.complainant.email == "priya.shah@example.com"
    assert [a.service_area_code for a in complaint.service_areas] == ["repairs_and_maintenance"]
    assert complaint.is_housing_landlord is True
    assert complaint.service_area_code == "repairs_and_maintenance"
    assert complaint.status == "received"

    messages = db.session.scalars(select(OutboxMessage)).all()
    assert len(messages) == 1
    (message,) = messages
    assert message.recipient == "priya.shah@example.com"
    assert message.kind == "complaint_received"
    # Queued without a secret; the sender renders it and issues its own link.
    assert message.body_text is None
    (email,) = deliver_notices()
    assert "CMP-2025-000001" in email["subject"]
    assert "We will contact you by Monday 10 March 2025" in email["body"]
    emailed_link = next(w for w in email["body"].split() if "/track/" in w)
    assert emailed_link != tracking_url
    assert client.page(emailed_link.removeprefix("http://localhost")).status_code == 200

    # The link in the page and the email opens the complaint.
    tracked = client.page(tracking_url.removeprefix("http://localhost"))
    assert tracked.status_code == 200
    assert "CMP-2025-000001" in tracked.text()


def test_refreshing_the_confirmation_page_does_not_send_the_complaint_again(client):
    client.submit("/complaint", VALID, follow_redirects=True)

    again = client.page("/complaint/sent")

    assert again.status_code == 200
    assert count(Complaint) == 1
    assert count(OutboxMessage) == 1


def test_the_confirmation_page_without_a_complaint_goes_back_to_the_start(client):
    response = client.get("/complaint/sent")

    assert response.status_code == 302
    assert response.headers["Location"] == "/"


# -- the tracking page ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "service", "received_text", "contact_by"),
    [
        # Monday: day 0, then Tue..Fri are days 1-4 and the next Monday day 5.
        (
            "2025-03-03 10:00",
            "repairs_and_maintenance",
            "Monday 3 March 2025",
            "Monday 10 March 2025",
        ),
        # Saturday: still day 0; Mon 10 is day 1, Fri 14 is day 5.
        (
            "2025-03-08 10:00",
            "repairs_and_maintenance",
            "Saturday 8 March 2025",
            "Friday 14 March 2025",
        ),
        # Thursday before Easter: Good Friday and Easter Monday are not working days.
        ("2025-04-17 10:00", "parking", "Thursday 17 April 2025", "Monday 28 April 2025"),
        # 23:30 UTC in summer is 00:30 the next day in London.
        (
            "2025-06-02 23:30",
            "repairs_and_maintenance",
            "Tuesday 3 June 2025",
            "Tuesday 10 June 2025",
        ),
    ],
)
def test_tracking_page_shows_status_and_the_date_we_will_contact_the_resident(
    client, received, service, received_text, contact_by
):
    sent = submit(received=received, service_area_code=service)

    page = client.page(f"/track/{sent.complaint.reference}/{sent.tracking_secret}")

    assert page.status_code == 200
    assert page.response.headers["Cache-Control"] == "no-store"
    assert page.soup.select_one(".govuk-tag").get_text(strip=True) == "Received"
    assert inset_text(page) == (
        f"We will contact you by {contact_by} to confirm what we will look into."
    )
    assert f"Received {received_text}" in page.text()
    assert sent.complaint.reference in page.text()
    assert "Ask for a stage 2 review" not in page.text()


def test_someone_elses_or_a_made_up_link_is_not_found_and_reveals_nothing(client):
    mine = submit(complainant_name="Alice Ambler", description="Alice's leaking roof.")
    theirs = submit(complainant_name="Bob Baxter", description="Bob's broken door.")
    a_ref, a_secret = mine.complaint.reference, mine.tracking_secret
    b_ref, b_secret = theirs.complaint.reference, theirs.tracking_secret

    urls = [
        f"/track/{a_ref}/{b_secret}",  # A's reference with B's secret
        f"/track/{b_ref}/{a_secret}",  # B's reference with A's secret
        f"/track/{a_ref}/{'A' * 43}",  # a made-up secret
        f"/track/{a_ref}/{a_secret[:-1]}",  # a secret with a character missing
        f"/track/{b_ref.lower()}/{a_secret}",  # a lowercase reference that is not A's
        f"/track/{a_ref}X/{a_secret}",  # a garbled reference
        f"/track/CMP-2025-999999/{a_secret}",  # a reference that does not exist
        f"/track/{a_ref}/{b_secret}/stage-2",
        f"/track/{a_ref}/{'A' * 43}/stage-2",
    ]
    for url in urls:
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert response.status_code == 404, url
        for secret_detail in (a_ref, b_ref, "Alice", "Bob", "roof", "door", "Received"):
            assert secret_detail not in body, (url, secret_detail)

    # The right links still work, so the 404s above are about the link, not the complaint.
    assert client.get(f"/track/{a_ref}/{a_secret}").status_code == 200
    assert client.get(f"/track/{b_ref}/{b_secret}").status_code == 200


def test_the_same_form_sent_again_shows_the_first_complaint_not_a_second(client):
    form = client.page("/complaint").hidden_fields()
    first = Page(client.post("/complaint", data={**form, **VALID}, follow_redirects=True))
    # A retry after a dropped connection: the browser sends the very same form again.
    again = Page(client.post("/complaint", data={**form, **VALID}, follow_redirects=True))

    assert first.h1 == again.h1 == "Complaint sent"
    reference = first.soup.select_one(".govuk-panel strong").get_text()
    assert again.soup.select_one(".govuk-panel strong").get_text() == reference
    assert count(Complaint) == 1
    assert count(OutboxMessage) == 1
    # A new form is a new complaint.
    assert client.submit("/complaint", VALID, follow_redirects=True).h1 == "Complaint sent"
    assert count(Complaint) == 2


def test_the_confirmation_page_holds_no_secret_in_the_session_cookie(app, client):
    page = client.submit("/complaint", VALID, follow_redirects=True)
    link = page.soup.find("a", string="See the progress of your complaint")["href"]
    secret = link.rsplit("/", 1)[1]
    cookie = client.get_cookie("session")
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert secret not in repr(session)
    assert set(session) <= {"submission", "csrf_token", "lang"}
