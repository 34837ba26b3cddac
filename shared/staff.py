"""Signing staff in, and creating their accounts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_login import login_user

from shared import queries
from shared.extensions import db
from shared.i18n import number
from shared.lifecycle.errors import InvalidInput
from shared.models import StaffRole, StaffUser
from shared.passwords import hash_password, verify_password

MIN_PASSWORD_LENGTH = 12


def sign_in(email: str, password: str) -> StaffUser:
    """Sign a member of staff in, or raise with a message that does not say which part was wrong."""
    user = queries.staff_by_email(email)
    if not verify_password(user.password_hash if user else None, password) or not user.active:
        message = _l("Enter a correct email address and password")
        raise InvalidInput(message, {"email": str(message)})
    login_user(user)
    return user


def create_staff_user(email: str, name: str, role: str, password: str) -> StaffUser:
    if role not in {r.value for r in StaffRole}:
        raise InvalidInput(_l("Unknown role."))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            _l("The password must be at least %(min)s characters.", min=number(MIN_PASSWORD_LENGTH))
        )
    if queries.staff_by_email(email) is not None:
        raise InvalidInput(_l("There is already an account with that email address."))
    user = StaffUser(
        email=email.strip().lower(),
        name=name.strip(),
        role=role,
        password_hash=hash_password(password),
    )
    db.session.add(user)
    db.session.commit()
    return user
