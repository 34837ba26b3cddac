"""A resident adds information and evidence from their private tracking page: recorded on
the case as correspondence, shown back to them, never mixed with the council's notes."""

from __future__ import annotations

from datetime import date

import pytest

from shared import evidence
from shared.cases import Actor, assign
from shared.db import unit_of_work
from shared.evidence import CorrespondenceEntry, EvidenceFile
from shared.evidence.files import MAX_FILE_BYTES
from shared.notices.models import OutboxMessage
from tests import evidence_files as real
from tests.conftest import Page
from tests.evidence_files import form_file, upload
from tests.factories import at, make_staff, submit
from tests.helpers import count


def track_url(sent) -> str:
    return f"/track/{sent.complaint.reference}/{sent.tracking_secret}"


def send(client, sent, hidden=None, **data) -> Page:
    url = f"{track_url(sent)}/add-information"
    hidden = hidden or client.page(url).hidden_fields()
    return Page(client.post(url, data={**hidden, **data}, follow_redirects=True))


def what_you_sent(page) -> list[str]:
    return [
        " ".join(li.get_text(" ").split()) for li in page.soup.select(".app-what-you-sent > li")
    ]


def test_the_tracking_page_offers_to_add_information(client):
    sent = submit()
    page = client.page(track_url(sent))
    sent_page = client.page(page.soup.find("a", string="Information and evidence you sent")["href"])
    assert sent_page.h1 == "Information and evidence you sent"
    assert "You have not sent us anything since your complaint." in sent_page.text()
    link = page.soup.find("a", string="Add information or evidence")
    form = client.page(link["href"])
    assert form.h1 == "Add information to your complaint"
    # The limit is stated before the field, not discovered after.
    assert (
        form.soup.select_one("#information-hint")
        .get_text(strip=True)
        .startswith("Up to 10,000 characters.")
    )
    assert form.soup.select_one("main form")["enctype"] == "multipart/form-data"
    # Only a complaint made through a representative asks who is sending.
    assert form.soup.select_one("input[name=sent_by]") is None


def test_information_and_files_are_added_and_shown_back(client):
    sent = submit()
    text = "The damp is back.\n\nمرحبا — the bedroom wall is wet again."
    page = send(
        client,
        sent,
        information=text,
        files=[form_file(real.jpeg(), "wall.jpg"), form_file(real.docx(), "diary.docx")],
    )
    assert page.h1 == "Information and evidence you sent"
    assert "We have received what you sent. It has been added to your complaint." in page.text()
    entry = CorrespondenceEntry.query.one()
    assert entry.summary == text
    assert (entry.direction, entry.kind, entry.sent_by) == ("in", "portal_message", "resident")
    assert [f.content_type for f in entry.attachments] == ["image/jpeg", evidence.files.DOCX]
    shown = what_you_sent(page)
    assert len(shown) == 1 and "wall.jpg" in shown[0] and "diary.docx" in shown[0]

    download = client.get(page.soup.select(".app-what-you-sent a")[0]["href"])
    assert download.data == real.jpeg()
    assert download.headers["Content-Type"] == "image/jpeg"
    assert download.headers["Content-Disposition"] == "attachment; filename=wall.jpg"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download.headers["Cache-Control"]


def test_the_handler_is_told_when_there_is_one(client):
    handler = make_staff("investigating_officer", name="Ifan Investigator")
    manager = make_staff("complaints_manager")
    sent = submit()
    with unit_of_work():
        assign(Actor.staff(manager), sent.complaint, handler_id=handler.id)
    send(client, sent, information="One more thing.")
    notice = OutboxMessage.query.filter_by(kind="information_added").one()
    assert (notice.recipient, notice.recipient_role) == (handler.email, "handler")


def test_sending_the_same_form_twice_adds_it_once(client):
    sent = submit()
    url = f"{track_url(sent)}/add-information"
    hidden = client.page(url).hidden_fields()
    for _ in range(2):
        page = send(
            client, sent, hidden, information="Twice?", files=[form_file(real.png(), "a.png")]
        )
        assert page.h1 == "Information and evidence you sent"
    assert count(CorrespondenceEntry) == 1
    assert count(EvidenceFile) == 1


def test_sending_nothing_is_refused(client):
    sent = submit()
    page = send(client, sent, information="  ")
    assert page.status_code == 400
    assert page.error_summary() == [
        "Enter the information you want to add, or choose a file to send"
    ]
    assert count(CorrespondenceEntry) == 0


def test_a_disguised_file_is_refused_and_the_text_kept(client):
    sent = submit()
    page = send(
        client, sent, information="See the invoice.", files=[form_file(real.exe(), "invoice.pdf")]
    )
    assert page.status_code == 400
    assert page.field_error("files").endswith(
        "‘invoice.pdf’ is not the kind of file its name says. It must really be a PDF, JPEG, "
        "PNG, HEIC, Word document or plain text file"
    )
    assert page.value_of("information") == "See the invoice."
    assert count(CorrespondenceEntry) == 0


def test_a_file_over_10_mb_is_refused(client):
    sent = submit()
    too_big = real.pdf() + b"\n" * (MAX_FILE_BYTES + 1 - len(real.pdf()))
    url = f"{track_url(sent)}/add-information"
    hidden = client.page(url).hidden_fields()
    response = client.post(url, data={**hidden, "files": [form_file(too_big, "scan.pdf")]})
    # The test client spools a body this big to a temporary file, which it leaves open.
    response.request.environ["wsgi.input"].close()
    page = Page(response)
    assert page.error_summary() == ["‘scan.pdf’ must be smaller than 10 MB"]
    assert count(EvidenceFile) == 0


