"""Names people type are isolated in staff views, so right-to-left override characters in
one cannot reorder the words around it (a spoofed name, a reversed reference)."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, acknowledge, make_staff, respond, submit

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
RESIDENT = f"Sam {RLO}tnediseR"
STAFF = f"Morgan {RLO}reganaM"


def isolated(page, text: str) -> list:
    """Every element that isolates exactly this text: <bdi>, or anything with dir="auto"."""
    return [
        element
        for element in page.soup.find_all(lambda tag: tag.name == "bdi" or tag.get("dir") == "auto")
        if element.get_text(strip=True) == text
    ]


def occurrences(page, text: str) -> int:
    return str(page.soup).count(text)


@pytest.fixture
def signed_in(client):
    manager = make_staff("complaints_manager", name=STAFF)
    page = client.submit(
        "/backoffice/sign-in",
        {"email": manager.email, "password": PASSWORD},
        follow_redirects=True,
    )
    assert page.h1 == "Open complaints"
    return manager


def test_a_residents_name_is_isolated_on_the_queue(client, signed_in):
    submit(complainant_name=RESIDENT)

    page = client.page("/backoffice/")

    assert occurrences(page, RESIDENT) == 1
    assert len(isolated(page, RESIDENT)) == 1


def test_names_are_isolated_on_the_case_page(client, signed_in):
    complaint = submit(complainant_name=RESIDENT).complaint
    acknowledge(complaint, signed_in, on="2025-03-04 10:00")

    page = client.page(f"/backoffice/complaints/{complaint.reference}")

    # Every time a name appears, it is inside its own isolating element.
    assert occurrences(page, RESIDENT) >= 1
    assert len(isolated(page, RESIDENT)) == occurrences(page, RESIDENT)
    assert len(isolated(page, STAFF)) == occurrences(page, STAFF)
    timeline = page.soup.select_one(".app-timeline")
    assert isolated_within(timeline, STAFF)


def isolated_within(element, text: str) -> bool:
    return any(bdi.get_text(strip=True) == text for bdi in element.find_all("bdi"))


def test_the_sign_out_button_isolates_the_staff_name(client, signed_in):
    page = client.page("/backoffice/")

    button = page.soup.select_one('form[action="/backoffice/sign-out"] button')
    assert button.get_text(" ", strip=True) == f"Sign out {STAFF}"
    assert isolated_within(button, STAFF)


def test_the_responders_name_is_isolated_on_the_case_page(client, signed_in):
    complaint = submit(complainant_name=RESIDENT).complaint
    acknowledge(complaint, signed_in, on="2025-03-04 10:00")
    respond(complaint, signed_in, on="2025-03-05 10:00")

    page = client.page(f"/backoffice/complaints/{complaint.reference}")

    assert len(isolated(page, STAFF)) == occurrences(page, STAFF)
