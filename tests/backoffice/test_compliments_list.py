"""The back office's list of compliments."""

from __future__ import annotations

from datetime import date

import pytest

from shared.cases import Actor
from shared.compliments import compliments_by_service_area, record_compliment
from shared.db import unit_of_work
from shared.errors import NotPermitted
from tests.backoffice.test_sign_in_and_queue import sign_in
from tests.factories import make_staff
from tests.helpers import freeze

LIST = "/backoffice/compliments"


def give(when: str, monkeypatch, **fields):
    freeze(monkeypatch, when)
    with unit_of_work():
        record_compliment(
            **{"service_area_code": "parking", "what": "Helpful and quick.", **fields}
        )


@pytest.mark.parametrize(
    "role", ["complaints_manager", "complaints_officer", "investigating_officer"]
)
def test_the_manager_and_officers_see_compliments_newest_first(client, monkeypatch, role):
    give("2026-11-02 09:00", monkeypatch, what="Older one.")
    give(
        "2026-11-20 09:00",
        monkeypatch,
        what="Newer one.\nSecond line.",
        service_area_code="waste_and_recycling",
        staff_named="Jo Bloggs",
        contact_name="Priya Shah",
        contact_email="priya@example.com",
    )
    sign_in(client, make_staff(role))

    queue = client.page("/backoffice/")
    assert queue.soup.find("a", href=LIST).get_text(strip=True) == "Compliments"
    page = client.page(LIST)
    assert page.h1 == "Compliments"
    assert "2 compliments received, the newest first." in page.text()
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.soup.select("tbody tr")
    ]
    assert rows == [
        [
            "20 Nov 2026",
            "Waste and recycling",
            "Newer one.\nSecond line.",
            "Jo Bloggs",
            "Priya Shah priya@example.com",
        ],
        ["2 Nov 2026", "Parking", "Older one.", "Nobody named", "No contact details given"],
    ]


def test_a_reviewer_does_not_see_compliments(client):
    sign_in(client, make_staff("reviewer"))

    assert client.page("/backoffice/").soup.find("a", href=LIST) is None
    assert client.get(LIST).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/backoffice/sign-in" in response.headers["Location"]


def test_compliments_are_counted_by_service_for_reports(app, monkeypatch):
    give("2026-10-31 12:00", monkeypatch)
    give("2026-11-01 12:00", monkeypatch)
    give("2026-11-15 12:00", monkeypatch, service_area_code="benefits")
    give("2026-12-01 12:00", monkeypatch)

    counts = compliments_by_service_area(Actor.system(), date(2026, 11, 1), date(2026, 11, 30))
    assert counts == {"parking": 1, "benefits": 1}
    reviewer = make_staff("reviewer")
    with pytest.raises(NotPermitted):
        compliments_by_service_area(Actor.staff(reviewer), date(2026, 11, 1), date(2026, 11, 30))
