"""Staff accounts: checking a sign-in, creating accounts, and ending every session of one.

Signing in to the web session is the web layer's job; this only says who it is, and records
every attempt, whichever way it goes, as an audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from shared.cases.audit import AuditEvent
from shared.db import db
from shared.errors import InvalidInput
from shared.people.models import StaffRole, StaffUser
from shared.people.passwords import hash_password, verify_password
from shared.validation import number

MIN_PASSWORD_LENGTH = 12
# Audit actions for staff signing in.
SIGNED_IN = "staff_signed_in"
SIGN_IN_FAILED = "staff_sign_in_failed"
# The longest email address there can be (RFC 5321); anything longer is not one.
MAX_EMAIL_LENGTH = 254


def staff_by_email(email: str) -> StaffUser | None:
    return db.session.scalar(
        select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower())
    )


def staff_for_session(session_id: str) -> StaffUser | None:
    """The member of staff a session belongs to, if that session has not been revoked.

    A session id is "<user id>:<session version>"; a sign-out, password change or
    deactivation raises the version, so every older session stops working everywhere.
    """
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(StaffUser, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def authenticate(email: str, password: str) -> StaffUser:
    """The member of staff these credentials belong to, or an error that does not say which
    part was wrong."""
    account, why_not = _check_credentials(email, password)
    if why_not:
        raise _refused()
    return account


@dataclass(frozen=True)
class SignInAttempt:
    """How a sign-in went: the member of staff, or the error to show (which never says which
    part was wrong)."""

    user: StaffUser | None
    error: InvalidInput | None


def sign_in(email: str, password: str, *, from_address: str | None, at: datetime) -> SignInAttempt:
    """Check a sign-in and record it as an audit event, whichever way it goes: which account
    or email address, when, from which address, and how it went; never the password.

    A refusal is returned, not raised, so that the caller commits its audit event too.
    Flushes; the caller commits.
    """
    account, why_not = _check_credentials(email, password)
    user = None if why_not else account
    details = {
        "email": _email_as_tried(email),
        "from_address": from_address,
        "outcome": "signed_in" if user else "refused",
    }
    if why_not:
        details["reason"] = why_not
        details["account_id"] = account.id if account else None
    db.session.add(
        AuditEvent(
            complaint_id=None,
            occurred_at=at,
            # A refused attempt is nobody proven: the account tried is in the details.
            actor_kind="staff" if user else "anonymous",
            staff_user_id=user.id if user else None,
            action=SIGNED_IN if user else SIGN_IN_FAILED,
            details=details,
        )
    )
    db.session.flush()
    return SignInAttempt(user, None if user else _refused())


def _check_credentials(email: str, password: str) -> tuple[StaffUser | None, str | None]:
    """The account the email address belongs to, if any, and why these credentials do not
    sign in to it (None when they do). The reason is for the audit record only."""
    user = staff_by_email(email)
    # Verified even for an unknown email, so that a wrong email takes as long as a wrong
    # password (verify_password checks a dummy hash).
    password_matches = verify_password(user.password_hash if user else None, password)
    if user is None:
        return None, "unknown_email"
    if not password_matches:
        return user, "wrong_password"
    if not user.active:
        return user, "account_deactivated"
    return user, None


def _refused() -> InvalidInput:
    message = _l("Enter a correct email address and password")
    return InvalidInput(message, {"email": str(message)})


def _email_as_tried(email: str) -> str | None:
    """The email address typed, for the audit record; None when it cannot be one, for
    example a password typed into the wrong box, which must not be kept."""
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > MAX_EMAIL_LENGTH or any(c.isspace() for c in email):
        return None
    return email


def end_all_sessions(user: StaffUser) -> None:
    """Revoke every session this person has, on every server (no commit)."""
    user.session_version = (user.session_version or 1) + 1
    db.session.flush()


def change_password(user: StaffUser, new_password: str) -> None:
    _check_password(new_password)
    user.password_hash = hash_password(new_password)
    end_all_sessions(user)


def deactivate(user: StaffUser) -> None:
    user.active = False
    end_all_sessions(user)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        message = _l(
            "The password must be at least %(min)s characters.", min=number(MIN_PASSWORD_LENGTH)
        )
        raise InvalidInput(message, {"password": str(message)})


def create_staff_user(email: str, name: str, role: str, password: str) -> StaffUser:
    if role not in {r.value for r in StaffRole}:
        raise InvalidInput(_l("Unknown role."))
    _check_password(password)
    if staff_by_email(email) is not None:
        raise InvalidInput(_l("There is already an account with that email address."))
    user = StaffUser(
        email=email.strip().lower(),
        name=name.strip(),
        role=role,
        password_hash=hash_password(password),
    )
    db.session.add(user)
    db.session.flush()
    return user
