"""Staff accounts: checking a sign-in, the complaints manager's administration of accounts,
and ending every session of one.

Signing in to the web session is the web layer's job; this only says who it is, and records
every attempt, whichever way it goes, as an audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from shared.cases.audit import AuditEvent
from shared.db import db
from shared.errors import DomainError, InvalidInput, NotPermitted
from shared.people.models import StaffRole, StaffUser
from shared.people.passwords import generate_password, hash_password, verify_password
from shared.people.permissions import Permission, allows
from shared.reference.models import ServiceArea
from shared.validation import number, required_text, too_long_message

MIN_PASSWORD_LENGTH = 12
# Audit actions for staff signing in.
SIGNED_IN = "staff_signed_in"
SIGN_IN_FAILED = "staff_sign_in_failed"
# The longest email address there can be (RFC 5321); anything longer is not one.
MAX_EMAIL_LENGTH = 254
MAX_NAME = 200
MAX_EMAIL = 320


class AccountChanged(DomainError):
    """Someone else changed the account after the page this request came from was drawn."""

    def __init__(self):
        super().__init__(
            _l(
                "This account was changed by someone else while you were working on it. "
                "Here is what it looks like now. Check it before you try again."
            )
        )


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
    check_password(new_password)
    user.password_hash = hash_password(new_password)
    end_all_sessions(user)


def deactivate(user: StaffUser) -> None:
    user.active = False
    end_all_sessions(user)


def check_password(password: str | None) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        message = _l(
            "The password must be at least %(min)s characters.", min=number(MIN_PASSWORD_LENGTH)
        )
        raise InvalidInput(message, {"password": str(message)})


def _check_role(role: str | None) -> str:
    if role not in {r.value for r in StaffRole}:
        message = _l("Select a role")
        raise InvalidInput(message, {"role": str(message)})
    return role


def check_name(name: str | None) -> str:
    return required_text(
        name,
        "name",
        missing=_l("Enter their full name"),
        limit=MAX_NAME,
        too_long=too_long_message(_l("The name"), MAX_NAME),
    )


def check_email_format(email: str | None) -> str:
    email = required_text(
        email,
        "email",
        missing=_l("Enter their email address"),
        limit=MAX_EMAIL,
        too_long=too_long_message(_l("The email address"), MAX_EMAIL),
    )
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        message = _l("Enter an email address in the correct format, like name@example.com")
        raise InvalidInput(message, {"email": str(message)}) from None
    return email


def _check_email(email: str | None) -> str:
    email = check_email_format(email)
    if staff_by_email(email) is not None:
        message = _l("There is already an account with that email address.")
        raise InvalidInput(message, {"email": str(message)})
    return email.lower()


def _service_areas(codes) -> list[ServiceArea]:
    codes = list(dict.fromkeys(codes or ()))
    areas = list(db.session.scalars(select(ServiceArea).where(ServiceArea.code.in_(codes))))
    if len(areas) != len(codes):
        message = _l("Select service areas from the list")
        raise InvalidInput(message, {"service_areas": str(message)})
    return areas


def create_staff_user(
    email: str,
    name: str,
    role: str,
    password: str,
    service_area_codes=(),
) -> StaffUser:
    """A new account. Flushes; the caller commits."""
    name = check_name(name)
    email = _check_email(email)
    role = _check_role(role)
    check_password(password)
    user = StaffUser(
        email=email,
        name=name,
        role=role,
        password_hash=hash_password(password),
        service_areas=_service_areas(service_area_codes),
    )
    db.session.add(user)
    db.session.flush()
    return user


# --- The complaints manager's administration -------------------------------------------------


def _check_may_manage_staff(by: StaffUser) -> None:
    if not (by.active and allows(by.role, Permission.MANAGE_STAFF)):
        raise NotPermitted(_l("Only a complaints manager can change staff accounts."))


def all_staff() -> list[StaffUser]:
    """Every account, active ones first, by name."""
    return list(
        db.session.scalars(
            select(StaffUser).order_by(StaffUser.active.desc(), func.lower(StaffUser.name))
        )
    )


def _locked_for_change(user: StaffUser, expected_version: int | None) -> StaffUser:
    """Take the account for a change, refusing one drawn from an older page, and raise its
    version.

    Two managers changing each other at once must not both succeed when that leaves no
    manager: on PostgreSQL every active manager's row is locked first, in one order, so the
    second waits and then sees the first's change; on SQLite the version is raised by the
    transaction's first write, which waits for any other writer to commit, so what is read
    after it is current.
    """
    db.session.scalars(
        select(StaffUser.id)
        .where(StaffUser.role == StaffRole.COMPLAINTS_MANAGER, StaffUser.active.is_(True))
        .order_by(StaffUser.id)
        .with_for_update()
    ).all()
    db.session.refresh(user, with_for_update=True)
    if expected_version is not None and user.version != expected_version:
        raise AccountChanged()
    raised = db.session.execute(
        update(StaffUser)
        .where(StaffUser.id == user.id, StaffUser.version == user.version)
        .values(version=StaffUser.version + 1)
    )
    if raised.rowcount != 1:
        raise AccountChanged()
    db.session.refresh(user)
    return user


def _is_last_active_manager(user: StaffUser) -> bool:
    if not (user.active and user.role == StaffRole.COMPLAINTS_MANAGER):
        return False
    others = db.session.scalar(
        select(func.count())
        .select_from(StaffUser)
        .where(
            StaffUser.role == StaffRole.COMPLAINTS_MANAGER,
            StaffUser.active.is_(True),
            StaffUser.id != user.id,
        )
    )
    return not others


def _changed(by: StaffUser, user: StaffUser, action: str, details: dict) -> None:
    """Record who changed which account, and how."""
    from shared.cases.audit import AuditEvent  # the audit trail is the cases package's

    db.session.add(
        AuditEvent(
            complaint_id=None,
            occurred_at=datetime.now(UTC),
            actor_kind="staff",
            staff_user_id=by.id,
            action=action,
            details={"staff_user_id": user.id, "email": user.email, **details},
        )
    )
    db.session.flush()


def add_staff_user(
    by: StaffUser,
    *,
    email: str,
    name: str,
    role: str,
    service_area_codes=(),
    password: str | None = None,
) -> tuple[StaffUser, str | None]:
    """A new account made by a complaints manager, with the password given or a generated
    one, which is returned (to be shown once) and never stored. Flushes; the caller commits."""
    _check_may_manage_staff(by)
    generated = None if password else generate_password()
    user = create_staff_user(email, name, role, password or generated, service_area_codes)
    _changed(by, user, "staff_created", {"role": user.role})
    return user, generated


def change_role_and_service_areas(
    by: StaffUser, user: StaffUser, *, role: str, service_area_codes, expected_version: int
) -> None:
    """Flushes; the caller commits."""
    _check_may_manage_staff(by)
    role = _check_role(role)
    areas = _service_areas(service_area_codes)
    _locked_for_change(user, expected_version)
    if role != user.role and _is_last_active_manager(user):
        message = _l(
            "%(name)s is the only active complaints manager. Make someone else a complaints "
            "manager first.",
            name=user.name,
        )
        raise InvalidInput(message, {"role": str(message)})
    before = {"role": user.role, "service_areas": [a.code for a in user.service_areas]}
    user.role = role
    user.service_areas = areas
    after = {"role": user.role, "service_areas": [a.code for a in areas]}
    _changed(by, user, "staff_changed", {"before": before, "after": after})


def deactivate_staff_user(by: StaffUser, user: StaffUser, *, expected_version: int) -> None:
    """Deactivate an account and end every session it has. Flushes; the caller commits."""
    _check_may_manage_staff(by)
    if user.id == by.id:
        raise NotPermitted(_l("You cannot deactivate your own account."))
    _locked_for_change(user, expected_version)
    if not user.active:
        raise InvalidInput(_l("This account is already deactivated."))
    if _is_last_active_manager(user):
        raise NotPermitted(
            _l(
                "%(name)s is the only active complaints manager. Make someone else a "
                "complaints manager first.",
                name=user.name,
            )
        )
    deactivate(user)
    _changed(by, user, "staff_deactivated", {})


def reset_password(
    by: StaffUser, user: StaffUser, *, password: str | None, expected_version: int
) -> str | None:
    """Give an account a new password, the one given or a generated one (returned, to be
    shown once), and end every session it has. Flushes; the caller commits."""
    _check_may_manage_staff(by)
    if password:
        check_password(password)
    _locked_for_change(user, expected_version)
    generated = None if password else generate_password()
    change_password(user, password or generated)
    _changed(by, user, "staff_password_reset", {})
    return generated