def test_six_files_are_refused(client):
    sent = submit()
    page = send(client, sent, files=[form_file(real.png(), f"{n}.png") for n in range(6)])
    assert page.error_summary() == ["Select no more than 5 files"]
    assert count(EvidenceFile) == 0


def test_text_over_the_limit_is_refused_and_kept(client):
    sent = submit()
    page = send(client, sent, information="a" * 10_001)
    assert page.error_summary() == ["The information must be 10,000 characters or fewer."]
    assert page.value_of("information") == "a" * 10_001


def test_a_request_too_large_to_send_gets_a_clear_page(app, client):
    sent = submit()
    url = f"{track_url(sent)}/add-information"
    hidden = client.page(url).hidden_fields()
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    page = Page(client.post(url, data={**hidden, "files": [form_file(b"x" * 100_000, "big.txt")]}))
    assert page.status_code == 413
    assert page.h1 == "That was too large to send"
    assert "You can send up to 5 files at a time, each smaller than 10 MB." in page.text()


def test_hostile_file_names_are_shown_and_offered_safely(client):
    sent = submit()
    page = send(
        client,
        sent,
        files=[
            form_file(real.pdf(), "../../etc/passwd.pdf"),
            form_file(real.png(), "photo\u202egnp.exe"),
        ],
    )
    names = [a.get_text(strip=True) for a in page.soup.select(".app-what-you-sent a")]
    assert names == ["passwd.pdf", "photognp.exe"]
    download = client.get(page.soup.select(".app-what-you-sent a")[1]["href"])
    assert download.headers["Content-Type"] == "image/png"
    assert download.headers["Content-Disposition"] == "attachment; filename=photognp.exe"


def test_the_council_s_notes_and_files_are_never_shown_or_served(client):
    officer = make_staff("complaints_officer")
    sent = submit()
    with unit_of_work():
        entry = evidence.record_correspondence(
            Actor.staff(officer),
            sent.complaint,
            direction="internal",
            kind="note",
            summary="Internal: check the contractor's invoice.",
            occurred_at=at("2025-03-04 09:00"),
            files=[upload(real.pdf(), "contractor-invoice.pdf")],
        )
        staff_file = entry.attachments[0].id
    for url in (track_url(sent), f"{track_url(sent)}/sent"):
        assert "contractor" not in client.page(url).text()
    assert client.get(f"{track_url(sent)}/files/{staff_file}").status_code == 404


def test_a_representative_says_who_is_sending(client):
    from shared.cases.moves import NewRepresentative

    sent = submit(
        representative=NewRepresentative(
            name="Cllr Rhys Jones",
            role="councillor",
            consent_given_how="signed_form",
            consent_given_on=date(2025, 3, 1),
            email="rhys.jones@council.example",
        )
    )
    page = send(client, sent, information="From the councillor.")
    assert page.error_summary() == ["Select who is sending this"]
    page = send(client, sent, information="From the councillor.", sent_by="representative")
    assert page.h1 == "Information and evidence you sent"
    assert CorrespondenceEntry.query.one().sent_by == "representative"


@pytest.mark.parametrize("path", ["add-information", "files/1"])
def test_a_wrong_link_finds_nothing(client, path):
    sent = submit()
    assert client.get(f"/track/{sent.complaint.reference}/{'x' * 43}/{path}").status_code == 404


def test_adding_information_too_often_is_refused(app, migrated_database, tmp_path):
    from shared.db import db
    from shared.web.config import RATE_LIMITS
    from tests.conftest import PageClient, make_test_app

    sent = submit()
    settings = {name: "1000 per minute" for name in RATE_LIMITS}
    settings["RATE_LIMIT_ADD_INFORMATION"] = "1 per hour"
    limited = make_test_app(
        migrated_database, tmp_path / "limited", RATELIMIT_ENABLED=True, **settings
    )
    limited.test_client_class = PageClient
    client = limited.test_client()
    try:
        url = f"{track_url(sent)}/add-information"
        first = client.post(url, data={**client.page(url).hidden_fields(), "information": "1"})
        assert first.status_code == 303
        again = client.post(url, data={**client.page(url).hidden_fields(), "information": "2"})
        page = Page(again)
        assert page.status_code == 429
        assert page.h1 == "Too many attempts"
        # The pages themselves are still there.
        assert client.get(url).status_code == 200
    finally:
        with limited.app_context():
            db.session.remove()
            db.engine.dispose()
    assert [e.summary for e in CorrespondenceEntry.query.all()] == ["1"]


def test_files_kept_with_the_complaint_itself_are_shown_to_both_sides(client):
    """What another page stores with `store_files` (the complaint form's evidence step)."""
    from shared.evidence import Uploader, store_files

    sent = submit()
    with unit_of_work():
        store_files(sent.complaint, [upload(real.pdf(), "tenancy.pdf")], Uploader.resident())
    page = client.page(f"{track_url(sent)}/sent")
    link = page.soup.select_one(".app-files-apart a")
    assert link.get_text(strip=True) == "tenancy.pdf"
    assert client.get(link["href"]).data == real.pdf()

    officer = make_staff("complaints_officer")
    from tests.backoffice.test_case_actions import sign_in

    sign_in(client, officer)
    case = client.page(f"/backoffice/complaints/{sent.complaint.reference}")
    assert case.soup.select_one(".app-files-apart a").get_text(strip=True) == "tenancy.pdf"


def test_the_too_large_page_is_in_the_resident_s_language(app, client):
    sent = submit()
    client.get("/?lang=cy")
    url = f"{track_url(sent)}/add-information"
    hidden = client.page(url).hidden_fields()
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    page = Page(client.post(url, data={**hidden, "files": [form_file(b"x" * 100_000, "big.txt")]}))
    assert page.status_code == 413
    assert page.soup.html["lang"] == "cy"
    assert page.h1 == "Roedd hynny’n rhy fawr i’w anfon"
