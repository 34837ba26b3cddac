"""Checking files people send and storing them with the case.

A file is judged by its content, never by its name or what the browser says it is: an
.exe renamed .pdf is refused. Each file is read in chunks and reading stops at the size
cap, so an oversize file is refused without being held in memory whole.

For another page that takes evidence (say, a step of the complaint journey):
    checked = check_files(request.files.getlist("files"))   # InvalidInput if any is wrong
    store_files(complaint, checked, uploaded_by=Uploader.resident(), at=step.at)
inside the unit of work (and the move) that records what the files came with.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import filetype
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from shared import clock
from shared.db import db
from shared.errors import InvalidInput
from shared.evidence.models import EvidenceFile, SentBy

MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024  # 10 MB
CHUNK_BYTES = 64 * 1024
MAX_FILENAME = 200

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
HEIC = "image/heic"
DOC = "application/msword"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain; charset=utf-8"

# The types a file may be, found from its content, and the name endings people give them.
ACCEPTED = {PDF: ("pdf",), JPEG: ("jpg", "jpeg"), PNG: ("png",), HEIC: ("heic",)}
ACCEPTED |= {DOC: ("doc",), DOCX: ("docx",), TEXT: ("txt", "text")}
# What the file input offers in the chooser (a convenience only: the server decides).
ACCEPT_ATTRIBUTE = ",".join(f".{ending}" for endings in ACCEPTED.values() for ending in endings)

WHAT_IS_ACCEPTED = _l("a PDF, JPEG, PNG, HEIC, Word document or plain text file")

# Characters that hide or reorder what a name shows (bidirectional overrides and isolates,
# zero-width ones) or that a file system reads as a path; control characters likewise.
_HIDDEN = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_PATH = re.compile(r"[/\\:*?\"<>|]")
# Plain text: tab, newline and carriage return are ordinary, other control codes are not.
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def field_error(message, field: str) -> InvalidInput:
    return InvalidInput(message, {field: str(message)})


def too_many_message():
    return ngettext(
        "Select no more than %(num)d file", "Select no more than %(num)d files", MAX_FILES
    )


def too_large_message(filename: str):
    return _l("‘%(filename)s’ must be smaller than 10 MB", filename=filename)


def empty_message(filename: str):
    return _l("‘%(filename)s’ is empty. Choose a file with something in it", filename=filename)


def wrong_type_message(filename: str):
    return _l("‘%(filename)s’ must be %(accepted)s", filename=filename, accepted=WHAT_IS_ACCEPTED)


def disguised_message(filename: str):
    return _l(
        "‘%(filename)s’ is not the kind of file its name says. It must really be %(accepted)s",
        filename=filename,
        accepted=WHAT_IS_ACCEPTED,
    )


def safe_filename(name: str | None) -> str:
    """The name as sent, safe to show and to offer for download: no folders, no hidden or
    reordering characters, not too long, never empty. Letters of any script are kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]  # a path sent as a name keeps only its last part
    name = _PATH.sub("_", _HIDDEN.sub("", name)).strip().strip(".").strip()
    if len(name) > MAX_FILENAME:
        stem, dot, ending = name.rpartition(".")
        ending = ending[:16] if dot else ""
        name = (stem if dot else name)[: MAX_FILENAME - len(ending) - 1] + (
            f".{ending}" if ending else ""
        )
    return name or "file"


