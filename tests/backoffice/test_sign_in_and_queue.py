"""Signing in and out of the back office, and the queue of open complaints."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from shared.cases import Actor
from shared.cases.audit import AuditEvent
from shared.cases.models import Complaint
from shared.db import db
from tests import committed as lifecycle
from tests.factories import PASSWORD, acknowledge, at, make_staff, respond, submit
from tests.helpers import freeze, summary

SIGN_IN = "/backoffice/sign-in"


def sign_in(client, user, password: str = PASSWORD):
    page = client.submit(
        SIGN_IN, {"email": user.email, "password": password}, follow_redirects=True
    )
    assert page.status_code == 200
    return page


def queue_rows(page) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.soup.select("table.govuk-table tbody tr")
    ]


def is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path == SIGN_IN


@pytest.fixture
def manager(app):
    return make_staff("complaints_manager", name="Morgan Manager")


# -- signed out -------------------------------------------------------------------------------


def test_every_back_office_page_sends_a_signed_out_visitor_to_sign_in(client, manager):
    reference = submit().complaint.reference
    pages = [
        "/backoffice/",
        f"/backoffice/complaints/{reference}",
        f"/backoffice/complaints/{reference}/acknowledge",
        f"/backoffice/complaints/{reference}/respond",
        "/backoffice/complaints/CMP-2099-000001",  # unknown: no hint whether it exists
    ]
    for url in pages:
        response = client.get(url)
        assert is_sign_in_redirect(response), url
        assert parse_qs(urlsplit(response.headers["Location"]).query)["next"] == [url]

    page = client.page("/backoffice/", follow_redirects=True)
    assert page.h1 == "Sign in"
    assert "Sign in to see that page." in page.text()
    assert "Sign out" not in page.text()


def test_a_signed_out_post_to_an_action_changes_nothing(client, manager):
    complaint = submit().complaint
    token = client.page(SIGN_IN).csrf_token()
    events = db.session.scalar(select(func.count()).select_from(AuditEvent))

    for action, data in [
        ("acknowledge", {"points": "A point", "outcomes_sought": ["apology"]}),
        ("respond", {"outcome": "upheld", "reasons": "Because."}),
        ("close", {}),
    ]:
        response = client.post(
            f"/backoffice/complaints/{complaint.reference}/{action}",
            data={"csrf_token": token, **data},
        )
        assert is_sign_in_redirect(response), action

    db.session.rollback()
    assert db.session.get(Complaint, complaint.id).status == "received"
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events


# -- signing in ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "password"),
    [
        (None, "wrong password entirely"),  # the manager's own email address
        ("nobody@council.example", PASSWORD),
    ],
    ids=["wrong-password", "unknown-email"],
)
def test_a_wrong_email_or_password_gets_one_message_and_keeps_the_email(
    client, manager, email, password
):
    email = email or manager.email

    page = client.submit(SIGN_IN, {"email": email, "password": password})

    assert page.status_code == 400
    assert page.title.startswith("Error: Sign in")
    assert summary(page) == ["Enter a correct email address and password"]
    assert page.field_error("email") == "Error: Enter a correct email address and password"
    assert page.value_of("email") == email
    assert page.value_of("password") == ""  # never sent back
    assert client.get("/backoffice/").status_code == 302  # still signed out


def test_signing_in_with_nothing_asks_for_both(client):
    page = client.submit(SIGN_IN, {"email": "", "password": ""})

    assert page.status_code == 400
    assert summary(page) == ["Enter your email address", "Enter your password"]


def test_a_deactivated_account_cannot_sign_in(client, manager):
    manager.active = False
    db.session.commit()

    page = client.submit(SIGN_IN, {"email": manager.email, "password": PASSWORD})

    assert page.status_code == 400
    assert summary(page) == ["Enter a correct email address and password"]


def test_signing_in_opens_the_queue_with_a_sign_out_button(client, manager):
    page = client.submit(
        SIGN_IN, {"email": manager.email.upper(), "password": PASSWORD}, follow_redirects=True
    )

    assert page.response.history[0].status_code == 302
    assert page.status_code == 200
    assert page.h1 == "Open complaints"
    sign_out = page.soup.select_one('form[action="/backoffice/sign-out"] button')
    assert sign_out.get_text(" ", strip=True) == "Sign out Morgan Manager"
    # Signed in, the sign-in page sends you on to the queue.
    again = client.get(SIGN_IN)
    assert again.status_code == 302 and again.headers["Location"] == "/backoffice/"


def test_signing_in_returns_to_the_page_that_asked_for_it(client, manager):
    reference = submit().complaint.reference
    first = client.get(f"/backoffice/complaints/{reference}")
    assert is_sign_in_redirect(first)
    client.get(first.headers["Location"])  # the sign-in page, with ?next=

    page = client.submit(
        SIGN_IN, {"email": manager.email, "password": PASSWORD}, follow_redirects=True
    )

    assert page.response.history[0].headers["Location"] == f"/backoffice/complaints/{reference}"
    assert page.h1 == f"Complaint {reference}"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/backoffice/", "/track/x/y", "/\\evil.example"],
)
def test_signing_in_never_follows_a_next_link_off_the_back_office(client, manager, next_url):
    client.get(SIGN_IN, query_string={"next": next_url})

    response = client.post(
        SIGN_IN,
        data={
            "csrf_token": client.page(SIGN_IN).csrf_token(),
            "email": manager.email,
            "password": PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/backoffice/"


# -- signing out -----------------------------------------------------------------------------


def test_signing_out_needs_the_csrf_token_and_then_signs_you_out(client, manager):
    sign_in(client, manager)

    refused = client.post("/backoffice/sign-out")
    assert refused.status_code == 400
    assert client.get("/backoffice/").status_code == 200  # still signed in

    page = client.submit(
        "/backoffice/sign-out", {}, csrf_from="/backoffice/", follow_redirects=True
    )

    assert page.response.history[0].headers["Location"] == SIGN_IN
    assert page.h1 == "Sign in"
    assert "You have signed out." in page.text()
    assert is_sign_in_redirect(client.get("/backoffice/"))


# -- the queue -------------------------------------------------------------------------------


def test_queue_lists_open_complaints_next_deadline_first_with_the_time_left(
    client, monkeypatch, manager
):
    # Today is Wednesday 5 March 2025. Stage 1 must be acknowledged 5 working days after receipt.
    freeze(monkeypatch, "2025-03-05 09:00")
    later = submit(received="2025-03-03 10:00", complainant_name="Ann Later")  # due Mon 10 Mar
    today = submit(received="2025-02-26 10:00", complainant_name="Ben Today")  # due Wed 5 Mar
    late = submit(received="2025-02-17 10:00", complainant_name="Cat Late")  # due Mon 24 Feb
    one_day = submit(received="2025-02-27 10:00", complainant_name="Dee Tomorrow")  # Thu 6 Mar
    # Answered: still open, but nothing is owed until the resident asks for a review.
    answered = submit(received="2025-02-03 10:00", complainant_name="Eve Answered")
    acknowledge(answered.complaint, manager, on="2025-02-04 10:00")
    respond(answered.complaint, manager, on="2025-02-10 10:00")
    # Finished: not in the queue at all.
    closed = submit(received="2025-02-03 10:00", complainant_name="Fay Closed")
    acknowledge(closed.complaint, manager, on="2025-02-04 10:00")
    respond(closed.complaint, manager, on="2025-02-10 10:00")
    lifecycle.close(Actor.staff(manager), closed.complaint, at=at("2025-02-11 10:00"))
    withdrawn = submit(received="2025-02-03 10:00", complainant_name="Gus Withdrawn")
    lifecycle.withdraw(Actor.resident(), withdrawn.complaint, at=at("2025-02-05 10:00"))
    sign_in(client, manager)

    page = client.page("/backoffice/")

    assert page.status_code == 200
    assert "5 open complaints, the next deadline first." in page.text()
    rows = queue_rows(page)
    assert [row[1] for row in rows] == [
        "Cat Late",
        "Ben Today",
        "Dee Tomorrow",
        "Ann Later",
        "Eve Answered",
    ]
    by_name = {row[1]: row for row in rows}
    assert by_name["Cat Late"][4:] == ["24 Feb 2025", "7 working days overdue"]
    assert by_name["Ben Today"][4:] == ["5 Mar 2025", "Due today"]
    assert by_name["Dee Tomorrow"][4:] == ["6 Mar 2025", "1 working day left"]
    assert by_name["Ann Later"][4:] == ["10 Mar 2025", "3 working days left"]
    assert by_name["Eve Answered"][3:] == ["Stage 1 response sent", "–", "Nothing owed"]
    assert by_name["Ann Later"][0] == later.complaint.reference
    assert by_name["Ann Later"][2:4] == ["Repairs and maintenance", "Received"]
    overdue_tag = page.soup.find("strong", string=lambda s: s and "overdue" in s)
    assert "govuk-tag--red" in overdue_tag["class"]
    link = page.soup.find("a", string=late.complaint.reference)
    assert link["href"] == f"/backoffice/complaints/{late.complaint.reference}"
    for gone in (closed, withdrawn):
        assert gone.complaint.reference not in page.text()
    assert today.complaint.reference in page.text()
    assert one_day.complaint.reference in page.text()
    assert page.response.headers["Cache-Control"] == "no-store"


def test_an_empty_queue_says_so(client, manager):
    sign_in(client, manager)

    page = client.page("/backoffice/")

    assert "0 open complaints, the next deadline first." in page.text()
    assert "There are no open complaints." in page.text()
    assert page.soup.select("table.govuk-table") == []
