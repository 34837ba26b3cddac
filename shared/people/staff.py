"""Staff accounts: checking a sign-in, creating accounts, and ending every session of one.

Signing in to the web session is the web layer's job; this only says who it is.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from shared.db import db
from shared.errors import InvalidInput
from shared.people.models import StaffRole, StaffUser
from shared.people.passwords import hash_password, verify_password
from shared.validation import number

MIN_PASSWORD_LENGTH = 12


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
    user = staff_by_email(email)
    if not verify_password(user.password_hash if user else None, password) or not user.active:
        message = _l("Enter a correct email address and password")
        raise InvalidInput(message, {"email": str(message)})
    return user


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
