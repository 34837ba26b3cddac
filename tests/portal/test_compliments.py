"""Giving a compliment through the portal, over HTTP."""

from __future__ import annotations

from sqlalchemy import select

from shared.compliments import Compliment
from shared.db import db
from tests.helpers import count, freeze

URL = "/compliment"
VALID = {
    "what": "Sam fixed our boiler the same day.\nThank you!",
    "service_area_code": "repairs_and_maintenance",
    "staff_named": "Sam from the repairs team",
    "contact_name": "Priya Shah",
    "contact_email": "priya.shah@example.com",
}


def test_the_form_asks_what_which_service_and_who(client):
    page = client.page(URL)

    assert page.status_code == 200
    assert page.h1 == "Give a compliment"
    labels = [label.get_text(" ", strip=True) for label in page.soup.select("form label")]
    assert labels == [
        "What would you like to thank us for?",
        "Which service is your compliment about?",
        "Who would you like to thank? (optional)",
        "Your name (optional)",
        "Your email address (optional)",
    ]


def test_a_compliment_is_recorded_and_confirmed(client, monkeypatch):
    freeze(monkeypatch, "2026-11-30 23:30")  # GMT in winter: still 30 November in the UK

    sent = client.submit(URL, VALID, follow_redirects=True)
    assert sent.h1 == "Compliment sent"
    assert "We will pass your compliment on" in sent.text()

    compliment = db.session.scalar(select(Compliment))
    assert compliment.what == "Sam fixed our boiler the same day.\nThank you!"
    assert compliment.service_area_code == "repairs_and_maintenance"
    assert compliment.staff_named == "Sam from the repairs team"
    assert (compliment.contact_name, compliment.contact_email) == (
        "Priya Shah",
        "priya.shah@example.com",
    )
    assert compliment.received_on.isoformat() == "2026-11-30"

    # Shown once: coming back to the address goes to the form.
    assert client.get("/compliment/sent").headers["Location"] == URL


def test_only_what_and_which_service_are_needed(client):
    client.submit(
        URL,
        {"what": "Lovely park.", "service_area_code": "leisure_and_culture"},
        follow_redirects=True,
    )

    compliment = db.session.scalar(select(Compliment))
    assert compliment.staff_named is None
    assert compliment.contact_name is None and compliment.contact_email is None


def test_an_empty_compliment_says_what_is_missing(client):
    page = client.submit(URL, {"what": "  ", "service_area_code": ""})

    assert page.status_code == 400
    assert page.error_summary() == [
        "Tell us what you would like to thank us for",
        "Select the service your compliment is about",
    ]
    assert count(Compliment) == 0


def test_a_wrong_email_is_refused_and_nothing_typed_is_lost(client):
    page = client.submit(URL, {**VALID, "contact_email": "priya.shah@"})

    assert page.status_code == 400
    assert page.error_summary() == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert page.field_error("contact_email").endswith(
        "Enter an email address in the correct format, like name@example.com"
    )
    for name in ("service_area_code", "staff_named", "contact_name"):
        assert page.value_of(name) == VALID[name]
    assert page.value_of("what").strip("\r\n") == VALID["what"]
    assert page.value_of("contact_email") == "priya.shah@"
    assert count(Compliment) == 0


def test_too_long_a_compliment_is_refused_with_the_limit(client):
    page = client.submit(URL, {**VALID, "what": "x" * 5001})

    assert page.error_summary() == ["Your compliment must be 5,000 characters or fewer"]
    assert len(page.value_of("what").strip("\r\n")) == 5001
    assert count(Compliment) == 0


def test_a_service_no_longer_offered_is_refused(client):
    from shared.reference.models import ServiceArea

    db.session.get(ServiceArea, "parking").active = False
    db.session.commit()
    page = client.submit(URL, {**VALID, "service_area_code": "parking"})

    assert page.error_summary() == ["Select the service your compliment is about"]
    assert count(Compliment) == 0
