"""Delivering through GOV.UK Notify, against a stand-in for its API on 127.0.0.1."""

from __future__ import annotations

import logging

import pytest

from shared import clock
from shared.notices.backends import NotifyBackend, configured_backend
from shared.notices.outbox import STALE_CLAIM, send_due_messages
from tests.factories import submit
from tests.helpers import freeze
from tests.shared.notices.mail import outbox
from tests.shared.notices.notify_standin import API_KEY, TEMPLATE_ID, NotifyStandIn


@pytest.fixture
def notify(app):
    standin = NotifyStandIn().start()
    app.config.update(
        MAIL_BACKEND="notify",
        NOTIFY_API_KEY=API_KEY,
        NOTIFY_BASE_URL=standin.base_url,
        NOTIFY_TEMPLATE_ID=TEMPLATE_ID,
    )
    yield standin
    standin.stop()


def test_notify_is_chosen_by_configuration_and_takes_the_notice_in_its_language(app, notify):
    assert isinstance(configured_backend(), NotifyBackend)
    submit(locale="cy")
    result = send_due_messages()
    assert (result.sent, result.failed, result.gave_up) == (1, 0, 0)

    (sent,) = notify.accepted
    (message,) = outbox()
    assert sent["email_address"] == "resident@example.com"
    assert sent["template"]["id"] == TEMPLATE_ID
    assert sent["reference"] == message.message_id.strip("<>")
    assert sent["personalisation"]["subject"] == "Mae eich cwyn CMP-2025-000001 wedi dod i law"
    assert sent["personalisation"]["body"].startswith("Annwyl Sam Resident,")
    assert "/track/CMP-2025-000001/" in sent["personalisation"]["body"]
    assert (message.status, message.attempts) == ("sent", 1)
    assert message.subject == sent["personalisation"]["subject"]


def test_a_permanent_failure_stops_at_once_and_is_logged(app, notify, monkeypatch, caplog):
    freeze(monkeypatch, "2025-03-03 10:00")
    notify.send_replies = [
        (400, [{"error": "ValidationError", "message": "email_address Not a valid email address"}])
    ]
    submit(email="not-a-mailbox@example.com")
    with caplog.at_level(logging.ERROR):
        result = send_due_messages()
    assert (result.sent, result.failed, result.gave_up) == (0, 0, 1)
    (message,) = outbox()
    assert (message.status, message.attempts) == ("failed", 1)
    assert "400" in message.last_error and "Not a valid email address" in message.last_error
    assert "not-a-mailbox@example.com" not in message.last_error + caplog.text
    assert "failed permanently" in caplog.text
    # Nothing is tried again by itself, however long the sender keeps running.
    freeze(monkeypatch, "2025-03-10 10:00")
    assert send_due_messages().sent == 0
    assert len(notify.posts) == 1


@pytest.mark.parametrize("status", [500, 429, 503])
def test_a_temporary_failure_is_retried_with_back_off(app, notify, monkeypatch, status):
    notify.send_replies = [(status, [{"error": "Busy", "message": "try later"}])]
    freeze(monkeypatch, "2025-03-03 10:00")
    submit()
    result = send_due_messages()
    assert (result.sent, result.failed, result.gave_up) == (0, 1, 0)
    (message,) = outbox()
    assert (message.status, message.attempts) == ("pending", 1)
    assert message.next_attempt_at > clock.now()
    # Not before its time...
    assert send_due_messages().sent == 0
    assert len(notify.posts) == 1
    # ...and delivered once it is due.
    freeze(monkeypatch, "2025-03-03 10:05")
    assert send_due_messages().sent == 1
    assert len(notify.accepted) == 1 and len(notify.posts) == 2


class SenderDied(BaseException):
    """The process stopped: nothing after this runs, nothing is committed."""


class DiesAfterNotifyAccepts(NotifyBackend):
    def deliver(self, message, email, rendered=None):
        super().deliver(message, email, rendered)
        raise SenderDied


def test_no_duplicate_when_the_sender_dies_after_notify_accepted(app, notify, monkeypatch):
    freeze(monkeypatch, "2025-03-03 10:00")
    submit()
    with pytest.raises(SenderDied):
        send_due_messages(backend=DiesAfterNotifyAccepts(app.config))
    assert len(notify.accepted) == 1
    (message,) = outbox()
    assert message.status == "sending"  # the claim the dead sender left

    # Another sender, after the claim has gone stale, finds it at Notify by its reference.
    freeze(monkeypatch, "2025-03-03 10:20")
    assert clock.now() - message.claimed_at > STALE_CLAIM
    result = send_due_messages()
    assert result.sent == 1
    assert len(notify.posts) == 1 and len(notify.accepted) == 1
    assert notify.lookups[-1] == message.message_id.strip("<>")
    (message,) = outbox()
    assert message.status == "sent"
