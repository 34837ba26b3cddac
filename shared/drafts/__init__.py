"""Complaints being written on the portal: answers kept server-side until sent."""

from shared.drafts.models import ComplaintDraft, DraftFile
from shared.drafts.records import (
    DRAFT_LIFETIME,
    add_draft_files,
    delete_draft,
    draft_files,
    find_draft,
    forget_answers,
    purge_expired_drafts,
    remove_draft_file,
    save_answers,
    start_draft,
)
from shared.drafts.sending import DraftIncomplete, send_draft

__all__ = [
    "DRAFT_LIFETIME",
    "ComplaintDraft",
    "DraftFile",
    "DraftIncomplete",
    "add_draft_files",
    "delete_draft",
    "draft_files",
    "find_draft",
    "forget_answers",
    "purge_expired_drafts",
    "remove_draft_file",
    "save_answers",
    "send_draft",
    "start_draft",
]
