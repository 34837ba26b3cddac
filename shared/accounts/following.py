"""What a signed-in resident or representative sees: every complaint where their address is
the complainant's or the representative's, a plain-language timeline of each, and the
notices sent to them. Only what residents are told: the timeline lists the steps residents
are told of, by a fixed list, never staff names, notes or internal steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from shared import clock
from shared.accounts.sign_in import SIGN_IN_LINK_KIND, normalised_email
from shared.cases.actors import Actor
from shared.cases.audit import AuditEvent
from shared.cases.models import Complaint
from shared.cases.state_machine import Move, why_not
from shared.cases.wording import long_date, why_a_resident_cannot
from shared.db import db
from shared.notices.models import Channel, OutboxMessage, OutboxStatus
from shared.people.models import Consent, Person, Representative


def _followed_by(email: str):
    wanted = normalised_email(email)
    return (
        select(Complaint)
        .join(Person, Person.id == Complaint.complainant_id)
        .outerjoin(Consent, Consent.complaint_id == Complaint.id)
        .outerjoin(Representative, Representative.id == Consent.representative_id)
        .where(or_(func.lower(Person.email) == wanted, func.lower(Representative.email) == wanted))
        .options(joinedload(Complaint.stages), joinedload(Complaint.consent))
    )


def complaints_followed_by(email: str) -> list[Complaint]:
    """Every complaint this address made or acts on, newest first."""
    if not normalised_email(email):
        return []
    statement = _followed_by(email).order_by(Complaint.received_at.desc(), Complaint.id.desc())
    return list(db.session.scalars(statement).unique())


def complaint_followed_by(email: str, reference: str) -> Complaint | None:
    """The complaint with this reference, if this address made it or acts on it."""
    reference = (reference or "").strip().upper()
    if not normalised_email(email) or not reference or len(reference) > 20:
        return None
    statement = _followed_by(email).where(Complaint.reference == reference)
    return db.session.scalars(statement).unique().first()


def acts_for(complaint: Complaint, email: str) -> str | None:
    """The complainant's name when this address is the representative's (and not also the
    complainant's own), else None."""
    wanted = normalised_email(email)
    if normalised_email(complaint.complainant.email) == wanted:
        return None
    return complaint.complainant.name


# -- The timeline ---------------------------------------------------------------------------

# The steps a resident is told of, in their words. Anything else in the audit trail
# (assignment, extensions asked for or refused, the Ombudsman's records) is the council's own.
RESIDENT_EVENTS = {
    "submit": _l("We received the complaint."),
    "acknowledge": _l("We confirmed what we will look into at stage 1."),
    "respond": _l("We sent our stage 1 response."),
    "request_stage_2": _l("A stage 2 review was asked for."),
    "acknowledge_stage_2": _l("We confirmed what the stage 2 review will look into."),
    "respond_stage_2": _l("We sent our stage 2 response, our final response."),
    "close": _l("We closed the complaint."),
    "withdraw": _l("The complaint was withdrawn."),
    "not_accept": _l("We decided not to accept this as a complaint, and wrote with our reasons."),
    "treat_as_service_request": _l("We decided to deal with this as a request for a service."),
    "reverse_exclusion": _l("We looked again and accepted it as a complaint."),
}
# More time taken, with the new date the response is due by.
_MORE_TIME = _l("We told you we need more time. Our response is now due by %(date)s.")


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    text: str


def timeline(complaint: Complaint) -> list[TimelineEntry]:
    """What happened to the complaint, oldest first, in the resident's words."""
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.complaint_id == complaint.id)
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )
    entries = []
    for event in events:
        on = clock.local_date(event.occurred_at)
        if event.action in RESIDENT_EVENTS:
            entries.append(TimelineEntry(on, str(RESIDENT_EVENTS[event.action])))
        elif event.action in {"extend", "extension_approved"}:
            new_date = (event.details or {}).get("to_respond_by")
            if event.action == "extend" and (event.details or {}).get("status") != "in_force":
                continue  # beyond the cap: only once approved is the resident told
            if new_date:
                when = long_date(date.fromisoformat(new_date))
                entries.append(TimelineEntry(on, str(_MORE_TIME % {"date": when})))
    return entries


# -- Notices sent ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeSent:
    subject: str
    sent_at: datetime


def notices_sent(complaint: Complaint, email: str) -> list[NoticeSent]:
    """The emails about this complaint delivered to this address, oldest first (sign-in
    links left out: they are not about the complaint)."""
    rows = db.session.execute(
        select(OutboxMessage.subject, OutboxMessage.sent_at)
        .where(
            OutboxMessage.complaint_id == complaint.id,
            OutboxMessage.status == OutboxStatus.SENT,
            OutboxMessage.channel == Channel.EMAIL,
            OutboxMessage.kind != SIGN_IN_LINK_KIND,
            func.lower(OutboxMessage.recipient) == normalised_email(email),
        )
        .order_by(OutboxMessage.sent_at, OutboxMessage.id)
    )
    return [NoticeSent(subject or "", sent_at) for subject, sent_at in rows]


# -- What cannot be done, in the resident's words --------------------------------------------

_CANNOT = {
    Move.WITHDRAW: _l("This complaint is no longer open, so it cannot be withdrawn."),
    Move.REQUEST_STAGE_2: _l(
        "A stage 2 review cannot be asked for on this complaint. If you are unhappy with "
        "our decision, contact us."
    ),
}


def why_a_follower_cannot(complaint: Complaint, move: Move) -> str | None:
    """Why the resident or representative cannot make this move now, in plain words with
    the date owed where there is one; None when they can."""
    refusal = why_not(complaint, move, Actor.resident())
    if refusal is None:
        return None
    in_their_words = why_a_resident_cannot(complaint, move)
    if in_their_words:
        return str(in_their_words)
    if move == Move.REQUEST_STAGE_2 and complaint.stage(2):
        return str(refusal.message)  # a review has already been asked for
    return str(_CANNOT[move])
