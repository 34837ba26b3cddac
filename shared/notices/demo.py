"""Demonstration notices: residents who chose letters by post (one in Arabic, in large
print), and complaints taken through stage 2 and an exclusion reversed, so that every
kind of notice is queued in the demo data, as emails and as letters."""

from __future__ import annotations

from datetime import datetime, timedelta

from shared import cases
from shared.cases import Actor, NewComplainant
from shared.people.models import StaffUser

DEMO_RESIDENT_DOMAIN = "@residents.example.com"


def _submit(name, area, description, wanted, at, language, **contact):
    # An address on record even for those who chose post: the demo data is found by it.
    email = name.split()[0].lower() + DEMO_RESIDENT_DOMAIN
    return cases.submit_complaint(
        Actor.resident(),
        complainant=NewComplainant(name=name, email=email, preferred_language=language, **contact),
        service_area_codes=[area],
        description=description,
        outcome_sought=wanted,
        at=at,
    )


def _through_stage_two(complaint, staff: dict[str, StaffUser], now: datetime, point: str):
    officer = Actor.staff(staff["complaints_officer"])
    reviewer = Actor.staff(staff["reviewer"])
    cases.acknowledge(
        officer,
        complaint,
        definition_points=[point],
        outcomes_sought=["put_things_right", "apology"],
        at=now - timedelta(days=26),
    )
    cases.respond(
        officer,
        complaint,
        outcome="not_upheld",
        reasons="Our records show the repair was booked within the target time.",
        at=now - timedelta(days=18),
    )
    cases.request_stage_two(
        Actor.resident(),
        complaint,
        reason="The repair was booked but nobody came.",
        at=now - timedelta(days=16),
    )
    cases.acknowledge_stage_two(
        reviewer,
        complaint,
        definition_points=[point, "The contractor did not attend the booked appointment."],
        outcomes_sought=["put_things_right", "apology"],
        at=now - timedelta(days=14),
    )
    cases.respond_stage_two(
        reviewer,
        complaint,
        outcome="upheld",
        reasons="The contractor's own log shows no visit on the booked day. We apologise.",
        at=now - timedelta(days=4),
    )


def load_notices_demo(staff: dict[str, StaffUser], now: datetime) -> None:
    manager = Actor.staff(staff["complaints_manager"])

    by_post = _submit(
        "Layla Mansour",
        "repairs_and_maintenance",
        "سُجّل إصلاح السخان في الشقة ولم يحضر أحد في الموعد.",
        "إصلاح السخان والاعتذار.",
        now - timedelta(days=30),
        "ar",
        contact_method="letter",
        contact_format="large_print",
        address="Flat 4, Mill Court\nRiverside",
        postcode="RV2 3CD",
    )
    _through_stage_two(by_post, staff, now, "The water heater repair was booked but nobody came.")

    by_email = _submit(
        "Katarzyna Wiśniewska",
        "repairs_and_maintenance",
        "Naprawa ogrzewania była zgłoszona, ale nikt nie przyszedł.",
        "Naprawa i przeprosiny.",
        now - timedelta(days=30),
        "pl",
    )
    _through_stage_two(by_email, staff, now, "The heating repair was booked but nobody came.")

    reversed_by_post = _submit(
        "Gareth Morgan",
        "planning_and_building_control",
        "Cafodd fy nghais cynllunio ei drin yn annheg gan y swyddog.",
        "Ymddiheuriad ac esboniad.",
        now - timedelta(days=9),
        "cy",
        contact_method="letter",
        address="2 Heol yr Eglwys\nRiverside",
        postcode="RV3 1AB",
    )
    cases.not_accept(
        manager,
        reversed_by_post,
        reasons=["right_of_appeal"],
        explanation="A planning decision is challenged through the planning appeal.",
        alternative_route="Appeal to the Planning Inspectorate within 12 weeks.",
        at=now - timedelta(days=8),
    )
    cases.reverse_exclusion(
        manager,
        reversed_by_post,
        reason="The complaint is about the officer's conduct, not the planning decision.",
        at=now - timedelta(days=6),
    )
