"""Small helpers the page tests share."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from shared import clock
from shared.db import db
from tests import evidence_files
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


# The portal's question pages, answered as a resident complaining for themselves would.
JOURNEY = {
    "who": {"who": "myself"},
    "details": {
        "name": "Priya Shah",
        "email": "priya.shah@example.com",
        "phone": "",
        "address": "",
        "postcode": "",
    },
    "services": {"main": "repairs_and_maintenance"},
    "when": {"happened_on-day": "5", "happened_on-month": "1", "happened_on-year": "2026"},
    "found-out": {"found_out_on-day": "5", "found_out_on-month": "1", "found_out_on-year": "2026"},
    "what-happened": {"description": "The bathroom extractor fan has not worked since January."},
    "staff": {"staff_involved": ""},
    "unfair": {"unfair": "no"},
    "outcome": {
        "outcomes": ["put_things_right", "explanation"],
        "outcome_sought": "Fix the fan and tell me why it took so long.",
    },
    "evidence": {},  # optional: no files
    "support": {
        "language": "en",
        "contact_method": "email",
        "contact_format": "standard",
        "adjustments_detail": "",
    },
}

# What a representative answers on their own pages (with "who": "someone_else").
REPRESENTATIVE_JOURNEY = {
    "who": {"who": "someone_else"},
    "your-role": {"role": "mp", "organisation": "Office of Jo Bloggs MP"},
    "your-details": {
        "name": "Sam Caseworker",
        "email": "sam.caseworker@parliament.example",
        "phone": "020 7946 0000",
    },
    "consent": {
        "declared": ["yes"],
        "how": "email",
        "given_on-day": "2",
        "given_on-month": "2",
        "given_on-year": "2026",
        "correspondence_to": "both",
    },
}


def answer_questions(client, answers: dict | None = None, **pages) -> None:
    """Answer every question page in turn (``pages`` replace whole pages' answers)."""
    from shared.drafts.journey import pages_for

    answers = {**(answers or JOURNEY), **{k.replace("_", "-"): v for k, v in pages.items()}}
    for page in pages_for(answers):
        url = f"/complaint/{page}"
        hidden = client.page(url).hidden_fields()
        response = client.post(url, data={**hidden, **as_posted(answers[page])})
        assert response.status_code == 302, (page, response.get_data(as_text=True)[-3000:])


def send_complaint(client, answers: dict | None = None, **pages):
    """Answer every question and send the complaint; the page the browser lands on."""
    answer_questions(client, answers, **pages)
    return client.submit("/complaint/check-your-answers", {}, follow_redirects=True)


# For each question page, answers it refuses (the page's error state).
REFUSED_ANSWERS = {
    "who": {},
    "your-role": {"organisation": "x" * 201},
    "your-details": {"name": "", "email": "not an address", "phone": "call me"},
    "consent": {"given_on-day": "31", "given_on-month": "2", "given_on-year": "2026"},
    "details": {"name": "", "email": ""},
    "services": {"main": ""},
    "when": {"happened_on-day": "1", "happened_on-month": "13", "happened_on-year": "2026"},
    "found-out": {},
    "what-happened": {"description": "x" * 10_001},
    "staff": {"staff_involved": "x" * 2_001},
    "unfair": {},
    "outcome": {"outcomes": ["other"]},
    # A Windows program named like a PDF: refused by its content.
    "evidence": {"files": ("letter.pdf", evidence_files.exe())},
    "support": {"contact_method": "letter"},
}


def as_posted(answers: dict) -> dict:
    """Answers as the test client posts them: a file given as (name, content) becomes a
    fresh upload each time."""
    return {
        name: (io.BytesIO(value[1]), value[0]) if isinstance(value, tuple) else value
        for name, value in answers.items()
    }


def every_question(answers: dict | None = None) -> list[str]:
    """Every question page a representative is asked (the most there are)."""
    from shared.drafts.journey import pages_for

    return pages_for(answers or {**JOURNEY, **REPRESENTATIVE_JOURNEY})
