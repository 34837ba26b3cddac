"""Small helpers the page tests share."""

from __future__ import annotations

from sqlalchemy import func, select

from shared import clock
from shared.db import db
from tests.factories import at


def count(model) -> int:
    """Rows committed, not what this test's session may still hold."""
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


def summary(page) -> list[str]:
    """The messages in a page's error summary."""
    return page.error_summary()


def freeze(monkeypatch, instant: str) -> None:
    """Make 'now' a fixed UTC instant, 'YYYY-MM-DD HH:MM'."""
    moment = at(instant)
    monkeypatch.setattr(clock, "now", lambda: moment)


def deliver_notices() -> list[dict]:
    """Send everything queued, as `complaints outbox send` would, with the file backend
    configured for the test app; return each email delivered so far, oldest first."""
    import email
    from pathlib import Path

    from flask import current_app

    from shared.notices.outbox import send_due_messages

    send_due_messages()
    delivered = []
    for path in sorted(Path(current_app.config["MAIL_OUTBOX_DIR"]).glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes())
        plain = next(part for part in message.walk() if part.get_content_type() == "text/plain")
        delivered.append(
            {
                "to": message["To"],
                "subject": message["Subject"],
                "body": plain.get_payload(decode=True).decode(),
            }
        )
    return delivered


# The portal's complaint form, filled in as a resident would.
COMPLAINT_FORM = {
    "complainant_name": "Priya Shah",
    "contact_email": "priya.shah@example.com",
    "service_area_code": "repairs_and_maintenance",
    "description": "The bathroom extractor fan has not worked since January.",
    "outcome_sought": "Fix the fan and tell me why it took so long.",
}
