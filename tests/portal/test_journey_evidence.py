"""The evidence page of making a complaint: files checked by their content, kept with the
draft on the server until the complaint is sent, then kept with the complaint itself."""

from __future__ import annotations

from datetime import timedelta

from shared import clock
from shared.cases.models import Complaint
from shared.db import db
from shared.drafts import ComplaintDraft, DraftFile
from shared.evidence import EvidenceFile
from shared.evidence.files import MAX_FILE_BYTES
from tests import evidence_files as real
from tests.conftest import Page
from tests.evidence_files import form_file
from tests.factories import make_staff
from tests.helpers import JOURNEY, answer_questions, count

URL = "/complaint/evidence"
BEFORE_EVIDENCE = {k: v for k, v in JOURNEY.items() if k not in ("evidence", "support")}


def to_the_evidence_page(client) -> None:
    """Answer every question before the evidence page."""
    from shared.drafts.journey import pages_for

    for page in pages_for(JOURNEY):
        if page == "evidence":
            return
        url = f"/complaint/{page}"
        hidden = client.page(url).hidden_fields()
        assert client.post(url, data={**hidden, **JOURNEY[page]}).status_code == 302


def add(client, *files, url: str = URL):
    hidden = client.page(url).hidden_fields()
    return client.post(url, data={**hidden, "files": [form_file(*f) for f in files]})


def files_listed(page) -> list[str]:
    return [dt.get_text(strip=True) for dt in page.soup.select("main dl dt")]


def remove(client, name: str):
    page = client.page(URL)
    for row in page.soup.select("main dl .govuk-summary-list__row"):
        if row.dt.get_text(strip=True) == name:
            form = row.form
            data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
            return client.post(form["action"], data=data)
    raise AssertionError(f"{name} is not listed")


def test_the_page_says_what_can_be_sent_before_the_field(client):
    to_the_evidence_page(client)
    page = client.page(URL)
    assert page.h1 == "Add evidence (optional)"
    form = page.soup.select_one("main form[enctype='multipart/form-data']")
    hint = form.select_one(".govuk-hint").get_text(" ", strip=True)
    assert "up to 5 files" in hint and "10 MB" in hint and "HEIC" in hint
    field = form.select_one("input[type=file][name=files]")
    assert field.has_attr("multiple")
    assert field["aria-describedby"].startswith("files-hint")


def test_files_are_added_removed_listed_and_sent_with_the_complaint(client):
    to_the_evidence_page(client)
    response = add(client, (real.png(), "damp wall.png"), (real.pdf(), "letter.pdf"))
    assert response.headers["Location"] == "/complaint/support"
    assert count(DraftFile) == 2
    page = client.page(URL)
    assert files_listed(page) == ["damp wall.png", "letter.pdf"]

    # Removed with its own form (no JavaScript), then another added.
    assert remove(client, "letter.pdf").headers["Location"] == URL
    assert files_listed(client.page(URL)) == ["damp wall.png"]
    add(client, (real.jpeg(), "boiler.jpg"))
    answer_questions(client)  # the rest; "Continue" on the evidence page with no new file

    check = client.page("/complaint/check-your-answers")
    row = next(
        r
        for r in check.soup.select(".govuk-summary-list__row")
        if r.dt.get_text(strip=True) == "Evidence"
    )
    assert row.select_one(".govuk-summary-list__value").get_text(" ", strip=True) == (
        "damp wall.png boiler.jpg"
    )
    assert row.select_one("a")["href"] == "/complaint/evidence?change=1#files"

    sent = client.submit("/complaint/check-your-answers", {}, follow_redirects=True)
    assert sent.status_code == 200
    complaint = db.session.scalars(db.select(Complaint)).one()
    stored = db.session.scalars(db.select(EvidenceFile).order_by(EvidenceFile.id)).all()
    assert [(f.filename, f.content_type, f.sent_by) for f in stored] == [
        ("damp wall.png", "image/png", "resident"),
        ("boiler.jpg", "image/jpeg", "resident"),
    ]
    assert all(f.complaint_id == complaint.id and f.correspondence_id is None for f in stored)
    assert count(DraftFile) == 0
    assert count(ComplaintDraft) == 0

    # The officer downloads exactly what was sent.
    from tests.backoffice.test_case_actions import sign_in

    sign_in(client, make_staff("complaints_officer"))
    case = client.page(f"/backoffice/complaints/{complaint.reference}")
    links = case.soup.select(".app-files-apart a")
    assert [a.get_text(strip=True) for a in links] == ["damp wall.png", "boiler.jpg"]
    assert client.get(links[0]["href"]).data == real.png()
    assert client.get(links[1]["href"]).data == real.jpeg()


