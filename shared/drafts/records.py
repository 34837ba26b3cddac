"""Starting, finding, saving and purging drafts. Like every domain function these flush and
never commit: the caller's unit of work does."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from shared import clock
from shared.db import db
from shared.drafts.models import ComplaintDraft, DraftFile
from shared.evidence.files import MAX_FILES, CheckedFile, field_error, too_many_message

# A draft left alone this long is deleted: long enough for a break, or to find a letter.
DRAFT_LIFETIME = timedelta(days=7)
# The ids this module hands out (token_urlsafe(32)); anything else is not looked up.
DRAFT_ID_PATTERN = r"[A-Za-z0-9_-]{43}"


def _hash(draft_id: str) -> str:
    return hashlib.sha256(draft_id.encode()).hexdigest()


def start_draft(language: str, now: datetime | None = None) -> tuple[str, ComplaintDraft]:
    """A new, empty draft, and the random id that finds it (to keep in the session)."""
    now = now or clock.now()
    draft_id = secrets.token_urlsafe(32)
    draft = ComplaintDraft(
        id_hash=_hash(draft_id),
        answers={},
        language=language,
        submission_token=secrets.token_urlsafe(32),
        created_at=now,
        updated_at=now,
        expires_at=now + DRAFT_LIFETIME,
    )
    db.session.add(draft)
    db.session.flush()
    return draft_id, draft


def find_draft(draft_id: str | None, now: datetime | None = None) -> ComplaintDraft | None:
    """The draft with this id, unless there is none or it has expired."""
    if not draft_id or not re.fullmatch(DRAFT_ID_PATTERN, draft_id):
        return None
    draft = db.session.get(ComplaintDraft, _hash(draft_id))
    if draft is None or draft.expires_at <= (now or clock.now()):
        return None
    return draft


def save_answers(
    draft: ComplaintDraft, page: str, answers: dict, language: str, now: datetime | None = None
) -> None:
    """Keep one page's answers; every save gives the draft its full lifetime again."""
    now = now or clock.now()
    # A new dict, so the JSON column sees the change.
    draft.answers = {**(draft.answers or {}), page: answers}
    draft.language = language
    draft.updated_at = now
    draft.expires_at = now + DRAFT_LIFETIME
    db.session.flush()


def forget_answers(draft: ComplaintDraft, pages) -> None:
    """Drop answers that no longer apply (a representative's pages after "myself")."""
    draft.answers = {k: v for k, v in (draft.answers or {}).items() if k not in set(pages)}
    db.session.flush()


def delete_draft(draft: ComplaintDraft) -> None:
    db.session.delete(draft)
    db.session.flush()


def purge_expired_drafts(now: datetime | None = None) -> int:
    """Delete every expired draft, and the files added to it; returns how many drafts went."""
    expired = select(ComplaintDraft.id_hash).where(
        ComplaintDraft.expires_at <= (now or clock.now())
    )
    # Not left to the foreign key's cascade: SQLite does not enforce it.
    db.session.execute(delete(DraftFile).where(DraftFile.draft_id_hash.in_(expired)))
    result = db.session.execute(
        delete(ComplaintDraft).where(ComplaintDraft.expires_at <= (now or clock.now()))
    )
    db.session.flush()
    return result.rowcount or 0


def draft_files(draft: ComplaintDraft) -> list[DraftFile]:
    """The files added to a draft, in the order they were added (without their content)."""
    return list(draft.files)


def add_draft_files(
    draft: ComplaintDraft,
    checked: list[CheckedFile],
    language: str,
    field: str = "files",
    now: datetime | None = None,
) -> list[DraftFile]:
    """Keep files already checked (shared.evidence.files.check_files) with the draft, and
    the evidence page as answered: no more than MAX_FILES in all, or InvalidInput naming the
    field and none are kept."""
    # Locked, so two uploads at once (two tabs) cannot pass five between them.
    db.session.refresh(draft, with_for_update=True)
    if len(draft.files) + len(checked) > MAX_FILES:
        raise field_error(too_many_message(), field)
    now = now or clock.now()
    added = [
        DraftFile(
            filename=file.filename,
            content_type=file.content_type,
            size=file.size,
            sha256=file.sha256,
            content=file.content,
            added_at=now,
        )
        for file in checked
    ]
    draft.files.extend(added)
    save_answers(draft, "evidence", {}, language, now)
    return added


def remove_draft_file(draft: ComplaintDraft, file_id: int) -> bool:
    """Take one file off the draft; False if the draft has no such file (removed already)."""
    for file in draft.files:
        if file.id == file_id:
            draft.files.remove(file)
            db.session.flush()
            return True
    return False


def checked_draft_files(draft: ComplaintDraft) -> list[CheckedFile]:
    """The draft's files as checked files, with their content, to store with a complaint."""
    return [
        CheckedFile(file.filename, file.content_type, file.content, file.sha256)
        for file in draft.files
    ]
