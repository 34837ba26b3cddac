"""Demonstration data: staff of every role and complaints at each step. Safe to load twice."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from shared import cases, evidence
from shared.accounts.sign_in import request_sign_in_link
from shared.cases import Actor, NewComplainant, circumstances
from shared.cases.models import Complaint
from shared.db import db, unit_of_work
from shared.decisions import moves as decision_moves
from shared.decisions.rules import Decision, NewAction, NewLesson, NewRemedy, PointFinding
from shared.notices.demo import load_notices_demo
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


def _submit(name, area, description, wanted, days_ago, language="en"):
    at = datetime.now(UTC) - timedelta(days=days_ago)
    return cases.submit_complaint(
        Actor.resident(),
        complainant=NewComplainant(
            name=name,
            email=name.split()[0].lower() + DEMO_RESIDENT_DOMAIN,
            preferred_language=language,  # their notices are written in it
        ),
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

        damp = _submit(
            "Amira Khan",
            "repairs_and_maintenance",
            "Damp and mould in the back bedroom reported three times since March; no visit yet.",
            "Fix the leak and treat the mould.",
            days_ago=1,
            language="ur",
        )
        missed_bins = _submit(
            "Tom Evans",
            "waste_and_recycling",
            "Our recycling has been missed four weeks running.",
            "Collect it and explain why it keeps happening.",
            days_ago=9,
            language="cy",
        )
        # Residents who wrote in their own language (one in each shipped language).
        _submit(
            "Ioana Popescu",
            "council_tax_and_business_rates",
            "Am primit o somație pentru taxa locală deși plătesc lunar prin debit direct.",
            "Anularea somației și o explicație.",
            days_ago=3,
            language="ro",
        )
        _submit(
            "Yusuf Haddad",
            "parking",
            "طلبت تصريح وقوف للمقيمين قبل شهرين ولم يصلني أي رد.\nاتصلت مرتين.",
            "إصدار التصريح وتوضيح سبب التأخير.",
            days_ago=2,
            language="ar",
        )

        acknowledged = _submit(
            "Grace Nowak",
            "rents_and_service_charges",
            "I was charged twice for the communal cleaning service in May.",
            "Refund the second charge.",
            days_ago=6,
            language="pl",
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
        # Investigating officers answer only the complaints assigned to them.
        cases.assign(
            officer, answered, handler_id=investigator.staff_user_id, at=now - timedelta(days=18)
        )
        cases.respond(
            investigator,
            answered,
            outcome="partially_upheld",
            reasons="Two of the three reports were logged but not assigned. "
            "We have assigned an officer and will visit within two weeks.",
            at=now - timedelta(days=8),
        )

        _load_extensions_and_exclusions(staff, now)
        _load_decisions(staff, now)
        _load_circumstances(staff, now, missed_bins, answered)
        # Equalities answers and survey results (shared/equalities/demo.py).
        from shared.equalities.demo import load_equalities_and_surveys

        load_equalities_and_surveys(_submit, staff, now)
        load_notices_demo(staff, now)
        _load_definition_changes(staff, now)
        _load_representatives_and_adjustments(now)
        _load_correspondence(staff, now, damp, acknowledged, answered)


def _load_definition_changes(staff, now: datetime) -> None:
    """A point added to a definition before the response, another made a new complaint,
    and a resident asking for a link to follow their complaints: the notices they send."""
    officer = Actor.staff(staff["complaints_officer"])
    estate = _submit(
        "Dewi Hughes",
        "communal_areas",
        "The communal door entry has been broken for a month.\nAlso, my bin was not "
        "collected last week.",
        "Fix the door entry; collect the bin.",
        days_ago=5,
        language="cy",
    )
    cases.acknowledge(
        officer,
        estate,
        definition_points=[
            "The communal door entry has not been repaired for a month.",
            "Your household bin was not collected last week.",
        ],
        outcomes_sought=["put_things_right"],
        at=now - timedelta(days=4),
    )
    decision_moves.add_point(
        officer,
        estate,
        text="The repair line did not call you back as promised.",
        at=now - timedelta(days=3),
    )
    bins = next(p for p in estate.current.live_points if "bin" in p.text)
    decision_moves.split_point(officer, estate, point_id=bins.id, at=now - timedelta(days=2))
    request_sign_in_link(estate.reference, estate.complainant.email, language="cy")


def _load_circumstances(staff, now: datetime, vulnerable, restricted) -> None:
    """A resident who told us of a vulnerability, and one whose contact is restricted."""
    officer = Actor.staff(staff["complaints_officer"])
    manager = Actor.staff(staff["complaints_manager"])
    today = now.date()
    circumstances.record_vulnerability(
        officer,
        vulnerable,
        description="Caring full time for a parent with dementia; often cannot take calls.",
        support_given="Email first; ring only after 6pm.",
        review_on=today + timedelta(days=120),
        at=now - timedelta(days=7),
    )
    circumstances.impose_restriction(
        manager,
        restricted,
        kind="single_point_of_contact",
        scope="All contact through the complaints team inbox; one named officer replies.",
        reason="Over forty calls in a week to six officers, some abusive. Reviewed against "
        "the resident's circumstances; written contact keeps every issue heard.",
        review_on=today + timedelta(days=90),
        at=now - timedelta(days=2),
    )


def _load_extensions_and_exclusions(staff: dict[str, StaffUser], now: datetime) -> None:
    """A complaint with more time, one waiting for a manager's approval, one not accepted,
    one treated as a service request and one withdrawn: the back office's other states."""
    officer = Actor.staff(staff["complaints_officer"])
    manager = Actor.staff(staff["complaints_manager"])

    extended = _submit(
        "Priya Shah",
        "housing_allocations",
        "My housing register banding has not been reviewed after my medical assessment.",
        "Review my banding.",
        days_ago=15,
    )
    cases.acknowledge(
        officer,
        extended,
        definition_points=["Your banding was not reviewed after the medical assessment."],
        outcomes_sought=["put_things_right", "explanation"],
        at=now - timedelta(days=13),
    )
    cases.extend(
        officer,
        extended,
        working_days=5,
        reason="We are waiting for the medical adviser's report, due next week.",
        at=now - timedelta(days=2),
    )

    waiting = _submit(
        "Owen Price",
        "repairs_and_maintenance",
        "The roof over my kitchen has leaked since the winter.",
        "Repair the roof.",
        days_ago=12,
    )
    cases.acknowledge(
        officer,
        waiting,
        definition_points=["The kitchen roof has leaked since the winter."],
        outcomes_sought=["put_things_right"],
        at=now - timedelta(days=11),
    )
    cases.extend(
        officer,
        waiting,
        working_days=15,
        reason="A roofing specialist has to inspect before we can answer.",
        good_reason="The only approved roofing contractor cannot inspect for three weeks.",
        at=now - timedelta(days=1),
    )

    not_accepted = _submit(
        "Lucy Marsh",
        "parking",
        "I was given a parking ticket outside my own house.",
        "Cancel the ticket.",
        days_ago=5,
    )
    cases.not_accept(
        manager,
        not_accepted,
        reasons=["right_of_appeal"],
        explanation="A parking ticket is challenged through the appeal printed on the notice.",
        at=now - timedelta(days=4),
    )

    service_request = _submit(
        "Sam Ali",
        "waste_and_recycling",
        "I need a new green bin; mine was taken with the rubbish.",
        "A new bin.",
        days_ago=3,
    )
    cases.treat_as_service_request(
        officer,
        service_request,
        explanation="We have ordered a new green bin, which will be delivered within 10 days.",
        at=now - timedelta(days=2),
    )

    withdrawn = _submit(
        "Nia Hughes",
        "council_tax_and_business_rates",
        "My council tax bill shows the wrong band.",
        "Correct the band.",
        days_ago=8,
    )
    cases.withdraw(
        officer,
        withdrawn,
        reason="The Valuation Office has corrected the band.",
        how="phone",
        at=now - timedelta(days=6),
    )


