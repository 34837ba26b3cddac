"""Plain functions that make test data through the same code paths the app uses."""

from __future__ import annotations

from datetime import UTC, datetime

from argon2 import PasswordHasher

from shared import lifecycle
from shared.extensions import db
from shared.lifecycle import Actor
from shared.models import StaffUser
from shared.passwords import hash_password

PASSWORD = "correct horse battery staple"
_counter = {"staff": 0}
# Argon2 is slow on purpose. The test password is hashed once, with light settings: the hash
# records its own settings, so sign-in still verifies it with the real code.
PASSWORD_HASH = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)


def make_staff(
    role: str = "complaints_manager", name: str | None = None, password: str = PASSWORD
) -> StaffUser:
    _counter["staff"] += 1
    number = _counter["staff"]
    user = StaffUser(
        email=f"{role}.{number}@council.example",
        name=name or f"{role.replace('_', ' ').title()} {number}",
        role=role,
        password_hash=PASSWORD_HASH if password == PASSWORD else hash_password(password),
    )
    db.session.add(user)
    db.session.commit()
    return user


def at(value: str) -> datetime:
    """An instant from 'YYYY-MM-DD HH:MM' in UTC."""
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def submit(
    received: str = "2025-03-03 10:00",
    service_area_code: str = "repairs_and_maintenance",
    email: str = "resident@example.com",
    **overrides,
) -> lifecycle.SubmittedComplaint:
    fields = {
        "complainant_name": "Sam Resident",
        "contact_email": email,
        "service_area_code": service_area_code,
        "description": "The boiler has been broken for three weeks.",
        "outcome_sought": "Repair the boiler and apologise.",
        "at": at(received),
    }
    fields.update(overrides)
    return lifecycle.submit_complaint(Actor.resident(), **fields)


def acknowledge(complaint, staff: StaffUser, on: str, stage: int = 1):
    move = lifecycle.acknowledge if stage == 1 else lifecycle.acknowledge_stage_two
    return move(
        Actor.staff(staff),
        complaint,
        definition_points=["The boiler was not repaired within the target time."],
        outcomes_sought=["put_things_right", "apology"],
        at=at(on),
    )


def respond(complaint, staff: StaffUser, on: str, stage: int = 1, outcome: str = "upheld"):
    move = lifecycle.respond if stage == 1 else lifecycle.respond_stage_two
    return move(
        Actor.staff(staff),
        complaint,
        outcome=outcome,
        reasons="We found the repair was late.",
        at=at(on),
    )
