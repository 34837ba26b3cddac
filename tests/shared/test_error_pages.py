"""Errors are shown in the council's layout, in plain language, never as Werkzeug's pages."""

from __future__ import annotations

from sqlalchemy import func, select

from shared.cases.models import Complaint
from shared.db import db


def test_an_unknown_page_is_a_404_in_the_councils_layout(client):
    page = client.page("/no-such-page")
    assert page.status_code == 404
    assert page.h1 == "Page not found"
    assert page.soup.find("html")["dir"] == "ltr"
    assert page.soup.select_one(".govuk-header")


def test_an_expired_form_says_so_and_saves_nothing(app, client):
    client.page("/complaint/who")
    response = client.post("/complaint/who", data={"csrf_token": "expired-token", "who": "myself"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Your session has expired" in text
    assert "The CSRF token" not in text
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 0


def test_a_server_error_shows_a_plain_page_and_rolls_back(app, client, monkeypatch):
    from portal import journey_views

    def broken():
        raise RuntimeError("database went away")

    monkeypatch.setattr(journey_views, "offered_service_areas", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    hidden = client.page("/complaint/who").hidden_fields()
    response = client.post("/complaint/who", data={**hidden, "who": "myself"})
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.get_data(as_text=True)
    # Nothing half-written: no draft was kept.
    from shared.drafts import ComplaintDraft

    assert db.session.scalar(select(func.count()).select_from(ComplaintDraft)) == 0
