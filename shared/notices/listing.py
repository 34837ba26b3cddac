"""What staff see of the notices: those on a case, the print queue, one notice to preview,
and the copy kept of what was sent."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from shared.db import db
from shared.notices.models import Channel, OutboxMessage, OutboxStatus, SentCopy
from shared.notices.render import SUBJECTS

STATUS_LABELS = {
    (OutboxStatus.PENDING, Channel.EMAIL): _l("Waiting to be sent"),
    (OutboxStatus.PENDING, Channel.LETTER): _l("Waiting to be printed"),
    (OutboxStatus.SENDING, Channel.EMAIL): _l("Being sent"),
    (OutboxStatus.SENDING, Channel.LETTER): _l("Being printed"),
    (OutboxStatus.SENT, Channel.EMAIL): _l("Sent"),
    (OutboxStatus.SENT, Channel.LETTER): _l("Printed"),
    (OutboxStatus.FAILED, Channel.EMAIL): _l("Not delivered"),
    (OutboxStatus.FAILED, Channel.LETTER): _l("Not printed"),
}


def status_label(message: OutboxMessage) -> str:
    return str(STATUS_LABELS[(OutboxStatus(message.status), Channel(message.channel))])


def notice_title(message: OutboxMessage) -> str:
    """A notice's name for staff: its subject, in the staff member's language."""
    reference = message.complaint.reference if message.complaint else ""
    return str(SUBJECTS[message.kind]) % {"reference": reference}


def notices_on_case(complaint) -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.complaint_id == complaint.id)
            .order_by(OutboxMessage.id)
        )
    )


def notice_on_case(complaint, notice_id: int) -> OutboxMessage | None:
    message = db.session.get(OutboxMessage, notice_id)
    if message is None or message.complaint_id != complaint.id:
        return None
    return message


def sent_copy(message: OutboxMessage) -> SentCopy | None:
    return db.session.scalar(select(SentCopy).where(SentCopy.outbox_message_id == message.id))
