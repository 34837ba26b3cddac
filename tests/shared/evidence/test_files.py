"""Files are judged by their content and capped while they are read; their names are made
safe to show and to download under."""

from __future__ import annotations

import io

import pytest

from shared.errors import InvalidInput
from shared.evidence import files
from shared.evidence.files import CHUNK_BYTES, MAX_FILE_BYTES, check_file, check_files
from tests import evidence_files as real
from tests.evidence_files import upload


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        (real.pdf(), "letter.pdf", "application/pdf"),
        (real.png(), "damp.png", "image/png"),
        (real.jpeg(), "mould.jpg", "image/jpeg"),
        (real.heic(), "IMG_0042.HEIC", "image/heic"),
        (real.docx(), "statement.docx", files.DOCX),
        ("Rhif y tŷ: 12\nمرحبا\n".encode(), "notes.txt", "text/plain; charset=utf-8"),
    ],
)
def test_each_accepted_kind_is_recognised_from_its_content(app, data, name, content_type):
    checked = check_file(upload(data, name))
    assert checked.content_type == content_type
    assert checked.content == data
    assert checked.filename == name
    assert checked.size == len(data)


def test_the_type_comes_from_the_content_not_the_name_or_the_browser(app):
    checked = check_file(upload(real.png(), "photo.pdf", content_type="application/pdf"))
    assert checked.content_type == "image/png"


@pytest.mark.parametrize("name", ["invoice.pdf", "photo.jpg", "statement.docx", "notes.txt"])
def test_a_program_renamed_as_a_document_is_refused_as_disguised(app, name):
    with pytest.raises(InvalidInput) as refused:
        check_file(upload(real.exe(), name))
    assert str(refused.value.message) == (
        f"‘{name}’ is not the kind of file its name says. It must really be a PDF, JPEG, "
        "PNG, HEIC, Word document or plain text file"
    )
    assert refused.value.field_errors == {"files": str(refused.value.message)}


def test_a_program_under_its_own_name_is_refused_as_the_wrong_type(app):
    with pytest.raises(InvalidInput) as refused:
        check_file(upload(real.exe(), "setup.exe"))
    assert str(refused.value.message) == (
        "‘setup.exe’ must be a PDF, JPEG, PNG, HEIC, Word document or plain text file"
    )


def test_a_zip_laid_out_like_a_word_file_without_a_document_is_refused(app):
    with pytest.raises(InvalidInput):
        check_file(upload(real.zip_posing_as_docx(), "statement.docx"))


@pytest.mark.parametrize(
    "data",
    [b"line one\x00line two", b"bell \x07 here", "caf\u00e9".encode("latin-1"), b"\x1b[31mred"],
)
def test_text_that_is_not_clean_utf8_is_refused(app, data):
    with pytest.raises(InvalidInput):
        check_file(upload(data, "notes.txt"))


def test_an_empty_file_is_refused(app):
    with pytest.raises(InvalidInput) as refused:
        check_file(upload(b"", "empty.pdf"))
    assert "is empty" in str(refused.value.message)


class EndlessStream:
    """A file that never ends, counting what was read from it."""

    def __init__(self, start: bytes):
        self.start = start
        self.read_so_far = 0

    def read(self, size: int = -1) -> bytes:
        assert size > 0, "never read a whole file at once"
        chunk = (self.start + b"\x00" * size)[:size] if self.read_so_far == 0 else b"\x00" * size
        self.read_so_far += len(chunk)
        return chunk


def test_reading_stops_at_the_cap_instead_of_reading_the_whole_file(app):
    stream = EndlessStream(real.pdf())
    with pytest.raises(InvalidInput) as refused:
        files.read_capped(stream, "huge.pdf", "files")
    assert str(refused.value.message) == "‘huge.pdf’ must be smaller than 10 MB"
    assert stream.read_so_far <= MAX_FILE_BYTES + CHUNK_BYTES


def test_ten_megabytes_is_accepted_and_one_byte_more_is_refused(app):
    exactly = real.pdf() + b"\n" * (MAX_FILE_BYTES - len(real.pdf()))
    assert check_file(upload(exactly, "big.pdf")).size == MAX_FILE_BYTES
    with pytest.raises(InvalidInput) as refused:
        check_file(upload(exactly + b"\n", "big.pdf"))
    assert "must be smaller than 10 MB" in str(refused.value.message)


def test_five_files_are_accepted_and_six_refused_before_any_is_read(app):
    five = [upload(real.png(), f"photo-{n}.png") for n in range(5)]
    assert len(check_files(five)) == 5
    six = [upload(real.png(), f"photo-{n}.png") for n in range(6)]
    with pytest.raises(InvalidInput) as refused:
        check_files(six)
    assert str(refused.value.message) == "Select no more than 5 files"
    assert all(f.stream.tell() == 0 for f in six)


def test_an_empty_file_input_counts_as_no_file(app):
    assert check_files([upload(b"", "")]) == []


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\sam\\Desktop\\letter.pdf", "letter.pdf"),
        # An RTL override makes "invoice‮fdp.exe" look like "invoiceexe.pdf".
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("bad\x00name.pdf", "badname.pdf"),
        ("tab\tand\nnewline.pdf", "tabandnewline.pdf"),
        ("zero\u200bwidth.pdf", "zerowidth.pdf"),
        ('what?*<are>|"these".pdf', "what___are___these_.pdf"),
        ("...", "file"),
        ("", "file"),
        ("Llythyr y Cyngor – Ŵyl.pdf", "Llythyr y Cyngor – Ŵyl.pdf"),
        ("رسالة من المجلس.pdf", "رسالة من المجلس.pdf"),
    ],
)
def test_hostile_and_ordinary_names_are_made_safe(sent, kept):
    assert files.safe_filename(sent) == kept


def test_a_very_long_name_is_shortened_keeping_its_ending():
    name = files.safe_filename("a" * 500 + ".pdf")
    assert len(name) == files.MAX_FILENAME
    assert name.endswith("a.pdf")


def test_a_file_like_object_without_a_stream_is_read_too(app):
    class Plain:
        filename = "notes.txt"

        def __init__(self):
            self._data = io.BytesIO(b"Called the contractor.")

        def read(self, size=-1):
            return self._data.read(size)

    assert check_file(Plain()).content == b"Called the contractor."


def test_a_word_file_with_its_parts_in_another_order_is_still_a_word_file(app):
    import zipfile

    original = zipfile.ZipFile(io.BytesIO(real.docx()))
    reordered = io.BytesIO()
    with zipfile.ZipFile(reordered, "w") as archive:
        for name in reversed(original.namelist()):
            archive.writestr(name, original.read(name))
    assert check_file(upload(reordered.getvalue(), "letter.docx")).content_type == files.DOCX


def test_any_other_zip_is_refused(app):
    import zipfile

    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("photos/a.txt", "not a document")
    with pytest.raises(InvalidInput):
        check_file(upload(other.getvalue(), "letter.docx"))
