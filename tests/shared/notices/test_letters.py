"""Letters: every notice renders as a valid PDF with the council's details, the resident's
address, the date, the reference, page numbers and the notice's required wording, in every
shipped language; residents who chose post are printed by `complaints letters print`."""

from __future__ import annotations

import io
import re
import time

import pytest
from flask_babel import force_locale, gettext
from pypdf import PdfReader

from shared.cases.wording import long_date
from shared.db import db, unit_of_work
from shared.notices.letters import letter_html, letter_pdf
from shared.notices.models import SentCopy
from shared.notices.printing import letters_waiting, print_letters
from shared.people.models import ContactMethod
from tests.factories import submit
from tests.helpers import freeze
from tests.shared.notices.every_notice import queue_every_notice
from tests.shared.notices.mail import everything_stored, outbox
from tests.shared.notices.test_notice_content import LANGUAGES, required

ADDRESS = "12 Mill Lane\nRiverside"


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def body_text(pdf: bytes, head_mm: int = 78) -> str:
    """The letter's text less its page furniture (the heading block above, the page
    numbers below), in reading order across pages."""
    reader = PdfReader(io.BytesIO(pdf))
    out = []
    for number, page in enumerate(reader.pages):
        height = float(page.mediabox.height)
        top = height - (15 + head_mm) * 72 / 25.4 if number == 0 else height

        def keep(text, cm, tm, _font, _size, top=top):
            y = cm[3] * tm[5] + cm[5]
            # list markers are drawn after their page's text: leave them out
            if 20 * 72 / 25.4 < y < top and not re.fullmatch(r"\s*\d+\.\s*", text):
                out.append(text)

        page.extract_text(visitor_text=keep)
    return "".join(out)


def text_sizes(pdf: bytes) -> set[float]:
    """The size in points of every piece of text in the PDF."""
    sizes = set()

    def visit(text, cm, tm, _font, size):
        if text.strip():
            sizes.add(round(size * cm[0] * tm[0], 1))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def squashed(text: str) -> str:
    """Text with its spacing and line breaks taken out: a PDF breaks lines where it likes,
    and right-to-left text comes out in its visual order."""
    return "".join(text.split())


def test_every_notice_is_a_valid_pdf_letter_in_every_language(app, monkeypatch):
    freeze(monkeypatch, "2025-04-03 09:00")
    notices = queue_every_notice()
    person = notices["complaint_received"].complaint.complainant
    person.address, person.postcode = ADDRESS, "RV2 3CD"
    timings = []
    for kind, message in notices.items():
        for language in LANGUAGES:
            message.language = language
            started = time.perf_counter()
            pdf = letter_pdf(message)
            timings.append(time.perf_counter() - started)
            assert pdf.startswith(b"%PDF-")
            pages, text = pdf_text(pdf)
            assert pages >= 1
            with force_locale(language):
                page_one = gettext("Page %(page)s of %(pages)s", page=1, pages=pages)
                wanted = [
                    message.complaint.reference,
                    "Riverside Borough Council",
                    "RV1 1AA",  # the council's address
                    long_date(message.complaint.received_on.replace(month=4, day=3)),
                    page_one,
                    *required(kind, message),
                ]
            if language in ("ar", "ur"):
                # Extracted right-to-left text comes out in visual order, mixed runs
                # reordered: look for every word of each required text.
                for text_wanted in wanted:
                    missing = [
                        w for w in re.findall(r"\w+", text_wanted) if w not in squashed(text)
                    ]
                    assert not missing, (kind, language, text_wanted, missing)
                continue
            body = squashed(body_text(pdf))
            for text_wanted in wanted[:5]:
                assert squashed(text_wanted) in squashed(text), (kind, language, text_wanted)
            for text_wanted in wanted[5:]:
                assert squashed(text_wanted) in body, (kind, language, text_wanted)
    db.session.rollback()
    assert len(timings) == len(notices) * len(LANGUAGES)


def test_the_letter_places_the_address_for_a_window_envelope_and_mirrors_for_arabic(app):
    notices = queue_every_notice()
    message = notices["extension"]
    message.complaint.complainant.address = ADDRESS
    html = letter_html(message)
    assert '<html lang="en" dir="ltr">' in html
    assert ".letter-address { float: left; margin-top: 35mm; width: 90mm; height: 35mm" in html
    assert "<p>12 Mill Lane</p>" in html and "<p>Riverside</p>" in html
    message.language = "ar"
    arabic = letter_html(message)
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '"Noto Naskh Arabic"' in arabic
    # the window is where it is on the envelope, whatever the script
    assert ".letter-address { float: left; margin-top: 35mm;" in arabic
    # What was typed in English reads left to right inside the Arabic letter.
    assert (
        '<p dir="ltr">We are waiting for the contractor&#39;s report on the boiler.</p>' in arabic
    )
    message.language = "ur"
    assert '<html lang="ur" dir="rtl">' in letter_html(message)
    db.session.rollback()


def test_large_print_letters_use_at_least_16_point(app):
    notices = queue_every_notice()
    message = notices["stage_1_response"]
    standard = letter_html(message, large_print=False)
    large = letter_html(message, large_print=True)
    assert "font-size: 11pt" in standard
    assert "font-size: 17pt" in large
    message.format = "large_print"
    assert "font-size: 17pt" in letter_html(message)
    for pdf, smallest in ((letter_pdf(message), 16), (letter_pdf(message, large_print=False), 9)):
        sizes = text_sizes(pdf)
        assert min(sizes) >= smallest, sizes  # every word, page numbers and address too
    db.session.rollback()


@pytest.fixture
def by_post(app):
    submitted = submit(email="")
    with unit_of_work():
        person = submitted.complaint.complainant
        person.contact_method = ContactMethod.LETTER
        person.address = ADDRESS
        person.postcode = "RV2 3CD"
    return submitted.complaint


def test_letters_print_writes_each_pdf_keeps_it_on_the_case_and_marks_it_sent(
    app, by_post, tmp_path, monkeypatch
):
    freeze(monkeypatch, "2025-03-04 09:00")
    (waiting,) = letters_waiting()
    assert waiting.channel == "letter" and waiting.kind == "complaint_received"

    result = print_letters(tmp_path / "print")
    (path,) = result.printed
    printed = path.read_bytes()
    _pages, text = pdf_text(printed)
    assert "/track/CMP-2025-000001/" in squashed(text)  # the resident's private link
    assert "12 Mill Lane" in text and "RV2 3CD" in text
    assert "Tuesday 4 March 2025" in text

    (message,) = outbox()
    assert message.status == "sent" and message.sent_at is not None
    copy = db.session.query(SentCopy).one()
    assert copy.media_type == "application/pdf" and copy.content.startswith(b"%PDF-")
    kept = pdf_text(copy.content)[1]
    assert "[private link removed]" in kept  # the kept copy cannot open the complaint
    assert "/track/" not in kept
    assert letters_waiting() == []
    # Printing again prints nothing more.
    assert print_letters(tmp_path / "again").printed == []
    link = text.split("/track/CMP-2025-000001/")[1].split()[0] if "/track/" in text else ""
    assert not link or link not in everything_stored()


def test_the_letters_print_command(app, by_post, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["letters", "print", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "printed 1, failed 0" in result.output
    assert len(list(tmp_path.glob("*.pdf"))) == 1
    preview = runner.invoke(args=["letters", "preview", "--output", str(tmp_path / "review")])
    assert preview.exit_code == 0, preview.output
    assert "rendered 1 letters" in preview.output
