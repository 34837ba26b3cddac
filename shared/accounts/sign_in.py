"""Signing in by a one-time link, and the session it opens.

Asking for a link gives the same answer whether or not the reference and address match
(the page says so; the caller also evens out the time taken). When they match, a
`sign_in_link` notice is queued like any other: the outbox row holds who it is for and
the facts, never a secret. The sender issues the link as it delivers the email
(`issue_sign_in_link`), so the secret exists only in that email; the database keeps its
hash, when it expires, and whether it was used.

A link is used with one conditional update (unused and unexpired, then marked used), so two
clicks at once, or a link used twice, open at most one session. Secrets and session tokens
are looked up by their SHA-256 hash: what is compared in the database is never the secret.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from shared import clock
from shared.accounts.models import AccountSession, SignInLink
from shared.cases.models import Complaint
from shared.db import db
from shared.notices.models import Channel, OutboxMessage, OutboxStatus

SIGN_IN_LINK_KIND = "sign_in_link"
# Defaults; the settings ACCOUNT_LINK_MINUTES and ACCOUNT_IDLE_MINUTES override them.
LINK_MINUTES = 30
IDLE_MINUTES = 30
# However active, a session ends after this long: a new link is needed.
LONGEST_SESSION = timedelta(hours=8)
# A reference is "CMP-YYYY-NNNNNN"; anything much longer matches nothing and is not looked up.
MAX_REFERENCE = 20


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalised_email(email: str | None) -> str:
    return (email or "").strip().lower()


def _same(a: str | None, b: str) -> bool:
    return secrets.compare_digest(normalised_email(a).encode(), b.encode())


def request_sign_in_link(
    reference: str, email: str, *, language: str, minutes: int = LINK_MINUTES
) -> OutboxMessage | None:
    """Queue a sign-in link to the address given, if it is the complainant's or the
    representative's on the complaint with this reference; otherwise do nothing.

    The caller must tell the person the same thing either way. Flushes, never commits."""
    wanted = normalised_email(email)
    reference = (reference or "").strip().upper()
    if not wanted or not reference or len(reference) > MAX_REFERENCE:
        return None
    complaint = db.session.scalar(
        select(Complaint)
        .where(Complaint.reference == reference)
        .options(joinedload(Complaint.consent))
    )
    if complaint is None:
        return None
    # Both compared every time, so a match on either takes the same time.
    person = complaint.complainant
    representative = complaint.representative
    as_complainant = _same(person.email, wanted)
    as_representative = representative is not None and _same(representative.email, wanted)
    if as_complainant:
        role, name, address = "complainant", person.name, person.email
    elif as_representative:
        role, name, address = "representative", representative.name, representative.email
    else:
        return None
    domain = current_app.config["MAIL_FROM"].rpartition("@")[2] or "localhost"
    now = clock.now()
    message = OutboxMessage(
        complaint=complaint,
        kind=SIGN_IN_LINK_KIND,
        recipient_role=role,
        recipient_name=name,
        recipient=address,
        channel=Channel.EMAIL,
        language=language,
        format="standard",
        facts={"stage": complaint.current_stage, "minutes": minutes},
        message_id=f"<{uuid.uuid4()}@{domain}>",
        status=OutboxStatus.PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    db.session.add(message)
    db.session.flush()
    return message


def issue_sign_in_link(email: str, *, minutes: int = LINK_MINUTES) -> str:
    """A new one-time secret for this address (at delivery); only its hash is kept."""
    secret = secrets.token_urlsafe(32)
    now = clock.now()
    db.session.add(
        SignInLink(
            email=normalised_email(email),
            secret_hash=_hash(secret),
            created_at=now,
            expires_at=now + timedelta(minutes=minutes),
        )
    )
    return secret


def link_is_usable(secret: str, *, now: datetime | None = None) -> bool:
    """Whether this link would sign someone in now (it is not used by asking)."""
    now = now or clock.now()
    return (
        db.session.scalar(
            select(SignInLink.id).where(
                SignInLink.secret_hash == _hash(secret),
                SignInLink.used_at.is_(None),
                SignInLink.expires_at > now,
            )
        )
        is not None
    )


def sign_in_with_link(secret: str, *, now: datetime | None = None) -> str | None:
    """Use the link: a new session's token, or None if the link is unknown, used or expired.

    Flushes, never commits; the caller commits once."""
    now = now or clock.now()
    secret_hash = _hash(secret)
    used = db.session.execute(
        update(SignInLink)
        .where(
            SignInLink.secret_hash == secret_hash,
            SignInLink.used_at.is_(None),
            SignInLink.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if used != 1:
        return None
    email = db.session.scalar(select(SignInLink.email).where(SignInLink.secret_hash == secret_hash))
    token = secrets.token_urlsafe(32)
    db.session.add(
        AccountSession(email=email, token_hash=_hash(token), created_at=now, last_seen_at=now)
    )
    db.session.flush()
    return token


def signed_in_email(
    token: str | None, *, idle_minutes: int = IDLE_MINUTES, now: datetime | None = None
) -> str | None:
    """The address a session belongs to, noting that it is in use now; None if there is no
    such session or it has ended (signed out, idle too long, or too old). Flushes."""
    if not token or not isinstance(token, str):
        return None
    now = now or clock.now()
    session = db.session.scalar(
        select(AccountSession).where(
            AccountSession.token_hash == _hash(token), AccountSession.ended_at.is_(None)
        )
    )
    if session is None:
        return None
    idle = now - session.last_seen_at > timedelta(minutes=idle_minutes)
    if idle or now - session.created_at > LONGEST_SESSION:
        session.ended_at = now
        db.session.flush()
        return None
    session.last_seen_at = now
    db.session.flush()
    return session.email


def end_session(token: str | None, *, now: datetime | None = None) -> None:
    """Sign out: the session ends, and so does any link sent to the address and not yet
    used, so a sign-out leaves nothing open. Flushes."""
    if not token or not isinstance(token, str):
        return
    now = now or clock.now()
    session = db.session.scalar(
        select(AccountSession).where(AccountSession.token_hash == _hash(token))
    )
    if session is None:
        return
    if session.ended_at is None:
        session.ended_at = now
    db.session.execute(
        update(SignInLink)
        .where(
            SignInLink.email == session.email,
            SignInLink.used_at.is_(None),
            SignInLink.expires_at > now,
        )
        .values(expires_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