def read_capped(stream, filename: str, field: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a file in chunks, stopping as soon as it passes the cap."""
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise field_error(too_large_message(filename), field)
        parts.append(chunk)
    return b"".join(parts)


def _is_word_document(data: bytes) -> bool:
    """A .docx is a zip: make sure it is one that holds a Word document, not any zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                return False
            with archive.open("[Content_Types].xml") as types:
                declared = types.read(256 * 1024)
    # Whatever zipfile refuses is not a Word document we can vouch for: a broken archive
    # (BadZipFile, OSError, ValueError), an encrypted member (RuntimeError) or a compression
    # method it cannot read (NotImplementedError).
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return False
    return b"wordprocessingml.document.main+xml" in declared


def _is_plain_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not _TEXT_CONTROL.search(text)


def content_type_of(data: bytes) -> str | None:
    """The accepted type this content is, or None."""
    kind = filetype.guess(data)
    if kind is None:
        return TEXT if _is_plain_text(data) else None
    if kind.mime in (DOCX, "application/zip"):
        # Some writers put the parts of a .docx in another order, which reads as a zip.
        return DOCX if _is_word_document(data) else None
    return kind.mime if kind.mime in ACCEPTED else None


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    content: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def check_file(upload, field: str = "files") -> CheckedFile:
    """One file sent (anything with `filename` and `read()`, such as Werkzeug's
    FileStorage), checked by its content; InvalidInput naming the field if it is refused."""
    filename = safe_filename(getattr(upload, "filename", None))
    data = read_capped(getattr(upload, "stream", upload), filename, field)
    if not data:
        raise field_error(empty_message(filename), field)
    content_type = content_type_of(data)
    if content_type is None:
        ending = filename.rpartition(".")[2].lower() if "." in filename else ""
        claims_accepted = any(ending in endings for endings in ACCEPTED.values())
        message = disguised_message(filename) if claims_accepted else wrong_type_message(filename)
        raise field_error(message, field)
    return CheckedFile(filename, content_type, data, hashlib.sha256(data).hexdigest())


def sent_files(uploads: Iterable) -> list:
    """The files actually chosen: a form with none chosen still sends one empty part."""
    return [u for u in uploads or () if u is not None and getattr(u, "filename", None)]


def check_files(uploads: Iterable, field: str = "files") -> list[CheckedFile]:
    """Every file sent, checked; at most MAX_FILES. Files already checked pass through."""
    chosen = [u for u in uploads or () if isinstance(u, CheckedFile)] or sent_files(uploads)
    if len(chosen) > MAX_FILES:
        raise field_error(too_many_message(), field)
    return [u if isinstance(u, CheckedFile) else check_file(u, field) for u in chosen]


@dataclass(frozen=True)
class Uploader:
    """Who sent files: a member of staff, the resident, or their representative."""

    sent_by: str
    staff_user_id: int | None = None

    @classmethod
    def staff(cls, staff_user_id: int) -> Uploader:
        return cls(SentBy.STAFF, staff_user_id)

    @classmethod
    def resident(cls) -> Uploader:
        return cls(SentBy.RESIDENT)

    @classmethod
    def representative(cls) -> Uploader:
        return cls(SentBy.REPRESENTATIVE)


def store_files(
    complaint,
    files: Iterable,
    uploaded_by: Uploader,
    *,
    correspondence=None,
    at: datetime | None = None,
    field: str = "files",
) -> list[EvidenceFile]:
    """Keep files with a complaint (and the correspondence entry they came with, if any).
    Adds and flushes, never commits: call it inside the caller's unit of work."""
    checked = check_files(files, field)
    at = at or clock.now()
    stored = []
    for file in checked:
        evidence = EvidenceFile(
            complaint_id=complaint.id,
            filename=file.filename,
            content_type=file.content_type,
            size=file.size,
            sha256=file.sha256,
            content=file.content,
            sent_by=uploaded_by.sent_by,
            uploaded_by_id=uploaded_by.staff_user_id,
            uploaded_at=at,
        )
        if correspondence is not None:
            correspondence.attachments.append(evidence)
        db.session.add(evidence)
        stored.append(evidence)
    db.session.flush()
    return stored


def file_of(complaint, file_id: int) -> EvidenceFile | None:
    """A file of this complaint, with its content, or None."""
    evidence = db.session.get(EvidenceFile, file_id)
    if evidence is None or evidence.complaint_id != complaint.id:
        return None
    return evidence