def _load_decisions(staff: dict[str, StaffUser], now: datetime) -> None:
    """Decided complaints with a finding on every point, remedies outstanding, overdue and
    done, outstanding actions with updates, lessons learned, and a stage 2 review."""
    officer = Actor.staff(staff["complaints_officer"])
    investigator = Actor.staff(staff["investigating_officer"])
    manager = Actor.staff(staff["complaints_manager"])
    reviewer = Actor.staff(staff["reviewer"])

    def on(days_ago: int):
        return (now - timedelta(days=days_ago)).date()

    leak = _submit(
        "Bethan Morgan",
        "repairs_and_maintenance",
        "The roof has leaked into the kitchen since January. Two repairs were booked and "
        "nobody came. When I called, I was told to ring back.",
        "Fix the roof, pay for the ruined flooring and apologise.",
        days_ago=30,
    )
    cases.acknowledge(
        officer,
        leak,
        definition_points=[
            "The roof leak reported in January has not been repaired.",
            "Two repair appointments were missed without notice.",
            "Calls to the repairs line were not returned.",
        ],
        outcomes_sought=["put_things_right", "compensation", "apology"],
        responsible_for="Repairs to the roof and the missed appointments.",
        not_responsible_for="The contents insurance claim, which is for the resident's insurer.",
        at=now - timedelta(days=28),
    )
    cases.assign(officer, leak, handler_id=investigator.staff_user_id, at=now - timedelta(days=28))
    points = leak.current.live_points
    cases.respond(
        investigator,
        leak,
        outcome="partially_upheld",
        reasons="The repair and the appointments were badly handled; the calls were logged "
        "and returned, but late.",
        decision=Decision(
            findings=[
                PointFinding(points[0].id, "upheld", "The repair was ordered only in May."),
                PointFinding(points[1].id, "upheld", "The contractor did not attend twice."),
                PointFinding(points[2].id, "not_upheld", "Each call was returned within two days."),
            ],
            remedies=[
                NewRemedy(
                    kind="apology",
                    detail="A letter of apology from the head of repairs.",
                    owner="Head of repairs",
                    due_on=on(13),
                    point_id=points[0].id,
                ),
                NewRemedy(
                    kind="financial",
                    detail="For the kitchen flooring damaged by the leak.",
                    owner="Repairs finance team",
                    due_on=on(-10),
                    amount="250",
                    financial_purpose="actual_loss",
                    point_id=points[0].id,
                ),
                NewRemedy(
                    kind="specific_action",
                    detail="Replace the flat roof over the kitchen.",
                    owner="Roofing contractor manager",
                    due_on=on(3),
                    point_id=points[0].id,
                ),
            ],
            actions=[
                NewAction("Replace the flat roof over the kitchen.", "Roofing team", on(3)),
                NewAction("Check the kitchen ceiling is dry.", "Surveyor", on(-20)),
            ],
            lesson=NewLesson(
                "Missed appointments were not followed up with the contractor.",
                "Report every missed appointment to the contract manager each week.",
                "Repairs contract manager",
                on(-60),
            ),
        ),
        at=now - timedelta(days=14),
    )
    decision_moves.complete_remedy(
        investigator, leak, remedy_id=leak.remedies[0].id, at=now - timedelta(days=12)
    )
    decision_moves.update_action(
        investigator,
        leak,
        action_id=leak.outstanding_actions[0].id,
        text="The roofers are booked; scaffolding goes up next week.",
        at=now - timedelta(days=5),
    )

    parking = _submit(
        "Nina Shah",
        "parking",
        "My resident's permit was cancelled by mistake and I got two tickets.",
        "Cancel the tickets and restore the permit.",
        days_ago=40,
    )
    cases.acknowledge(
        officer,
        parking,
        definition_points=[
            "The resident's permit was cancelled in error.",
            "Two penalty charge notices were issued while it was cancelled.",
        ],
        outcomes_sought=["put_things_right", "explanation"],
        at=now - timedelta(days=38),
    )
    points = parking.current.live_points
    cases.respond(
        officer,
        parking,
        outcome="not_upheld",
        reasons="The permit lapsed when the renewal payment failed.",
        decision=Decision(
            findings=[
                PointFinding(points[0].id, "not_upheld", "The renewal payment was declined."),
                PointFinding(points[1].id, "not_upheld", "No valid permit was displayed."),
            ],
        ),
        at=now - timedelta(days=30),
    )
    cases.request_stage_two(
        Actor.resident(),
        parking,
        reason="The bank shows the payment left my account.",
        at=now - timedelta(days=27),
    )
    cases.acknowledge_stage_two(
        officer,
        parking,
        definition_points=["Whether the renewal payment was in fact taken."],
        outcomes_sought=["put_things_right"],
        at=now - timedelta(days=26),
    )
    point = parking.current.live_points[0]
    cases.respond_stage_two(
        reviewer,
        parking,
        outcome="upheld",
        reasons="The payment was taken; our system failed to record it.",
        decision=Decision(
            findings=[PointFinding(point.id, "upheld", "The bank statement shows the payment.")],
            remedies=[
                NewRemedy(
                    kind="reconsider_decision",
                    detail="Cancel both penalty charge notices.",
                    owner="Parking services",
                    due_on=on(5),
                ),
                NewRemedy(
                    kind="financial",
                    detail="For the time spent sorting out the permit.",
                    owner="Parking services",
                    due_on=on(-5),
                    amount="50",
                    financial_purpose="time_and_trouble",
                ),
            ],
            lesson=NewLesson(
                "Failed permit payments were not checked against bank records.",
            ),
        ),
        at=now - timedelta(days=8),
    )
    for remedy in parking.remedies:
        if remedy.kind == "reconsider_decision":
            decision_moves.complete_remedy(
                manager, parking, remedy_id=remedy.id, at=now - timedelta(days=6)
            )


