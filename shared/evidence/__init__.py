"""Evidence files and the correspondence log of a case: files checked by their content and
kept in the database, letters, emails, calls and notes in and out with their attachments,
information residents add from their tracking page, and links between related complaints
(DOMAIN.md, Defining, investigating and deciding; Code 5.12)."""

from shared.evidence.files import (
    ACCEPT_ATTRIBUTE,
    MAX_FILE_BYTES,
    MAX_FILES,
    CheckedFile,
    Uploader,
    check_files,
    file_of,
    store_files,
)
from shared.evidence.models import (
    ComplaintLink,
    CorrespondenceEntry,
    Direction,
    EntryKind,
    EvidenceFile,
    SentBy,
)
from shared.evidence.records import (
    add_information,
    entry_from_submission,
    files_sent_with_the_complaint,
    link_complaints,
    links_of,
    log_for_staff,
    record_correspondence,
    sent_by_the_resident_side,
)

__all__ = [
    "ACCEPT_ATTRIBUTE",
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "CheckedFile",
    "ComplaintLink",
    "CorrespondenceEntry",
    "Direction",
    "EntryKind",
    "EvidenceFile",
    "SentBy",
    "Uploader",
    "add_information",
    "check_files",
    "entry_from_submission",
    "file_of",
    "files_sent_with_the_complaint",
    "link_complaints",
    "links_of",
    "log_for_staff",
    "record_correspondence",
    "sent_by_the_resident_side",
    "store_files",
]