def test_a_disguised_program_is_refused_and_nothing_is_lost(client):
    to_the_evidence_page(client)
    add(client, (real.pdf(), "letter.pdf"))
    response = add(client, (real.exe(), "invoice.pdf"), (real.png(), "photo.png"))
    page = Page(response)
    assert page.status_code == 400
    assert page.error_summary() == [
        "‘invoice.pdf’ is not the kind of file its name says. It must really be a PDF, JPEG, "
        "PNG, HEIC, Word document or plain text file"
    ]
    assert files_listed(page) == ["letter.pdf"]
    assert count(DraftFile) == 1
    # Every other answer is still there.
    what = client.page("/complaint/what-happened")
    assert what.value_of("description") == JOURNEY["what-happened"]["description"]


def test_no_more_than_five_files_in_all(client):
    to_the_evidence_page(client)
    add(client, *[(real.png(), f"{n}.png") for n in range(4)])
    page = Page(add(client, (real.png(), "5.png"), (real.png(), "6.png")))
    assert page.status_code == 400
    assert page.error_summary() == ["Select no more than 5 files"]
    assert count(DraftFile) == 4

    add(client, (real.png(), "5.png"))
    full = client.page(URL)
    assert len(files_listed(full)) == 5
    assert not full.soup.select("input[type=file]")
    assert "You have added the most files you can send." in full.text()
    # A sixth sent anyway (an old page, say) is refused.
    hidden = full.hidden_fields()
    sixth = Page(client.post(URL, data={**hidden, "files": [form_file(real.png(), "6.png")]}))
    assert sixth.error_summary() == ["Select no more than 5 files"]
    assert count(DraftFile) == 5


def test_six_files_at_once_are_refused(client):
    to_the_evidence_page(client)
    page = Page(add(client, *[(real.png(), f"{n}.png") for n in range(6)]))
    assert page.error_summary() == ["Select no more than 5 files"]
    assert count(DraftFile) == 0


def test_a_file_over_10_mb_is_refused(client):
    to_the_evidence_page(client)
    too_big = real.pdf() + b"\n" * (MAX_FILE_BYTES + 1 - len(real.pdf()))
    response = add(client, (too_big, "scan.pdf"))
    # The test client spools a body this big to a temporary file, which it leaves open.
    response.request.environ["wsgi.input"].close()
    assert Page(response).error_summary() == ["‘scan.pdf’ must be smaller than 10 MB"]
    assert count(DraftFile) == 0


def test_a_request_too_large_to_send_gets_the_too_large_page(app, client):
    to_the_evidence_page(client)
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    page = Page(add(client, (b"x" * 100_000, "big.txt")))
    assert page.status_code == 413
    assert page.h1 == "That was too large to send"
    assert count(DraftFile) == 0


def test_files_survive_a_change_of_language(client):
    to_the_evidence_page(client)
    add(client, (real.pdf(), "llythyr.pdf"))
    page = client.page(URL + "?lang=cy")
    assert page.soup.html["lang"] == "cy"
    assert files_listed(page) == ["llythyr.pdf"]
    assert page.h1 != "Add evidence (optional)"


def test_the_journey_works_with_no_files(client):
    answer_questions(client)
    check = client.page("/complaint/check-your-answers")
    assert "No files added" in check.text()
    client.submit("/complaint/check-your-answers", {}, follow_redirects=True)
    assert count(Complaint) == 1
    assert count(EvidenceFile) == 0


def test_a_representative_s_files_are_kept_as_theirs(client):
    from tests.helpers import REPRESENTATIVE_JOURNEY

    answers = {**JOURNEY, **REPRESENTATIVE_JOURNEY}
    from shared.drafts.journey import pages_for

    for page in pages_for(answers):
        url = f"/complaint/{page}"
        if page == "evidence":
            add(client, (real.pdf(), "consent.pdf"))
            continue
        hidden = client.page(url).hidden_fields()
        assert client.post(url, data={**hidden, **answers[page]}).status_code == 302
    client.submit("/complaint/check-your-answers", {}, follow_redirects=True)
    assert db.session.scalars(db.select(EvidenceFile.sent_by)).all() == ["representative"]


def test_removing_a_file_twice_is_harmless(client):
    to_the_evidence_page(client)
    add(client, (real.pdf(), "letter.pdf"))
    page = client.page(URL)
    form = page.soup.select_one("main dl form")
    data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    assert client.post(form["action"], data=data).status_code == 303
    assert client.post(form["action"], data=data).status_code == 303
    assert count(DraftFile) == 0


def test_the_purge_command_deletes_expired_drafts_files(app, client, monkeypatch):
    to_the_evidence_page(client)
    add(client, (real.pdf(), "old.pdf"))
    other = app.test_client()
    later = clock.now() + timedelta(days=8)
    monkeypatch.setattr(clock, "now", lambda: later)
    to_the_evidence_page(other)
    add(other, (real.png(), "new.png"))
    assert count(DraftFile) == 2

    result = app.test_cli_runner().invoke(args=["drafts", "purge"])

    assert result.exit_code == 0, result.output
    assert db.session.scalars(db.select(DraftFile.filename)).all() == ["new.png"]
