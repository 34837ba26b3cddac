"""The outbox sender: temporary failures back off and are tried again, a refused address
fails at once, every outcome is one log line, and a dead sender's claims are taken back."""

from __future__ import annotations

import logging
from datetime import timedelta

from shared import clock
from shared.db import db
from shared.notices.backends import FileBackend, PermanentFailure, SmtpBackend
from shared.notices.outbox import MAX_ATTEMPTS, requeue_failed, retry_delay, send_due_messages
from tests.factories import at, submit
from tests.helpers import freeze
from tests.shared.notices.mail import TRACKING_LINK, delivered, free_port, outbox

OUTBOX_LOGGER = "shared.notices.outbox"


class FlakyBackend:
    """Fails the first `failures` hand-overs the way an unreachable server does."""

    def __init__(self, failures: int):
        self.failures = failures
        self.handed_over = 0
        self.delivered: list[str] = []

    def deliver(self, message, email):
        self.handed_over += 1
        if self.failures:
            self.failures -= 1
            raise ConnectionRefusedError("mail server down")
        self.delivered.append(email["Message-ID"])


def outbox_log(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == OUTBOX_LOGGER]


def set_now(monkeypatch, instant) -> None:
    monkeypatch.setattr(clock, "now", lambda: instant)


def test_a_temporary_failure_is_tried_again_after_1_then_2_then_4_minutes(app, monkeypatch):
    freeze(monkeypatch, "2025-03-03 10:00")
    submit()
    backend = FlakyBackend(failures=3)
    for attempt, retry_at in enumerate(["10:01", "10:03", "10:07"], start=1):
        result = send_due_messages(backend=backend)
        assert (result.sent, result.failed, result.gave_up) == (0, 1, 0)
        (message,) = outbox()
        assert (message.status, message.attempts) == ("pending", attempt)
        assert message.last_error == "ConnectionRefusedError: mail server down"
        assert message.next_attempt_at == at(f"2025-03-03 {retry_at}")
        # A second early, nothing is tried.
        set_now(monkeypatch, message.next_attempt_at - timedelta(seconds=1))
        assert send_due_messages(backend=backend).failed == 0
        assert backend.handed_over == attempt
        set_now(monkeypatch, message.next_attempt_at)

    assert send_due_messages(backend=backend).sent == 1
    (message,) = outbox()
    assert (message.status, message.attempts, message.last_error) == ("sent", 4, None)
    assert backend.delivered == [message.message_id]


def test_backoff_doubles_and_stops_growing_at_six_hours():
    assert [retry_delay(n) for n in range(1, 6)] == [
        timedelta(minutes=minutes) for minutes in (1, 2, 4, 8, 16)
    ]
    assert retry_delay(30) == timedelta(hours=6)
    assert retry_delay(10_000) == timedelta(hours=6)


