"""Demonstration data: staff of every role and complaints at each step. Safe to load twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from shared import cases
from shared.cases import Actor, NewComplainant
from shared.cases.models import Complaint
from shared.db import db, unit_of_work
from shared.people.models import Person, StaffUser
from shared.people.passwords import hash_password
from shared.reference.models import ServiceArea
from shared.reference.service_areas import ensure_service_areas

DEMO_PASSWORD = "demo-password-2026"
DEMO_STAFF = [
    ("officer@example.gov.uk", "Olivia Officer", "complaints_officer"),
    ("investigator@example.gov.uk", "Ian Investigator", "investigating_officer"),
    ("reviewer@example.gov.uk", "Rita Reviewer", "reviewer"),
    ("manager@example.gov.uk", "Mo Manager", "complaints_manager"),
    ("reports@example.gov.uk", "Rory Reports", "report_viewer"),
]
DEMO_RESIDENT_DOMAIN = "@residents.example.com"
# The services the demo investigating officer works in.
DEMO_INVESTIGATOR_AREAS = ["repairs_and_maintenance", "anti_social_behaviour"]


def _ensure_staff() -> dict[str, StaffUser]:
    users = {}
    for email, name, role in DEMO_STAFF:
        user = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
        if user is None:
            user = StaffUser(
                email=email, name=name, role=role, password_hash=hash_password(DEMO_PASSWORD)
            )
            if role == "investigating_officer":
                user.service_areas = list(
                    db.session.scalars(
                        select(ServiceArea).where(ServiceArea.code.in_(DEMO_INVESTIGATOR_AREAS))
                    )
                )
            db.session.add(user)
        users[role] = user
    db.session.flush()
    return users


def _demo_complaints_exist() -> bool:
    count = db.session.scalar(
        select(func.count())
        .select_from(Complaint)
        .join(Person, Complaint.complainant)
        .where(Person.email.like(f"%{DEMO_RESIDENT_DOMAIN}"))
    )
    return bool(count)


def _submit(name, area, description, wanted, days_ago):
    at = datetime.now(UTC) - timedelta(days=days_ago)
    return cases.submit_complaint(
        Actor.resident(),
        complainant=NewComplainant(name=name, email=name.split()[0].lower() + DEMO_RESIDENT_DOMAIN),
        service_area_codes=[area],
        description=description,
        outcome_sought=wanted,
        at=at,
    )


def load_demo_data() -> list[tuple[str, str, str]]:
    with unit_of_work():
        _load()
    return [(email, role, DEMO_PASSWORD) for email, _name, role in DEMO_STAFF]


def _load() -> None:
    ensure_service_areas()
    staff = _ensure_staff()
    if not _demo_complaints_exist():
        officer = Actor.staff(staff["complaints_officer"])
        investigator = Actor.staff(staff["investigating_officer"])
        now = datetime.now(UTC)

        _submit(
            "Amira Khan",
            "repairs_and_maintenance",
            "Damp and mould in the back bedroom reported three times since March; no visit yet.",
            "Fix the leak and treat the mould.",
            days_ago=1,
        )
        _submit(
            "Tom Evans",
            "waste_and_recycling",
            "Our recycling has been missed four weeks running.",
            "Collect it and explain why it keeps happening.",
            days_ago=9,
        )

        acknowledged = _submit(
            "Grace Nowak",
            "rents_and_service_charges",
            "I was charged twice for the communal cleaning service in May.",
            "Refund the second charge.",
            days_ago=6,
        )
        cases.acknowledge(
            officer,
            acknowledged,
            definition_points=["You were charged twice for communal cleaning in May 2026."],
            outcomes_sought=["put_things_right"],
            at=now - timedelta(days=4),
        )

        answered = _submit(
            "Daniel Okoro",
            "anti_social_behaviour",
            "Reports of noise from the flat above were not followed up.",
            "An explanation and a plan.",
            days_ago=20,
        )
        cases.acknowledge(
            officer,
            answered,
            definition_points=["Noise reports made in April were not followed up."],
            outcomes_sought=["explanation", "put_things_right"],
            at=now - timedelta(days=18),
        )
        cases.respond(
            investigator,
            answered,
            outcome="partially_upheld",
            reasons="Two of the three reports were logged but not assigned. "
            "We have assigned an officer and will visit within two weeks.",
            at=now - timedelta(days=8),
        )
