"""Demonstration data: staff of every role and complaints at each step. Safe to load twice."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from shared import cases, evidence
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
        _submit(
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
        cases.respond(
            investigator,
            answered,
            outcome="partially_upheld",
            reasons="Two of the three reports were logged but not assigned. "
            "We have assigned an officer and will visit within two weeks.",
            at=now - timedelta(days=8),
        )

        _load_extensions_and_exclusions(staff, now)
        _load_correspondence(staff, now, damp, acknowledged, answered)


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
