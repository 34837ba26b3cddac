"""Plain functions that make test data through the same code paths the app uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher

from shared import cases
from shared.cases import Actor, NewComplainant, issue_tracking_link
from shared.cases.models import Complaint
from shared.db import db, unit_of_work
from shared.people.models import StaffUser
from shared.people.passwords import hash_password
from shared.people.permissions import sees_only_assigned

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


@dataclass(frozen=True)
class SubmittedComplaint:
    complaint: Complaint
    tracking_secret: str  # a link of the kind a notice or the confirmation page issues


def submit(
    received: str = "2025-03-03 10:00",
    service_area_code: str = "repairs_and_maintenance",
    email: str = "resident@example.com",
    complainant_name: str = "Sam Resident",
    locale: str = "en",
    **overrides,
) -> SubmittedComplaint:
    fields = {
        "complainant": NewComplainant(
            name=complainant_name, email=email, preferred_language=locale
        ),
        "service_area_codes": [service_area_code],
        "description": "The boiler has been broken for three weeks.",
        "outcome_sought": "Repair the boiler and apologise.",
        "at": at(received),
    }
    fields.update(overrides)
    with unit_of_work():
        complaint = cases.submit_complaint(Actor.resident(), **fields)
        secret = issue_tracking_link(complaint)
    return SubmittedComplaint(complaint, secret)


def assign_if_only_assigned(complaint, staff: StaffUser, on: str) -> None:
    """An investigating officer acts only on complaints assigned to them: assign it first,
    as a complaints manager would."""
    if (
        sees_only_assigned(staff.role)
        and complaint.current_stage == 1
        and complaint.handler_id != staff.id
    ):
        assign_to(complaint, staff, at(on))


def assign_to(complaint, staff: StaffUser, when: datetime | None = None) -> None:
    """Assign the complaint to this member of staff, as a complaints manager would."""
    manager = make_staff("complaints_manager", name="Assigning Manager")
    with unit_of_work():
        cases.assign(Actor.staff(manager), complaint, handler_id=staff.id, at=when)


def acknowledge(complaint, staff: StaffUser, on: str, stage: int = 1):
    move = cases.acknowledge if stage == 1 else cases.acknowledge_stage_two
    assign_if_only_assigned(complaint, staff, on)
    with unit_of_work():
        return move(
            Actor.staff(staff),
            complaint,
            definition_points=["The boiler was not repaired within the target time."],
            outcomes_sought=["put_things_right", "apology"],
            at=at(on),
        )


def respond(complaint, staff: StaffUser, on: str, stage: int = 1, outcome: str = "upheld"):
    move = cases.respond if stage == 1 else cases.respond_stage_two
    assign_if_only_assigned(complaint, staff, on)
    with unit_of_work():
        return move(
            Actor.staff(staff),
            complaint,
            outcome=outcome,
            reasons="We found the repair was late.",
            at=at(on),
        )
