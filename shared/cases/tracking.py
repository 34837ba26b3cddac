"""Private tracking links: the resident follows their complaint without an account.

Only a hash of each secret is stored. A link is issued when a notice is delivered or a
confirmation page is shown, never kept anywhere in plain text. A link opens its complaint
while the complaint is open and for a configurable time after it closes.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload

from shared.cases.models import Complaint, TrackingLink
from shared.cases.state_machine import OPEN_STATUSES
from shared.db import db

# A secret is 32 random bytes in URL-safe base64: 43 characters.
SECRET_PATTERN = r"[A-Za-z0-9_-]{43}"


def hash_tracking_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_tracking_link(complaint: Complaint) -> str:
    """A new secret for this complaint; only its hash is added to the session."""
    secret = secrets.token_urlsafe(32)
    db.session.add(TrackingLink(complaint=complaint, secret_hash=hash_tracking_secret(secret)))
    return secret


def link_still_valid(complaint: Complaint, now: datetime, days_after_closing: int) -> bool:
    if complaint.status in OPEN_STATUSES or complaint.closed_at is None:
        return True
    return now <= complaint.closed_at + timedelta(days=days_after_closing)


def find_tracked_complaint(
    reference: str, secret: str, *, now: datetime, days_after_closing: int
) -> Complaint | None:
    """The complaint a private link opens, or None if the link is not for it or has lapsed.

    One query: the complaint through its link, with its stages and extensions (every page a
    link opens shows or checks them; a complaint has a few of each); what those pages seldom
    need is loaded only if asked for."""
    complaint = (
        db.session.scalars(
            select(Complaint)
            .join(TrackingLink, TrackingLink.complaint_id == Complaint.id)
            .where(TrackingLink.secret_hash == hash_tracking_secret(secret))
            .options(
                joinedload(Complaint.stages),
                joinedload(Complaint.extensions),
                lazyload(Complaint.consent),
                lazyload(Complaint.service_areas),
            )
        )
        .unique()
        .first()
    )
    if complaint is None or not secrets.compare_digest(
        complaint.reference.encode(), reference.upper().encode()
    ):
        return None
    if not link_still_valid(complaint, now, days_after_closing):
        return None
    return complaint
