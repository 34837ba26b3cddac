"""Complaints being written on the portal: answers kept server-side until sent."""

from shared.drafts.models import ComplaintDraft
from shared.drafts.records import (
    DRAFT_LIFETIME,
    delete_draft,
    find_draft,
    forget_answers,
    purge_expired_drafts,
    save_answers,
    start_draft,
)
from shared.drafts.sending import DraftIncomplete, send_draft

__all__ = [
    "DRAFT_LIFETIME",
    "ComplaintDraft",
    "DraftIncomplete",
    "delete_draft",
    "find_draft",
    "forget_answers",
    "purge_expired_drafts",
    "save_answers",
    "send_draft",
    "start_draft",
]
