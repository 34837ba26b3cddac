"""Delivering notices with the file backend: what arrives, what is kept, and what never is."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from shared import clock
from shared.cases import Actor
from shared.cases.models import TrackingLink
from shared.cases.tracking import hash_tracking_secret
from shared.db import db
from shared.notices.outbox import STALE_CLAIM, send_due_messages
from shared.notices.render import REDACTED_LINK
from tests import committed as lifecycle
from tests.factories import acknowledge, at, make_staff, respond, submit
from tests.helpers import freeze
from tests.shared.notices.mail import delivered, delivered_for, everything_stored, outbox


def test_the_emailed_link_opens_the_complaint_and_the_kept_copy_has_it_removed(
    app, client, file_backend, outbox_dir
):
    submit()
    result = send_due_messages(backend=file_backend)
    assert (result.sent, result.failed, result.gave_up) == (1, 0, 0)

    (mail,) = delivered(outbox_dir)
    assert mail.to == "resident@example.com"
    assert mail.subject == "We have received your complaint CMP-2025-000001"
    assert mail.language == "en"
    assert mail.message["From"] == app.config["MAIL_FROM"]
    (link,) = mail.tracking_links()
    assert link["url"].startswith("http://localhost/track/CMP-2025-000001/")
    page = client.get(link["path"])
    assert page.status_code == 200
    assert "CMP-2025-000001" in page.get_data(as_text=True)

    (message,) = outbox()
    assert (message.status, message.attempts, message.last_error) == ("sent", 1, None)
    assert message.sent_at is not None and message.claimed_at is None
    assert message.subject == mail.subject
    # Staff see what was sent, less the link: the stored copy cannot open the complaint.
    assert REDACTED_LINK in message.body_text
    assert link["secret"] not in message.body_text
    assert message.body_text.strip() == mail.body.replace(link["url"], REDACTED_LINK).strip()


def test_only_hashes_of_tracking_links_are_kept(app, file_backend, outbox_dir):
    submitted = submit()
    send_due_messages(backend=file_backend)
    (link,) = delivered(outbox_dir)[0].tracking_links()

    hashes = db.session.scalars(select(TrackingLink.secret_hash)).all()
    assert len(hashes) == 2  # the confirmation page's link and the email's
    assert all(re.fullmatch(r"[0-9a-f]{64}", value) for value in hashes)
    assert hash_tracking_secret(link["secret"]) in hashes
    stored = everything_stored()
    assert link["secret"] not in stored
    assert submitted.tracking_secret not in stored


def test_a_queued_notice_holds_no_link_and_no_text(app):
    officer = make_staff("complaints_officer")
    submitted = submit()
    acknowledge(submitted.complaint, officer, on="2025-03-04 10:00")
    respond(submitted.complaint, officer, on="2025-03-05 10:00")

    messages = outbox()
    assert [m.kind for m in messages] == [
        "complaint_received",
        "stage_1_acknowledgement",
        "stage_1_response",
    ]
    assert all(m.subject is None and m.body_text is None for m in messages)
    stored = everything_stored()
    assert "/track/" not in stored
    assert submitted.tracking_secret not in stored


class SenderKilled(BaseException):
    """The sender process dies: not an error the outbox handles."""


class DiesAfterHandingOver:
    def __init__(self, backend):
        self.backend = backend

    def deliver(self, message, email):
        self.backend.deliver(message, email)
        raise SenderKilled()


def test_a_message_delivered_just_before_a_crash_is_sent_again_as_the_same_file(
    app, client, monkeypatch, file_backend, outbox_dir
):
    freeze(monkeypatch, "2025-03-03 10:05")
    submit()
    with pytest.raises(SenderKilled):
        send_due_messages(backend=DiesAfterHandingOver(file_backend))
    (message,) = outbox()
    assert message.status == "sending"  # the claim was committed; the outcome never was

    # Soon after, the claim may still be a live sender's: another run leaves it alone.
    assert send_due_messages(backend=file_backend).sent == 0
    # Once the claim is stale, the message goes again: still one file, now marked sent.
    monkeypatch.setattr(clock, "now", lambda: at("2025-03-03 10:05") + STALE_CLAIM + timedelta(1))
    assert send_due_messages(backend=file_backend).sent == 1
    (mail,) = delivered(outbox_dir)
    (message,) = outbox()
    assert message.status == "sent"
    # The link in the file that went out first was committed before it left: it works.
    (link,) = mail.tracking_links()
    assert client.get(link["path"]).status_code == 200


def test_notices_carry_the_dates_and_the_decision(app, file_backend):
    officer = make_staff("complaints_officer")
    complaint = submit(received="2025-03-03 10:00").complaint
    acknowledge(complaint, officer, on="2025-03-04 10:00")
    respond(complaint, officer, on="2025-03-10 10:00", outcome="not_upheld")
    assert send_due_messages(backend=file_backend).sent == 3
    bodies = {m.kind: delivered_for(file_backend, m).body for m in outbox()}

    assert "We will contact you by Monday 10 March 2025" in bodies["complaint_received"]
    assert "/track/CMP-2025-000001/" in bodies["complaint_received"]
    assert (
        "1. The boiler was not repaired within the target time."
        in bodies["stage_1_acknowledgement"]
    )
    assert "by Tuesday 18 March 2025" in bodies["stage_1_acknowledgement"]
    assert "Our decision: Not upheld" in bodies["stage_1_response"]
    assert "You do not have to give a reason" in bodies["stage_1_response"]
    assert "/track/CMP-2025-000001/" in bodies["stage_1_response"]


def test_the_final_response_names_the_right_ombudsman(app, file_backend):
    manager = make_staff("complaints_manager")
    reviewer = make_staff("reviewer")
    for area, ombudsman, other in [
        (
            "repairs_and_maintenance",
            "Housing Ombudsman Service",
            "Local Government and Social Care Ombudsman",
        ),
        ("parking", "Local Government and Social Care Ombudsman", "Housing Ombudsman Service"),
    ]:
        complaint = submit(service_area_code=area).complaint
        acknowledge(complaint, manager, on="2025-03-04 10:00")
        respond(complaint, manager, on="2025-03-05 10:00")
        lifecycle.request_stage_two(
            Actor.resident(), complaint, reason="Still broken", at=at("2025-03-10 10:00")
        )
        acknowledge(complaint, reviewer, on="2025-03-12 10:00", stage=2)
        respond(complaint, reviewer, on="2025-03-13 10:00", stage=2)
        send_due_messages(backend=file_backend)
        (final,) = [
            m for m in outbox() if m.complaint_id == complaint.id and m.kind == "stage_2_response"
        ]
        body = delivered_for(file_backend, final).body
        assert ombudsman in body
        assert other not in body


def test_a_notice_sent_after_later_moves_still_tells_what_it_was_queued_for(app, file_backend):
    """Nothing was sent until stage 2 began: each notice keeps its own stage and dates."""
    officer = make_staff("complaints_officer")
    complaint = submit(received="2025-03-03 10:00").complaint
    acknowledge(complaint, officer, on="2025-03-04 10:00")
    respond(complaint, officer, on="2025-03-05 10:00", outcome="partially_upheld")
    lifecycle.request_stage_two(Actor.resident(), complaint, at=at("2025-03-12 10:00"))
    stage_two_acknowledge_by = complaint.stage(2).acknowledge_by

    assert send_due_messages(backend=file_backend).sent == 4
    bodies = {m.kind: delivered_for(file_backend, m).body for m in outbox()}
    assert "We will contact you by Monday 10 March 2025" in bodies["complaint_received"]
    assert "Our decision: Partially upheld" in bodies["stage_1_response"]
    assert "1. The boiler was not repaired" in bodies["stage_1_response"]
    expected = f"We will contact you by {stage_two_acknowledge_by:%A} "
    expected += f"{stage_two_acknowledge_by.day} {stage_two_acknowledge_by:%B %Y}"
    assert expected in bodies["stage_2_requested"].replace("\n", " ")