def _demo_pdf(text: str) -> bytes:
    """A one-page PDF saying `text` (ASCII), for demonstration attachments."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _load_correspondence(staff, now: datetime, damp, acknowledged, answered) -> None:
    """Correspondence in and out with attachments, a case note, information a resident
    added from their tracking page, and two linked complaints."""
    officer = Actor.staff(staff["complaints_officer"])
    investigator = Actor.staff(staff["investigating_officer"])
    # Sent on the evidence page of the complaint form: kept with the complaint itself.
    evidence.store_files(
        damp,
        [CheckedDemoFile("tenancy-agreement.pdf", _demo_pdf("Tenancy agreement"))],
        evidence.Uploader.resident(),
        at=now - timedelta(days=1),
    )
    evidence.add_information(
        damp,
        information="Photos of the mould and the letter from my doctor are attached.\n"
        "The bedroom window is also letting water in.",
        files=[
            CheckedDemoFile("doctor-letter.pdf", _demo_pdf("Letter from the GP about damp")),
            CheckedDemoFile("window.txt", b"Water comes in at the bottom left corner."),
        ],
        at=now - timedelta(hours=20),
    )
    evidence.record_correspondence(
        officer,
        damp,
        direction="out",
        kind="phone_call",
        summary="Called Ms Khan to arrange an inspection; she asked for a morning visit.",
        occurred_at=now - timedelta(hours=4),
        at=now - timedelta(hours=3),
    )
    evidence.record_correspondence(
        officer,
        acknowledged,
        direction="in",
        kind="email",
        summary="Ms Nowak sent her May rent statement showing the two charges.",
        occurred_at=now - timedelta(days=3),
        files=[CheckedDemoFile("rent-statement-may.pdf", _demo_pdf("Rent statement May"))],
        at=now - timedelta(days=3),
    )
    evidence.record_correspondence(
        investigator,
        answered,
        direction="internal",
        kind="note",
        summary="Noise team confirm two reports were never assigned. Check the rota with them.",
        occurred_at=now - timedelta(days=10),
        at=now - timedelta(days=10),
    )
    evidence.record_correspondence(
        investigator,
        answered,
        direction="out",
        kind="letter",
        summary="Stage 1 response letter posted as well as emailed.",
        occurred_at=now - timedelta(days=8),
        files=[CheckedDemoFile("stage-1-response.pdf", _demo_pdf("Stage 1 response"))],
        at=now - timedelta(days=8),
    )
    # Added to a complaint someone handles: they are told by email.
    evidence.add_information(
        answered,
        information="The noise started again last night at 2am.",
        at=now - timedelta(days=1),
    )
    evidence.link_complaints(
        officer,
        damp,
        related_reference=acknowledged.reference,
        reason="Same block: the service charge dispute mentions the same roof repair.",
        at=now - timedelta(hours=2),
    )


class CheckedDemoFile:
    """A demonstration file, checked by the same rules as any upload."""

    def __init__(self, filename: str, content: bytes):
        self.filename = filename
        self.stream = io.BytesIO(content)


def _load_representatives_and_adjustments(now: datetime) -> None:
    """Complaints made through the portal's question pages: an MP's caseworker acting for two
    residents, a daughter for her father, each with the support the resident needs."""
    from shared.cases.moves import NewRepresentative

    caseworker = dict(
        name="Sam Caseworker",
        role="mp",
        organisation="Office of Jo Bloggs MP",
        email="sam.caseworker@parliament.example",
        consent_given_how="email",
        correspondence_to="both",
    )
    examples = [
        (
            NewComplainant(
                name="Rhian Jones",
                email="rhian" + DEMO_RESIDENT_DOMAIN,
                address="3 Mill Lane, Riverside",
                preferred_language="cy",
                contact_method="letter",
                contact_format="large_print",
            ),
            NewRepresentative(**caseworker, consent_given_on=(now - timedelta(days=15)).date()),
            ["large_print", "extra_time"],
            "Please allow extra time for replies: Rhian is recovering from an operation.",
            "repairs_and_maintenance",
            "The bedroom window has not closed since October and the room is cold.",
            False,
        ),
        (
            NewComplainant(
                name="Omar Haddad",
                email="omar" + DEMO_RESIDENT_DOMAIN,
                preferred_language="ar",
                contact_method="phone",
                phone="01632 960 123",
                contact_format="another_language",
            ),
            NewRepresentative(**caseworker, consent_given_on=(now - timedelta(days=14)).date()),
            ["interpreter"],
            "An Arabic interpreter for phone calls.",
            "anti_social_behaviour",
            "Neighbours shout abuse at my family because of our religion; reports were ignored.",
            True,
        ),
        (
            NewComplainant(
                name="Harold Green",
                address="12 Station Road, Riverside",
                contact_method="letter",
                contact_format="easy_read",
            ),
            NewRepresentative(
                name="Jenny Green",
                role="relative_or_friend",
                email="jenny.green@example.net",
                consent_given_how="in_person",
                consent_given_on=(now - timedelta(days=13)).date(),
                correspondence_to="representative",
            ),
            ["easy_read", "named_contact", "phone_calls"],
            None,
            "benefits",
            "My father's housing benefit stopped without a letter saying why.",
            False,
        ),
    ]
    for days_ago, (person, agent, adjustments, detail, area, what, unfair) in enumerate(
        examples, start=1
    ):
        at = now - timedelta(days=days_ago, hours=2)
        complaint = cases.submit_complaint(
            Actor.resident(),
            complainant=person,
            representative=agent,
            service_area_codes=[area],
            description=what,
            outcome_sought="put_things_right",
            at=at,
        )
        complaint.outcomes_sought = ["put_things_right", "explanation"]
        complaint.happened_on = (at - timedelta(days=40)).date()
        complaint.found_out_on = (at - timedelta(days=40)).date()
        complaint.about_discrimination = unfair
        complaint.complainant.adjustments = adjustments
        complaint.complainant.adjustments_detail = detail
    db.session.flush()
