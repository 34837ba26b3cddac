"""Notices on the case page: each one's state (a refused address shown to staff), a preview
of the email or letter before it goes, the copy kept of what was sent, and the queue of
letters to print."""

from __future__ import annotations

import email
from email import policy

import pytest

from shared.db import unit_of_work
from shared.notices.backends import PermanentFailure
from shared.notices.outbox import send_due_messages
from shared.people.models import ContactMethod
from tests.backoffice.test_case_actions import case_url, sign_in
from tests.factories import make_staff, submit


@pytest.fixture
def officer(app):
    return make_staff("complaints_officer", name="Olu Officer")


class RefusingBackend:
    def deliver(self, message, mail):
        raise PermanentFailure("Notify send: 400 email_address Not a valid email address")


def test_a_notice_that_could_not_be_delivered_is_shown_on_the_case_page(client, officer):
    submitted = submit(email="nobody@example.com")
    send_due_messages(backend=RefusingBackend())
    sign_in(client, officer)
    page = client.page(case_url(submitted))
    section = page.soup.select_one("#notices").find_next("table")
    text = section.get_text(" ", strip=True)
    assert "We have received your complaint CMP-2025-000001" in text
    assert "Not delivered" in text
    assert "Not a valid email address" in text
    assert "nobody@example.com" not in text


def test_staff_preview_a_notice_and_download_what_was_sent(client, officer, app):
    submitted = submit(locale="cy")
    sign_in(client, officer)
    page = client.page(case_url(submitted))
    link = page.soup.select_one("#notices").find_next("table").select_one("a")
    preview = client.page(link["href"])
    assert preview.status_code == 200
    assert preview.h1 == "We have received your complaint CMP-2025-000001"
    reads = preview.soup.select_one(".govuk-inset-text")
    assert reads["lang"] == "cy"
    assert "Mae eich cwyn CMP-2025-000001 wedi dod i law" in reads.get_text()
    assert "[private link removed]" in reads.get_text()
    assert "Waiting to be sent" in preview.text()
    assert not preview.soup.find("a", string="Download what was sent")

    send_due_messages()
    preview = client.page(link["href"])
    download = preview.soup.find("a", string="Download what was sent")
    response = client.get(download["href"])
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    kept = email.message_from_bytes(response.data, policy=policy.default)
    assert kept["Content-Language"] == "cy"
    assert kept["Subject"] == "Mae eich cwyn CMP-2025-000001 wedi dod i law"
    assert "[private link removed]" in kept.get_body(("plain",)).get_content()
    assert "/track/" not in response.get_data(as_text=True)


def test_another_complaints_notice_is_not_found_under_this_one(client, officer):
    first = submit()
    second = submit(email="second@example.com")
    sign_in(client, officer)
    page = client.page(case_url(second))
    href = page.soup.select_one("#notices").find_next("table").select_one("a")["href"]
    wrong = href.replace(second.complaint.reference, first.complaint.reference)
    assert client.get(wrong).status_code == 404


def test_residents_who_chose_post_are_in_the_print_queue(client, officer):
    submitted = submit(email="")
    with unit_of_work():
        submitted.complaint.complainant.contact_method = ContactMethod.LETTER
    sign_in(client, officer)
    queue = client.page("/backoffice/letters")
    assert queue.h1 == "Letters to print"
    rows = queue.soup.select("tbody tr")
    assert len(rows) == 1
    assert "CMP-2025-000001" in rows[0].get_text()
    pdf_link = rows[0].find_all("a")[-1]["href"]
    response = client.get(pdf_link)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
