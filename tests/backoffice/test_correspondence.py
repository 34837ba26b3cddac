"""The correspondence log on the case page: adding letters, calls and notes with
attachments, downloading them safely, and linking related complaints."""

from __future__ import annotations

import pytest

from shared.evidence import ComplaintLink, CorrespondenceEntry, EvidenceFile
from tests import evidence_files as real
from tests.backoffice.test_case_actions import case_url, flash, sign_in, timeline
from tests.conftest import Page
from tests.evidence_files import form_file
from tests.factories import PASSWORD, make_staff, submit
from tests.helpers import count, freeze


@pytest.fixture
def officer(app):
    return make_staff("complaints_officer", name="Olu Officer")


def entry_fields(**overrides) -> dict:
    fields = {
        "direction": "in",
        "kind": "letter",
        "occurred_on": ["4", "3", "2025"],
        "occurred_time": "14:30",
        "summary": "Letter from the resident with photos of the damp.",
    }
    fields.update(overrides)
    return fields


def add_entry(client, sent, files=(), **overrides) -> Page:
    url = f"{case_url(sent)}/correspondence/new"
    hidden = client.page(url).hidden_fields()
    return Page(
        client.post(
            url,
            data={**hidden, **entry_fields(**overrides), "files": list(files)},
            follow_redirects=True,
        )
    )


def log(page) -> list[str]:
    return [
        " ".join(li.get_text(" ").split()) for li in page.soup.select(".app-correspondence > li")
    ]


def test_a_letter_with_attachments_is_added_and_listed_on_the_case(client, monkeypatch, officer):
    freeze(monkeypatch, "2025-03-05 09:00")
    sent = submit()
    sign_in(client, officer)
    form = client.page(f"{case_url(sent)}/correspondence/new")
    assert form.h1 == "Add correspondence or a note"
    assert form.soup.select_one("main form")["enctype"] == "multipart/form-data"
    assert form.soup.select_one("input[type=file][name=files]").has_attr("multiple")

    page = add_entry(
        client,
        sent,
        files=[form_file(real.pdf(), "letter.pdf"), form_file(real.png(), "damp.png")],
    )

    assert flash(page) == "Added to the correspondence and notes."
    assert log(page) == [
        "Letter · Came in 4 Mar 2025, 14:30 · Olu Officer Letter from the resident"
        " with photos of the damp. letter.pdf (1 KB) damp.png (1 KB)"
    ]
    assert timeline(page)[-1].startswith("Correspondence or note recorded ")
    links = [a["href"] for a in page.soup.select(".app-correspondence a")]
    assert len(links) == 2

    download = client.get(links[0])
    assert download.status_code == 200
    assert download.data == real.pdf()
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"] == "attachment; filename=letter.pdf"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download.headers["Cache-Control"]


def test_a_disguised_file_is_refused_and_nothing_is_kept(client, officer):
    sent = submit()
    sign_in(client, officer)
    page = add_entry(
        client, sent, files=[form_file(real.png(), "ok.png"), form_file(real.exe(), "scan.pdf")]
    )
    assert page.status_code == 400
    assert page.error_summary() == [
        "‘scan.pdf’ is not the kind of file its name says. It must really be a PDF, JPEG, PNG,"
        " HEIC, Word document or plain text file"
    ]
    # Everything typed is still there; the files must be chosen again (browsers forget them).
    assert page.value_of("summary") == "Letter from the resident with photos of the damp."
    assert page.value_of("occurred_time") == "14:30"
    assert count(CorrespondenceEntry) == 0
    assert count(EvidenceFile) == 0


def test_six_files_are_refused(client, officer):
    sent = submit()
    sign_in(client, officer)
    page = add_entry(client, sent, files=[form_file(real.png(), f"{n}.png") for n in range(6)])
    assert page.error_summary() == ["Select no more than 5 files"]
    assert page.soup.select_one(".govuk-error-summary a")["href"] == "#files"
    assert count(EvidenceFile) == 0


def test_the_same_form_sent_twice_is_recorded_once(client, officer):
    sent = submit()
    sign_in(client, officer)
    url = f"{case_url(sent)}/correspondence/new"
    hidden = client.page(url).hidden_fields()
    for _ in range(2):
        response = client.post(
            url,
            data={**hidden, **entry_fields(), "files": [form_file(real.pdf(), "a.pdf")]},
        )
        assert response.status_code == 303
    assert count(CorrespondenceEntry) == 1
    assert count(EvidenceFile) == 1


def test_a_note_needs_its_words_and_a_real_time(client, officer):
    sent = submit()
    sign_in(client, officer)
    page = add_entry(client, sent, summary="", occurred_time="25:00", direction="")
    assert page.error_summary() == [
        "Select whether it came in, went out or is a note",
        "Enter a time on the 24-hour clock, like 14:30",
        "Enter what was said or written",
    ]
    assert count(CorrespondenceEntry) == 0


def test_a_file_of_another_complaint_is_not_found(client, officer):
    sent = submit()
    other = submit(email="other@example.com")
    sign_in(client, officer)
    add_entry(client, sent, files=[form_file(real.pdf(), "a.pdf")])
    file_id = EvidenceFile.query.one().id
    assert client.get(f"{case_url(other)}/files/{file_id}").status_code == 404
    assert client.get(f"{case_url(sent)}/files/{file_id}").status_code == 200


def test_a_report_viewer_can_download_nothing(client, officer):
    sent = submit()
    sign_in(client, officer)
    add_entry(client, sent, files=[form_file(real.pdf(), "a.pdf")])
    file_id = EvidenceFile.query.one().id
    client.post(
        "/backoffice/sign-out", data={"csrf_token": client.page("/backoffice/").csrf_token()}
    )
    viewer = make_staff("report_viewer")
    response = client.post(
        "/backoffice/sign-in",
        data={
            "csrf_token": client.page("/backoffice/sign-in").csrf_token(),
            "email": viewer.email,
            "password": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert client.get(f"{case_url(sent)}/files/{file_id}").status_code == 403


def test_related_complaints_are_linked_and_shown_on_both(client, officer):
    first = submit()
    second = submit(email="neighbour@example.com")
    sign_in(client, officer)
    url = f"{case_url(first)}/links/new"
    page = client.submit(
        url,
        {"related_reference": second.complaint.reference, "reason": "Same roof leak."},
        follow_redirects=True,
    )
    assert flash(page) == "The complaints are linked."
    related = page.soup.select_one(".app-related-complaints").get_text(" ")
    assert second.complaint.reference in related and "Same roof leak." in related
    other_page = client.page(case_url(second))
    assert first.complaint.reference in other_page.soup.select_one(".app-related-complaints").text

    again = client.submit(
        f"{case_url(second)}/links/new",
        {"related_reference": first.complaint.reference, "reason": "Again."},
    )
    assert again.error_summary() == ["These complaints are already linked."]
    itself = client.submit(url, {"related_reference": first.complaint.reference, "reason": "x"})
    assert itself.field_error("related_reference").endswith(
        "Enter the reference of a different complaint"
    )
    assert count(ComplaintLink) == 1
