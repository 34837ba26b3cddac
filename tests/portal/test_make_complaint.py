"""Making a complaint through the portal's question pages, over HTTP, as a resident's (or a
representative's) browser would: answers kept on the server, check your answers, sending."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from shared import clock
from shared.cases.models import Complaint
from shared.db import db
from shared.drafts import ComplaintDraft
from shared.drafts.journey import pages_for
from shared.notices.models import OutboxMessage
from shared.reference.models import ServiceArea
from tests.conftest import Page
from tests.factories import submit
from tests.helpers import (
    JOURNEY,
    REPRESENTATIVE_JOURNEY,
    answer_questions,
    count,
    deliver_notices,
    freeze,
    send_complaint,
    summary,
)


def inset_text(page) -> str:
    return page.soup.select_one(".govuk-inset-text").get_text(" ", strip=True)


def post(client, page: str, data: dict, **kwargs):
    """Answer one question page; the response (a redirect when the answers are good)."""
    url = f"/complaint/{page}"
    hidden = client.page(url).hidden_fields()
    return client.post(url, data={**hidden, **data}, **kwargs)


def answer(client, page: str, data: dict) -> Page:
    """Answer one page expecting it to be refused: the page shown again with its errors."""
    url = f"/complaint/{page}"
    return client.submit(url, data)


# -- starting ---------------------------------------------------------------------------------


def test_start_page_says_what_happens_and_links_to_the_questions(client):
    page = client.page("/")

    assert page.h1 == "Make a complaint"
    start = page.soup.select_one("a.govuk-button--start")
    assert start["href"] == "/complaint"
    first = client.get("/complaint")
    assert first.headers["Location"] == "/complaint/who"
    who = client.page("/complaint/who")
    assert who.h1 == "Who is the complaint for?"
    assert [i["value"] for i in who.soup.select("input[name=who]")] == ["myself", "someone_else"]
    # Nothing is stored until the first answer is sent.
    assert count(ComplaintDraft) == 0


def test_the_service_page_lists_the_active_service_areas_with_a_prompt_first(client):
    db.session.get(ServiceArea, "parking").active = False
    db.session.commit()
    post(client, "who", {"who": "myself"})

    page = client.page("/complaint/services")

    options = [
        (o["value"], o.get_text(strip=True)) for o in page.soup.select("select[name=main] option")
    ]
    assert options[0] == ("", "Choose a service")
    assert ("repairs_and_maintenance", "Repairs and maintenance") in options
    assert ("other", "Something else") in options
    assert "parking" not in [value for value, _ in options]
    assert len(options) == 1 + 22
    others = [i["value"] for i in page.soup.select("input[name=others]")]
    assert len(others) == 22 and "parking" not in others


# -- the whole journey --------------------------------------------------------------------------


def test_a_resident_answers_every_page_checks_and_sends_once(client, monkeypatch):
    freeze(monkeypatch, "2026-03-03 10:00")
    answers = {
        **JOURNEY,
        "details": {**JOURNEY["details"], "phone": "01632 960 001", "address": "1 High St"},
        "services": {"main": "repairs_and_maintenance", "others": ["anti_social_behaviour"]},
        "staff": {"staff_involved": "The repairs call centre"},
        "unfair": {"unfair": "yes"},
        "support": {
            "language": "cy",
            "contact_method": "letter",
            "contact_format": "large_print",
            "adjustments": ["large_print", "extra_time"],
            "adjustments_detail": "Please call after 2pm.",
        },
    }
    answer_questions(client, answers)

    check = client.page("/complaint/check-your-answers")
    assert check.h1 == "Check your answers before sending your complaint"
    rows = {
        row.select_one(".govuk-summary-list__key").get_text(" ", strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text(" ", strip=True)
        for row in check.soup.select(".govuk-summary-list__row")
    }
    assert rows["Who is the complaint for?"] == "Myself"
    assert rows["Full name"] == "Priya Shah"
    assert rows["Which service is your complaint mainly about?"] == "Repairs and maintenance"
    assert rows["Is it also about any other services? (optional)"] == "Anti-social behaviour"
    assert rows["When did it happen?"] == "Monday 5 January 2026"
    assert rows["Do you think you were treated unfairly because of who you are?"] == "Yes"
    assert rows["What would you like us to do?"] == "Put things right An explanation"
    assert rows["Which language should we use?"] == "Cymraeg"
    assert rows["Do you need any of these? (optional)"] == "Large print Extra time"
    # Every answer has its own change link, back to its page.
    changes = check.soup.select(".govuk-summary-list__actions a")
    assert len(changes) == len(check.soup.select(".govuk-summary-list__row"))
    assert all("change=1" in a["href"] for a in changes)
    assert count(Complaint) == 0

    sent = client.submit("/complaint/check-your-answers", {}, follow_redirects=True)

    assert sent.h1 == "Complaint sent"
    assert "CMP-2026-000001" in sent.soup.select_one(".govuk-panel").get_text()
    assert "We will contact you by" in sent.text()
    complaint = db.session.scalar(select(Complaint))
    assert complaint.channel == "online"
    assert [a.service_area_code for a in complaint.service_areas] == [
        "repairs_and_maintenance",
        "anti_social_behaviour",
    ]
    assert complaint.happened_on == date(2026, 1, 5)
    assert complaint.found_out_on == date(2026, 1, 5)
    assert complaint.staff_involved == "The repairs call centre"
    assert complaint.about_discrimination is True
    assert complaint.outcomes_sought == ["put_things_right", "explanation"]
    assert complaint.outcome_sought == "Fix the fan and tell me why it took so long."
    person = complaint.complainant
    assert (person.phone, person.address) == ("01632 960 001", "1 High St")
    assert person.preferred_language == "cy"
    assert (person.contact_method, person.contact_format) == ("letter", "large_print")
    assert person.adjustments == ["large_print", "extra_time"]
    assert person.adjustments_detail == "Please call after 2pm."
    assert complaint.consent is None
    # The draft is gone with the sending, and the session no longer points at it.
    assert count(ComplaintDraft) == 0
    assert client.get("/complaint").headers["Location"] == "/complaint/who"


def test_a_representative_gives_their_role_consent_and_the_residents_details(client, monkeypatch):
    freeze(monkeypatch, "2026-03-03 10:00")
    answers = {
        **JOURNEY,
        **REPRESENTATIVE_JOURNEY,
        "details": {"name": "Ada Resident", "email": "", "phone": "", "address": "2 Low Rd"},
    }
    assert pages_for(answers)[:5] == ["who", "your-role", "your-details", "consent", "details"]
    answer_questions(client, answers)
    details_page = client.page("/complaint/details")
    assert details_page.h1 == "The resident's details"

    sent = client.submit("/complaint/check-your-answers", {}, follow_redirects=True)

    assert sent.h1 == "Complaint sent"
    complaint = db.session.scalar(select(Complaint))
    assert complaint.complainant.name == "Ada Resident"
    assert complaint.complainant.email is None
    consent = complaint.consent
    assert consent.given_how == "email"
    assert consent.given_on == date(2026, 2, 2)
    assert consent.correspondence_to == "both"
    agent = consent.representative
    assert (agent.name, agent.role, agent.organisation) == (
        "Sam Caseworker",
        "mp",
        "Office of Jo Bloggs MP",
    )
    assert agent.email == "sam.caseworker@parliament.example"
    # The "received" notice goes to the representative, as the consent says.
    recipients = [m.recipient for m in db.session.scalars(select(OutboxMessage))]
    assert "sam.caseworker@parliament.example" in recipients


def test_the_consent_page_needs_the_declaration_how_when_and_who_gets_letters(client):
    post(client, "who", {"who": "someone_else"})

    page = answer(client, "consent", {"given_on-day": "31", "given_on-month": "2"})

    assert page.status_code == 400
    assert summary(page) == [
        "Confirm that the resident agrees to you acting for them",
        "Select how the complainant gave their consent",
        "The date must include a year",
        "Select who should receive our letters and emails",
    ]
    assert page.value_of("given_on-day") == "31"
    # Only the box at fault is marked.
    assert "govuk-input--error" in page.soup.find(id="given_on-year")["class"]
    assert "govuk-input--error" not in page.soup.find(id="given_on-day")["class"]


def test_changing_to_myself_drops_the_representatives_answers(client):
    answer_questions(client, {**JOURNEY, **REPRESENTATIVE_JOURNEY})
    assert post(client, "who", {"who": "myself", "change": "1"}).status_code == 302

    check = client.page("/complaint/check-your-answers")
    assert "Sam Caseworker" not in check.text()
    draft = db.session.scalar(select(ComplaintDraft))
    assert "your-role" not in draft.answers and "consent" not in draft.answers
    # A representative's page is not offered to someone complaining for themselves.
    assert client.get("/complaint/consent").headers["Location"] == "/complaint/who"


# -- answers kept on the server -----------------------------------------------------------------


def test_answers_are_kept_on_the_server_never_in_the_cookie(app, client):
    long_text = "Ünïcödé ٱلْعَرَبِيَّة اردو\r\nline two\r\n" + "x" * 9_950
    post(client, "who", {"who": "myself"})
    assert post(client, "what-happened", {"description": long_text}).status_code == 302

    cookie = client.get_cookie("session")
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert "Ünïcödé" not in repr(session) and "xxxxxxxxxx" not in repr(session)
    assert set(session) <= {"complaint_draft", "csrf_token", "lang"}
    assert len(cookie.value) < 1_000
    # Coming back finds it as typed, line breaks and right-to-left script included.
    again = client.page("/complaint/what-happened")
    shown = again.value_of("description")
    assert shown.removeprefix("\n") == long_text
    draft = db.session.scalar(select(ComplaintDraft))
    # The id in the session is not the key in the table (only its hash is).
    assert session["complaint_draft"] != draft.id_hash
    assert len(session["complaint_draft"]) >= 43


def test_a_description_of_exactly_the_limit_is_kept_and_sent_one_more_is_refused(client):
    too_long = "é" * 10_001
    post(client, "who", {"who": "myself"})

    page = answer(client, "what-happened", {"description": too_long})

    assert page.status_code == 400
    assert summary(page) == ["What happened must be 10,000 characters or fewer"]
    assert page.value_of("description").strip() == too_long  # kept, so it can be shortened
    assert "10,000 characters" in page.soup.select_one("#description-hint").get_text()

    send_complaint(client, what_happened={"description": "é" * 10_000})
    assert db.session.scalar(select(Complaint)).description == "é" * 10_000


def test_going_back_shows_every_answer_and_the_back_link_follows_the_pages(client):
    answer_questions(client)

    page = client.page("/complaint/outcome")
    assert page.soup.select_one(".govuk-back-link")["href"] == "/complaint/unfair"
    checked = [i["value"] for i in page.soup.select("input[name=outcomes][checked]")]
    assert checked == ["explanation", "put_things_right"]
    assert client.page("/complaint/when").value_of("happened_on-year") == "2026"
    assert client.page("/complaint/details").value_of("email") == "priya.shah@example.com"
    assert client.page("/complaint/who").soup.select_one("input[value=myself]").has_attr("checked")
    check = client.page("/complaint/check-your-answers")
    assert check.soup.select_one(".govuk-back-link")["href"] == "/complaint/support"


def test_changing_the_language_mid_journey_keeps_the_place_and_every_answer(client):
    post(client, "who", {"who": "myself"})
    post(client, "details", JOURNEY["details"])
    post(client, "services", JOURNEY["services"])

    welsh = client.page("/complaint/details?lang=cy")

    assert welsh.soup.find("html")["lang"] == "cy"
    assert welsh.value_of("name") == "Priya Shah"
    assert welsh.value_of("email") == "priya.shah@example.com"
    assert welsh.soup.select_one(".govuk-back-link")["href"] == "/complaint/who"
    # Answering in Welsh carries on to the same next page, answers kept.
    assert post(client, "details", JOURNEY["details"]).headers["Location"] == "/complaint/services"
    arabic = client.page("/complaint/services?lang=ar")
    assert arabic.soup.find("html")["dir"] == "rtl"
    assert arabic.value_of("main") == "repairs_and_maintenance"


def test_a_change_link_returns_to_check_your_answers(client):
    answer_questions(client)

    response = post(client, "staff", {"staff_involved": "Mr Jones", "change": "1"})

    assert response.headers["Location"] == "/complaint/check-your-answers"
    changed_page = client.page("/complaint/staff?change=1")
    assert changed_page.soup.select_one(".govuk-back-link")["href"] == (
        "/complaint/check-your-answers"
    )
    assert "Mr Jones" in client.page("/complaint/check-your-answers").text()


def test_changing_to_someone_else_asks_the_new_questions_then_returns_to_check(client):
    answer_questions(client)

    response = post(client, "who", {"who": "someone_else", "change": "1"})

    assert response.headers["Location"] == "/complaint/your-role?change=1"
    for page in ("your-role", "your-details"):
        assert (
            post(client, page, {**REPRESENTATIVE_JOURNEY[page], "change": "1"}).status_code == 302
        )
    last = post(client, "consent", {**REPRESENTATIVE_JOURNEY["consent"], "change": "1"})
    assert last.headers["Location"] == "/complaint/check-your-answers"


# -- drafts that have gone ------------------------------------------------------------------------


def test_an_expired_draft_says_what_happened_and_how_to_start_again(client, monkeypatch):
    post(client, "who", {"who": "myself"})
    post(client, "details", JOURNEY["details"])
    later = clock.now() + timedelta(days=7, minutes=1)
    monkeypatch.setattr(clock, "now", lambda: later)

    page = client.page("/complaint/services")

    assert page.status_code == 200
    assert page.h1 == "Your answers are no longer saved"
    assert "7 days" in page.text()
    assert page.soup.select_one("main a.govuk-button")["href"] == "/complaint"
    assert client.get("/complaint").headers["Location"] == "/complaint/who"


def test_a_break_of_six_days_finds_every_answer(client, monkeypatch):
    post(client, "who", {"who": "myself"})
    post(client, "details", JOURNEY["details"])
    later = clock.now() + timedelta(days=6)
    monkeypatch.setattr(clock, "now", lambda: later)

    assert client.page("/complaint/details").value_of("name") == "Priya Shah"


def test_sending_an_expired_draft_records_nothing_and_says_so(client, monkeypatch):
    answer_questions(client)
    hidden = client.page("/complaint/check-your-answers").hidden_fields()
    later = clock.now() + timedelta(days=8)
    monkeypatch.setattr(clock, "now", lambda: later)

    page = Page(client.post("/complaint/check-your-answers", data=hidden))

    assert page.h1 == "Your answers are no longer saved"
    assert count(Complaint) == 0


def test_the_purge_command_deletes_only_expired_drafts(app, client, monkeypatch):
    post(client, "who", {"who": "myself"})
    other = app.test_client()
    later = clock.now() + timedelta(days=8)
    monkeypatch.setattr(clock, "now", lambda: later)
    post(other, "who", {"who": "someone_else"})
    assert count(ComplaintDraft) == 2

    result = app.test_cli_runner().invoke(args=["drafts", "purge"])

    assert result.exit_code == 0, result.output
    assert "Deleted 1 expired draft(s)." in result.output
    assert count(ComplaintDraft) == 1


def test_a_page_asked_for_with_no_draft_begins_at_the_first_question(client):
    assert client.get("/complaint/support").headers["Location"] == "/complaint/who"
    assert client.get("/complaint/check-your-answers").headers["Location"] == "/complaint/who"
    assert client.get("/complaint/no-such-question").status_code == 404


# -- validation ------------------------------------------------------------------------------------


def test_every_required_field_on_the_details_page_has_its_own_message(client):
    post(client, "who", {"who": "myself"})

    page = answer(client, "details", {"name": " ", "email": "priya@", "phone": "call me"})

    assert page.status_code == 400
    assert summary(page) == [
        "Enter your full name",
        "Enter an email address in the correct format, like name@example.com",
        "Enter a phone number, like 01632 960 001 or +44 7700 900 982",
    ]
    assert page.field_error("email") == (
        "Error: Enter an email address in the correct format, like name@example.com"
    )
    assert page.value_of("email") == "priya@"
    assert page.value_of("phone") == "call me"
    assert count(Complaint) == 0


@pytest.mark.parametrize(
    ("page", "data", "messages"),
    [
        ("who", {}, ["Select whether you are complaining for yourself or for someone else"]),
        ("services", {"main": "no-such-service"}, ["Select the service your complaint is about"]),
        ("what-happened", {"description": "  "}, ["Tell us what happened"]),
        (
            "when",
            {"happened_on-day": "1", "happened_on-month": "13", "happened_on-year": "2026"},
            ["The date must be a real date"],
        ),
        (
            "unfair",
            {},
            ["Select yes if you think you were treated unfairly because of who you are"],
        ),
        (
            "outcome",
            {"outcomes": ["other"]},
            ["Tell us what you would like us to do to put things right"],
        ),
        ("outcome", {}, ["Select what you would like us to do"]),
        (
            "support",
            {"language": "xx", "contact_method": "letter"},
            [
                "Select the language you would like us to use",
                "To get letters, give a postal address on the contact details page",
                "Select the format you would like",
            ],
        ),
        (
            "staff",
            {"staff_involved": "a\x00b"},
            ["Remove the special characters that cannot be used, such as invisible control codes."],
        ),
    ],
)
def test_each_page_says_what_is_wrong_and_keeps_what_was_typed(client, page, data, messages):
    post(client, "who", {"who": "myself"})

    shown = answer(client, page, data)

    assert shown.status_code == 400
    assert summary(shown) == messages
    assert count(Complaint) == 0


def test_found_out_before_it_happened_is_refused(client):
    answer_questions(client)

    page = answer(
        client,
        "found-out",
        {"found_out_on-day": "1", "found_out_on-month": "1", "found_out_on-year": "2025"},
    )

    assert summary(page) == [
        "The date you found out must be the same as or after the date it happened"
    ]


def test_more_than_twelve_months_ago_explains_and_still_accepts_it(client, monkeypatch):
    freeze(monkeypatch, "2026-03-03 10:00")
    old = {"happened_on-day": "1", "happened_on-month": "1", "happened_on-year": "2024"}
    old_found = {"found_out_on-day": "2", "found_out_on-month": "1", "found_out_on-year": "2024"}
    answer_questions(client)
    post(client, "when", old)
    response = post(client, "found-out", old_found, follow_redirects=True)

    page = Page(response)
    assert page.h1 == "This happened more than 12 months ago"
    assert "We may still accept your complaint" in page.text()
    continue_link = page.soup.select_one("main a.govuk-button")["href"]
    assert continue_link == "/complaint/what-happened"

    sent = client.submit("/complaint/check-your-answers", {}, follow_redirects=True)
    assert sent.h1 == "Complaint sent"
    assert db.session.scalar(select(Complaint)).happened_on == date(2024, 1, 1)


def test_a_service_withdrawn_before_sending_asks_for_that_answer_again(client):
    answer_questions(client)
    db.session.get(ServiceArea, "repairs_and_maintenance").active = False
    db.session.commit()

    hidden = client.page("/complaint/check-your-answers").hidden_fields()
    response = client.post("/complaint/check-your-answers", data=hidden)

    assert count(Complaint) == 0
    assert response.status_code == 302
    assert response.headers["Location"] == "/complaint/services?change=1"


@pytest.mark.parametrize("token", [None, "", "not-the-token"], ids=["missing", "empty", "wrong"])
def test_a_post_without_the_right_csrf_token_is_refused_and_records_nothing(client, token):
    answer_questions(client)
    data = {
        "submission_token": client.page("/complaint/check-your-answers").hidden_fields()[
            "submission_token"
        ]
    }
    if token is not None:
        data["csrf_token"] = token

    response = client.post("/complaint/check-your-answers", data=data)

    assert response.status_code == 400
    assert count(Complaint) == 0
    assert count(OutboxMessage) == 0


# -- a complaint sent ------------------------------------------------------------------------------


def test_a_complaint_sent_gives_the_reference_and_a_private_link(client, monkeypatch):
    freeze(monkeypatch, "2026-03-03 10:00")

    page = send_complaint(client)

    assert [r.status_code for r in page.response.history] == [302]
    assert page.response.history[0].headers["Location"] == "/complaint/sent"
    panel = page.soup.select_one(".govuk-panel").get_text(" ", strip=True)
    assert panel == "Complaint sent Your reference is CMP-2026-000001"
    assert "We will contact you by Tuesday 10 March 2026" in page.text()
    tracking_url = page.soup.find("a", string="See the progress of your complaint")["href"]
    assert re.fullmatch(r"http://localhost/track/CMP-2026-000001/[A-Za-z0-9_-]{40,}", tracking_url)
    (email,) = deliver_notices()
    assert "CMP-2026-000001" in email["subject"]
    assert email["to"].endswith("priya.shah@example.com") or "priya.shah" in email["to"]


def test_refreshing_the_confirmation_page_does_not_send_the_complaint_again(client):
    send_complaint(client)

    again = client.page("/complaint/sent")

    assert again.status_code == 200
    assert count(Complaint) == 1
    assert count(OutboxMessage) == 1


def test_the_confirmation_page_without_a_complaint_goes_back_to_the_start(client):
    response = client.get("/complaint/sent")

    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_the_same_answers_sent_twice_show_the_first_complaint_not_a_second(client):
    answer_questions(client)
    form = client.page("/complaint/check-your-answers").hidden_fields()

    first = Page(client.post("/complaint/check-your-answers", data=form, follow_redirects=True))
    # A double click, or a retry after a dropped connection: the very same form again.
    again = Page(client.post("/complaint/check-your-answers", data=form, follow_redirects=True))

    assert first.h1 == again.h1 == "Complaint sent"
    reference = first.soup.select_one(".govuk-panel strong").get_text()
    assert again.soup.select_one(".govuk-panel strong").get_text() == reference
    assert count(Complaint) == 1
    assert count(OutboxMessage) == 1
    # New answers are a new complaint.
    assert send_complaint(client).h1 == "Complaint sent"
    assert count(Complaint) == 2


def test_the_confirmation_page_holds_no_secret_in_the_session_cookie(app, client):
    page = send_complaint(client)
    link = page.soup.find("a", string="See the progress of your complaint")["href"]
    secret = link.rsplit("/", 1)[1]
    cookie = client.get_cookie("session")
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert secret not in repr(session)
    assert set(session) <= {"submission", "csrf_token", "lang", "after_older"}


def test_staff_see_the_support_and_representative_on_the_case_page(client, monkeypatch):
    from tests.factories import PASSWORD, make_staff

    answers = {
        **JOURNEY,
        **REPRESENTATIVE_JOURNEY,
        "unfair": {"unfair": "yes"},
        "support": {
            **JOURNEY["support"],
            "adjustments": ["british_sign_language", "named_contact"],
            "adjustments_detail": "Deaf; prefers video calls",
        },
    }
    send_complaint(client, answers)
    reference = db.session.scalar(select(Complaint)).reference
    manager = make_staff("complaints_manager")
    client.submit(
        "/backoffice/sign-in", {"email": manager.email, "password": PASSWORD}, follow_redirects=True
    )

    page = client.page(f"/backoffice/complaints/{reference}")

    panel = page.soup.select_one(".app-resident-support")
    assert panel.select_one("h2").get_text(strip=True) == "Support the resident needs"
    text = panel.get_text(" ", strip=True)
    assert "British Sign Language; One named person to contact" in text
    assert "Deaf; prefers video calls" in text
    assert "Sam Caseworker" in page.text() and "MP or MP's caseworker" in page.text()
    assert "Discrimination complaint" in page.text()


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


def test_a_language_chosen_on_the_way_in_is_kept_for_the_first_question(client):
    assert client.get("/complaint?lang=ar").headers["Location"] == "/complaint/who"
    assert client.page("/complaint/who").soup.html["dir"] == "rtl"


def test_a_resident_we_write_to_needs_an_email_or_postal_address(client):
    answer_questions(client, {**JOURNEY, **REPRESENTATIVE_JOURNEY})
    no_way_to_write = {"name": "Ada Resident", "email": "", "address": "  "}

    page = answer(client, "details", no_way_to_write)

    assert summary(page) == [
        "Give the resident's email address or postal address, so that we can write to them"
    ]
    # Letters only to the representative: the resident's address is not needed.
    consent = {**REPRESENTATIVE_JOURNEY["consent"], "correspondence_to": "representative"}
    assert post(client, "consent", consent).status_code == 302
    assert post(client, "details", no_way_to_write).status_code == 302
