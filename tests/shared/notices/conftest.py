"""Fixtures for the notices tests: a folder backend and a real SMTP server on 127.0.0.1."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from shared.notices.backends import FileBackend
from tests.shared.notices.mail import free_port, parse


@pytest.fixture
def outbox_dir(tmp_path):
    return tmp_path / "sent-mail"


@pytest.fixture
def file_backend(outbox_dir) -> FileBackend:
    return FileBackend(outbox_dir)


class MailServer:
    """An SMTP server that takes every message, except for the addresses told to refuse."""

    def __init__(self):
        self.received: list[EmailMessage] = []
        self.refuse: dict[str, str] = {}  # address -> the server's reply to RCPT TO
        self.port = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.received.append(parse(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def mail_server(app):
    server = MailServer()
    server.port = free_port()
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port, MAIL_BACKEND="smtp")
    yield server
    controller.stop()
