"""How the correspondence log's codes read, in the reader's language."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from shared.evidence.models import Direction, EntryKind, SentBy

DIRECTION_LABELS = {
    Direction.INCOMING: _l("Came in"),
    Direction.OUTGOING: _l("Went out"),
    Direction.INTERNAL: _l("Case note (internal)"),
}

KIND_LABELS = {
    EntryKind.NOTE: _l("Note"),
    EntryKind.PHONE_CALL: _l("Phone call"),
    EntryKind.EMAIL: _l("Email"),
    EntryKind.LETTER: _l("Letter"),
    EntryKind.IN_PERSON: _l("In person"),
    EntryKind.PORTAL_MESSAGE: _l("Message from the tracking page"),
}

SENT_BY_LABELS = {
    SentBy.STAFF: _l("Staff"),
    SentBy.RESIDENT: _l("Resident"),
    SentBy.REPRESENTATIVE: _l("Representative"),
}


def direction_label(code: str) -> str:
    return str(DIRECTION_LABELS.get(code, code))


def kind_label(code: str) -> str:
    return str(KIND_LABELS.get(code, code))


def sent_by_label(code: str) -> str:
    return str(SENT_BY_LABELS.get(code, code))


def file_size(size: int) -> str:
    """A file's size in words a reader knows: KB below a megabyte, MB above."""
    if size < 1024 * 1024:
        return str(_l("%(size)s KB", size=format_decimal(max(1, round(size / 1024)))))
    return str(_l("%(size)s MB", size=format_decimal(round(size / (1024 * 1024), 1))))
