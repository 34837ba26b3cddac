"""Control characters (a NUL above all, which PostgreSQL refuses) in an address or a form:
never a 500, always a plain message, and in a form what was typed is kept."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shared.cases.models import Complaint
from shared.db import db
from tests.factories import PASSWORD, acknowledge, make_staff, respond, submit
from tests.helpers import JOURNEY, answer_questions, send_complaint

CONTROL_MESSAGE = (
    "Remove the special characters that cannot be used, such as invisible control codes."
)
ADDRESS_MESSAGE = (
    "The web address has characters in it that cannot be used, such as invisible control "
    "codes. Check the address, or go back and follow the link again."
)


@pytest.fixture(autouse=True)
def no_propagation(app):
    # A failure must show as the 500 a resident would see, not as an exception in the test.
    app.config["PROPAGATE_EXCEPTIONS"] = False


@pytest.fixture
def manager(app):
    return make_staff("complaints_manager")


def signed_in(client, user) -> None:
    page = client.submit(
        "/backoffice/sign-in",
        {"email": user.email, "password": PASSWORD},
        follow_redirects=True,
    )
    assert page.h1 == "Open complaints"


def visible(text: str) -> str:
    """Text as a browser shows it: the parser turns NUL into U+FFFD."""
    return text.replace("\x00", "").replace("\ufffd", "")


# -- in the address --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/%00",
        "/complaint%00",
        "/complaint?page=%00",
        "/complaint?%00=1",
        "/?lang=en%00",
        "/track/CMP-2025-000001%00/abc",
        "/track/CMP-2025-000001/%00%01",
        "/backoffice/complaints/CMP-2025-000001%00",
        "/backoffice/?page=1%00",
        "/backoffice/sign-in?next=/backoffice/%00",
        "/complaint?note=a%1Bb",  # escape
        "/complaint?note=a%7Fb",  # delete
        "/assets/images/favicon.ico%00",
    ],
)
def test_an_address_with_control_characters_gets_a_plain_400(client, url):
    page = client.page(url)

    assert page.status_code == 400
    assert page.h1 == "There is a problem with the web address"
    assert ADDRESS_MESSAGE in page.text()
    assert page.soup.select_one(".govuk-header")  # the council's layout


def test_a_tracking_address_with_a_nul_is_refused_before_any_lookup(client):
    sent = submit()
    url = f"/track/{sent.complaint.reference}/{sent.tracking_secret}%00"

    assert client.page(url).status_code == 400
    assert client.post(url + "/stage-2", data={"reason": "x"}).status_code == 400


def test_a_signed_in_page_with_a_nul_in_its_address_is_refused(client, manager):
    signed_in(client, manager)
    reference = submit().complaint.reference

    for url in (
        "/backoffice/?page=%00",
        f"/backoffice/complaints/{reference}%00",
        f"/backoffice/complaints/{reference}?x=%00",
    ):
        page = client.page(url)
        assert page.status_code == 400, url
        assert ADDRESS_MESSAGE in page.text()


def test_an_ordinary_address_is_untouched(client):
    assert client.get("/complaint/who?lang=en").status_code == 200
    assert client.get("/health").status_code == 200


# -- in a form -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "field", "value"),
    [
        ("details", "name", "Priya\x00 Shah"),
        ("details", "email", "priya\x00@example.com"),
        ("what-happened", "description", "The fan\x00 has not worked.\r\nSince January."),
        ("outcome", "outcome_sought", "Fix it\x07 please"),
    ],
)
def test_a_complaint_field_with_a_control_character_is_refused_and_kept(client, page, field, value):
    answer_questions(client)
    answers = {**JOURNEY[page], field: value}

    shown = client.submit(f"/complaint/{page}", answers)

    assert shown.status_code == 400
    assert CONTROL_MESSAGE in shown.error_summary()
    assert shown.field_error(field) == f"Error: {CONTROL_MESSAGE}"
    assert visible(shown.value_of(field)).replace("\r\n", "\n") == visible(value).replace(
        "\r\n", "\n"
    )
    # The rest of the page is kept too, and nothing was saved.
    for name, typed in JOURNEY[page].items():
        if name != field and isinstance(typed, str):
            assert shown.value_of(name).strip() == typed, name
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 0


def test_a_complaint_with_tab_and_newlines_is_accepted(client):
    page = send_complaint(
        client, what_happened={"description": "Line one\r\n\tLine two\nLine three"}
    )

    assert page.status_code == 200
    assert page.h1 == "Complaint sent"
    complaint = db.session.scalar(select(Complaint))
    assert complaint.description == "Line one\n\tLine two\nLine three"


@pytest.mark.parametrize(
    ("email", "password"),
    [(None, PASSWORD + "\x00"), ("\x00", PASSWORD), ("nobody\x00@council.example", "x\x00")],
    ids=["password", "email", "both"],
)
def test_sign_in_with_a_control_character_is_refused_and_keeps_the_email(
    client, manager, email, password
):
    email = manager.email if email is None else email
    page = client.submit("/backoffice/sign-in", {"email": email, "password": password})

    assert page.status_code == 400
    assert CONTROL_MESSAGE in page.error_summary()
    assert visible(page.value_of("email")) == visible(email)
    assert page.value_of("password") == ""
    assert client.get("/backoffice/").status_code == 302  # still signed out


def test_a_stage_two_reason_with_a_nul_is_refused_and_kept(client, manager):
    sent = submit(received="2025-03-03 10:00")
    acknowledge(sent.complaint, manager, on="2025-03-05 10:00")
    respond(sent.complaint, manager, on="2025-03-14 10:00", outcome="not_upheld")
    url = f"/track/{sent.complaint.reference}/{sent.tracking_secret}/stage-2"
    reason = "You did not look at\x00 the photos I sent."

    page = client.submit(url, {"reason": reason})

    assert page.status_code == 400
    assert CONTROL_MESSAGE in page.error_summary()
    assert page.field_error("reason") == f"Error: {CONTROL_MESSAGE}"
    assert visible(page.value_of("reason")) == visible(reason)
    db.session.rollback()
    assert db.session.get(Complaint, sent.complaint.id).current_stage == 1
