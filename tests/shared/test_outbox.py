"""Delivering the outbox: nothing is lost, nothing is sent twice, failures are retried."""

from __future__ import annotations

import email
import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from shared import clock
from shared.extensions import db
from shared.models import OutboxMessage
from shared.outbox import (
    MAX_ATTEMPTS,
    FileBackend,
    SmtpBackend,
    requeue_failed,
    retry_delay,
    send_due_messages,
)
from tests.factories import submit


def messages() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_the_file_backend_writes_each_message_once_as_an_eml_file(app, tmp_path):
    submit()
    backend = FileBackend(str(tmp_path / "outbox"))
    assert send_due_messages(backend=backend).sent == 1
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1
    parsed = email.message_from_bytes(files[0].read_bytes())
    assert parsed["To"] == "resident@example.com"
    assert parsed["Subject"] == "We have received your complaint CMP-2025-000001"
    assert "/track/CMP-2025-000001/" in parsed.get_payload(decode=True).decode()
    (message,) = messages()
    assert message.status == "sent" and message.sent_at is not None

    # Sending again finds nothing due; and a message handed over twice after a crash
    # is still one file.
    assert send_due_messages(backend=backend).sent == 0
    backend.deliver(message)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1


class FlakyBackend:
    def __init__(self, failures: int):
        self.failures = failures
        self.delivered: list[str] = []

    def deliver(self, message):
        if self.failures:
            self.failures -= 1
            raise ConnectionRefusedError("mail server down")
        self.delivered.append(message.message_id)


def test_a_failed_send_is_kept_and_retried_with_backoff(app):
    submit()
    backend = FlakyBackend(failures=1)
    before = clock.now()
    result = send_due_messages(backend=backend)
    assert (result.sent, result.failed) == (0, 1)
    (message,) = messages()
    assert message.status == "pending"
    assert message.attempts == 1
    assert "mail server down" in message.last_error
    assert message.next_attempt_at >= before + timedelta(minutes=1)

    # Not due yet: nothing is tried.
    assert send_due_messages(backend=backend).sent == 0
    message.next_attempt_at = clock.now()
    db.session.commit()
    assert send_due_messages(backend=backend).sent == 1
    (message,) = messages()
    assert message.status == "sent" and message.attempts == 2
    assert backend.delivered == [message.message_id]


def test_backoff_doubles_and_is_capped():
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
    ]
    assert retry_delay(30) == timedelta(hours=6)


def test_after_the_last_attempt_a_message_is_kept_as_failed_and_can_be_requeued(app):
    submit()
    backend = FlakyBackend(failures=MAX_ATTEMPTS)
    for _ in range(MAX_ATTEMPTS):
        for message in messages():
            message.next_attempt_at = clock.now()
        db.session.commit()
        send_due_messages(backend=backend)
    (message,) = messages()
    assert message.status == "failed" and message.attempts == MAX_ATTEMPTS
    assert message.body_text  # nothing lost

    assert requeue_failed() == 1
    assert send_due_messages(backend=backend).sent == 1
    assert messages()[0].status == "sent"


def test_one_failing_message_does_not_stop_the_others(app):
    submit(email="first@example.com")
    submit(email="second@example.com")
    backend = FlakyBackend(failures=1)
    result = send_due_messages(backend=backend)
    assert (result.sent, result.failed) == (1, 1)
    assert sorted(m.status for m in messages()) == ["pending", "sent"]


class Inbox:
    def __init__(self):
        self.received: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.received.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def test_the_smtp_backend_delivers_to_a_real_smtp_server(app, smtp_server):
    inbox, port = smtp_server
    submit()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    result = send_due_messages(backend=SmtpBackend(app.config))
    assert result.sent == 1
    (received,) = inbox.received
    assert received["To"] == "resident@example.com"
    assert received["Message-ID"] == messages()[0].message_id
    assert "CMP-2025-000001" in received["Subject"]


def test_an_unreachable_smtp_server_is_a_retry_not_a_loss(app):
    submit()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())
    result = send_due_messages(backend=SmtpBackend(app.config))
    assert result.failed == 1
    assert messages()[0].status == "pending"