def test_after_the_last_attempt_a_message_is_kept_as_failed_until_requeued(
    app, monkeypatch, caplog
):
    caplog.set_level(logging.INFO, logger=OUTBOX_LOGGER)
    freeze(monkeypatch, "2025-03-03 10:00")
    submit()
    backend = FlakyBackend(failures=MAX_ATTEMPTS)
    for _ in range(MAX_ATTEMPTS):
        set_now(monkeypatch, outbox()[0].next_attempt_at)
        send_due_messages(backend=backend)
    (message,) = outbox()
    assert (message.status, message.attempts) == ("failed", MAX_ATTEMPTS)
    assert backend.handed_over == MAX_ATTEMPTS
    last = outbox_log(caplog)[-1]
    assert last.levelno == logging.ERROR and "given up after 8 attempts" in last.getMessage()

    # Given up means given up: a day later, nothing is tried.
    set_now(monkeypatch, at("2025-03-04 10:00"))
    assert send_due_messages(backend=backend).sent == 0
    assert backend.handed_over == MAX_ATTEMPTS

    result = app.test_cli_runner().invoke(args=["outbox", "retry"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "requeued 1"
    assert send_due_messages(backend=backend).sent == 1
    (message,) = outbox()
    assert (message.status, message.attempts) == ("sent", 1)
    assert requeue_failed() == 0


def test_one_failing_message_does_not_hold_up_the_others(app):
    submit(email="first@example.com")
    submit(email="second@example.com")
    backend = FlakyBackend(failures=1)
    result = send_due_messages(backend=backend)
    assert (result.sent, result.failed) == (1, 1)
    assert [m.status for m in outbox()] == ["pending", "sent"]


def test_the_smtp_backend_delivers_to_a_real_smtp_server(app, client, mail_server):
    submit(email="resident@example.com")
    result = send_due_messages()  # the configured backend: SMTP
    assert (result.sent, result.failed, result.gave_up) == (1, 0, 0)
    (received,) = mail_server.received
    (message,) = outbox()
    assert received["To"] == "resident@example.com"
    assert received["Message-ID"] == message.message_id
    assert received["Subject"] == "We have received your complaint CMP-2025-000001"
    assert received["Content-Language"] == "en"
    link = TRACKING_LINK.search(received.get_body(preferencelist=("plain",)).get_content())
    assert client.get(link["path"]).status_code == 200


def test_a_refused_address_fails_at_once_and_is_logged_as_an_error(
    app, monkeypatch, caplog, mail_server
):
    caplog.set_level(logging.INFO, logger=OUTBOX_LOGGER)
    mail_server.refuse["nobody@example.com"] = (
        "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown"
    )
    submit(email="nobody@example.com")
    result = send_due_messages()
    assert (result.sent, result.failed, result.gave_up) == (0, 0, 1)
    (message,) = outbox()
    assert (message.status, message.attempts) == ("failed", 1)
    assert "550" in message.last_error and "User unknown" in message.last_error
    assert "nobody@example.com" not in message.last_error
    (line,) = outbox_log(caplog)
    assert line.levelno == logging.ERROR
    assert f"outbox message {message.id} (complaint_received) failed permanently" in (
        line.getMessage()
    )
    assert "nobody@example.com" not in line.getMessage()
    assert mail_server.received == []

    # Not tried again, however long the sender waits.
    set_now(monkeypatch, clock.now() + timedelta(days=2))
    assert send_due_messages() == type(result)()
    assert outbox()[0].attempts == 1


def test_an_address_the_server_defers_is_tried_again_later(app, caplog, mail_server):
    caplog.set_level(logging.INFO, logger=OUTBOX_LOGGER)
    mail_server.refuse["busy@example.com"] = "450 4.2.1 Mailbox busy, try again later"
    submit(email="busy@example.com")
    result = send_due_messages()
    assert (result.sent, result.failed, result.gave_up) == (0, 1, 0)
    (message,) = outbox()
    assert (message.status, message.attempts) == ("pending", 1)
    assert "450 4.2.1 Mailbox busy" in message.last_error
    (line,) = outbox_log(caplog)
    assert line.levelno == logging.WARNING


def test_an_unreachable_smtp_server_is_a_retry_not_a_loss(app):
    submit()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())
    result = send_due_messages(backend=SmtpBackend(app.config))
    assert (result.sent, result.failed, result.gave_up) == (0, 1, 0)
    (message,) = outbox()
    assert (message.status, message.attempts) == ("pending", 1)


class OneOfEach:
    """Delivers to one address, defers another, refuses a third; quoting the address (and
    once the text) in its errors, as mail servers and libraries may."""

    def __init__(self, directory):
        self.files = FileBackend(directory)
        self.handed_over = []

    def deliver(self, message, email):
        self.handed_over.append(email)
        if email["To"] == "busy@example.com":
            link = TRACKING_LINK.search(email.get_body(preferencelist=("plain",)).get_content())[
                "url"
            ]
            raise ConnectionResetError(f"busy@example.com: connection reset while sending {link}")
        if email["To"] == "refused@example.com":
            raise PermanentFailure("550 <refused@example.com>: no such user")
        self.files.deliver(message, email)


def test_each_outcome_is_one_log_line_naming_neither_address_nor_link(app, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    addresses = ["fine@example.com", "busy@example.com", "refused@example.com"]
    for address in addresses:
        submit(email=address)
    backend = OneOfEach(tmp_path / "mail")
    result = send_due_messages(backend=backend)
    assert (result.sent, result.failed, result.gave_up) == (1, 1, 1)
    assert len(delivered(tmp_path / "mail")) == 1

    lines = [record.getMessage() for record in outbox_log(caplog)]
    levels = {}
    for message in outbox():
        mine = [line for line in lines if f"outbox message {message.id} " in line]
        assert len(mine) == 1, mine
        levels[message.recipient] = next(
            r.levelname for r in outbox_log(caplog) if r.getMessage() == mine[0]
        )
    assert levels == {
        "fine@example.com": "INFO",
        "busy@example.com": "WARNING",
        "refused@example.com": "ERROR",
    }

    secrets = [
        TRACKING_LINK.search(email.get_body(preferencelist=("plain",)).get_content())["secret"]
        for email in backend.handed_over
    ]
    assert len(secrets) == 3
    everything_logged = "\n".join(record.getMessage() for record in caplog.records)
    errors_kept = "\n".join(m.last_error or "" for m in outbox())
    for text in (everything_logged, errors_kept):
        for leak in (*addresses, *secrets):
            assert leak not in text


def test_a_dead_senders_claims_are_taken_back_after_a_while(
    app, monkeypatch, file_backend, outbox_dir
):
    freeze(monkeypatch, "2025-03-03 10:00")
    submit(email="abandoned@example.com")
    submit(email="in-hand@example.com")
    abandoned, in_hand = outbox()
    abandoned.status, abandoned.claimed_at = "sending", at("2025-03-03 09:44")
    # Five minutes old: the sender that claimed it may still be delivering it.
    in_hand.status, in_hand.claimed_at = "sending", at("2025-03-03 09:55")
    db.session.commit()

    assert send_due_messages(backend=file_backend).sent == 1
    (mail,) = delivered(outbox_dir)
    assert mail.to == "abandoned@example.com"
    abandoned, in_hand = outbox()
    assert abandoned.status == "sent" and abandoned.claimed_at is None
    assert in_hand.status == "sending"
