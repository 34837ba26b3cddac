"""Private tracking links: each opens its own complaint and nothing else."""

from __future__ import annotations

from sqlalchemy import select

from shared import clock
from shared.cases.models import TrackingLink
from shared.cases.tracking import find_tracked_complaint
from shared.db import db
from tests.factories import submit


def test_a_tracking_link_opens_only_its_own_complaint(app):
    mine = submit()
    theirs = submit(email="neighbour@example.com")

    def opens(reference: str, secret: str):
        return find_tracked_complaint(
            reference,
            secret,
            now=clock.now(),
            days_after_closing=app.config["TRACKING_LINK_DAYS_AFTER_CLOSING"],
        )

    reference = mine.complaint.reference
    assert opens(reference, mine.tracking_secret).id == mine.complaint.id
    assert opens(reference.lower(), mine.tracking_secret).id == mine.complaint.id
    assert opens(reference, theirs.tracking_secret) is None
    assert opens(theirs.complaint.reference, mine.tracking_secret) is None
    assert opens(reference, "made-up-secret") is None
    # Only a hash is stored: the secret itself is nowhere in the database.
    hashes = db.session.scalars(select(TrackingLink.secret_hash)).all()
    assert len(hashes) == 2
    assert mine.tracking_secret not in hashes and theirs.tracking_secret not in hashes
