"""What the notices tests read back: the emails delivered, the outbox rows, the links."""

from __future__ import annotations

import email
import re
import socket
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import inspect, select

from shared.cases.tracking import SECRET_PATTERN
from shared.db import db
from shared.notices.models import OutboxMessage

TRACKING_LINK = re.compile(
    rf"(?P<url>https?://[^\s/]+(?P<path>/track/(?P<reference>[A-Z0-9-]+)/(?P<secret>{SECRET_PATTERN})))"
)


@dataclass(frozen=True)
class Delivered:
    """One email as the recipient's mail client would show it."""

    path: Path
    message: EmailMessage

    @property
    def to(self) -> str:
        return self.message["To"]

    @property
    def subject(self) -> str:
        return self.message["Subject"]

    @property
    def language(self) -> str:
        return self.message["Content-Language"]

    @property
    def body(self) -> str:
        """The plain-text part."""
        return self.message.get_body(preferencelist=("plain",)).get_content()

    @property
    def html(self) -> str:
        """The HTML part."""
        return self.message.get_body(preferencelist=("html",)).get_content()

    def tracking_links(self) -> list[re.Match]:
        return list(TRACKING_LINK.finditer(self.body))


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def delivered(directory: Path) -> list[Delivered]:
    """Every .eml file in the folder, oldest message first."""
    return [
        Delivered(path, parse(path.read_bytes())) for path in sorted(Path(directory).glob("*.eml"))
    ]


def delivered_for(backend, message: OutboxMessage) -> Delivered:
    """The email a file backend wrote for this outbox message."""
    path = backend.path_for(message)
    return Delivered(path, parse(path.read_bytes()))


def outbox() -> list[OutboxMessage]:
    """The outbox rows as committed, oldest first."""
    db.session.rollback()
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def everything_stored() -> str:
    """Every value in every table, as one text: what a leaked database would show."""
    db.session.rollback()
    values = []
    with db.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            for row in connection.exec_driver_sql(f"SELECT * FROM {table}"):
                values.extend(str(value) for value in row)
    return "\n".join(values)
