"""Sign-in links and the sessions they open. Only hashes of their secrets are stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import UTCDateTime, db, utcnow


class SignInLink(db.Model):
    """A one-time link emailed to a complainant's or representative's address. Issued when
    the notice is delivered (never stored in the outbox), used at most once, short-lived."""

    __tablename__ = "account_sign_in_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The address as the council holds it, in lower case: whose complaints it opens.
    email: Mapped[str] = mapped_column(String(320), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AccountSession(db.Model):
    """A resident's or representative's signed-in session, apart from staff sessions. The
    browser holds a random token; signing out or staying idle too long ends it here, so a
    copied cookie stops working too."""

    __tablename__ = "account_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
