"""The people in a complaint are records: one person, many complaints; one representative,
many people; the consent says who is written to."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from shared import cases
from shared.cases import Actor, InvalidInput, NewComplainant, NewRepresentative
from shared.cases.models import Complaint
from shared.db import db, unit_of_work
from shared.notices.models import OutboxMessage
from shared.people.models import Consent, Person, Representative
from tests.factories import at


def make(complainant, representative=None, areas=("repairs_and_maintenance",)):
    with unit_of_work():
        return cases.submit_complaint(
            Actor.resident(),
            complainant=complainant,
            representative=representative,
            service_area_codes=list(areas),
            description="The lift has been broken for a month.",
            outcome_sought="Fix the lift.",
            at=at("2025-03-03 10:00"),
        )


def caseworker(**changes) -> NewRepresentative:
    fields = {
        "name": "Jo Caseworker",
        "role": "mp",
        "organisation": "Office of the MP for Riverside",
        "email": "caseworker@parliament.example",
        "consent_given_how": "signed_form",
        "consent_given_on": date(2025, 3, 1),
        "correspondence_to": "both",
    }
    fields.update(changes)
    return NewRepresentative(**fields)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_representative_acting_for_two_people_is_one_record_with_two_consents(app):
    first = make(NewComplainant(name="Ann Tenant", email="ann@example.com"), caseworker())
    second = make(NewComplainant(name="Bob Tenant", email="bob@example.com"), caseworker())

    assert count(Representative) == 1
    assert count(Consent) == 2
    assert first.representative.id == second.representative.id
    assert first.consent.given_how == "signed_form"
    assert first.consent.given_on == date(2025, 3, 1)
    # Consent says both: the complainant and the caseworker each get the notice.
    recipients = db.session.scalars(
        select(OutboxMessage.recipient_role).where(OutboxMessage.complaint_id == first.id)
    ).all()
    assert sorted(recipients) == ["complainant", "representative"]


def test_one_person_can_have_several_complaints(app):
    first = make(NewComplainant(name="Ann Tenant", email="ann@example.com"))
    person = db.session.get(Person, first.complainant_id)
    second = make(person, areas=["parking"])
    assert count(Person) == 1
    assert {c.reference for c in db.session.scalars(select(Complaint))} == {
        first.reference,
        second.reference,
    }


def test_several_service_areas_keep_the_main_one_first_and_its_facts(app):
    complaint = make(
        NewComplainant(name="Ann Tenant", email="ann@example.com"),
        areas=["council_tax_and_business_rates", "repairs_and_maintenance"],
    )
    assert [a.service_area_code for a in complaint.service_areas] == [
        "council_tax_and_business_rates",
        "repairs_and_maintenance",
    ]
    # The main area decides the policy and the Ombudsman, fixed at receipt.
    assert complaint.sla_policy == "corporate-2019"
    assert complaint.is_housing_landlord is False


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"role": "neighbour"}, "representative_role"),
        ({"consent_given_how": "telepathy"}, "consent_given_how"),
        ({"consent_given_on": date(2025, 3, 4)}, "consent_given_on"),
        ({"name": "  "}, "representative_name"),
        ({"email": None, "correspondence_to": "representative"}, "representative_email"),
        ({"name": "Jo\x00Caseworker"}, "representative_name"),
    ],
)
def test_a_representative_the_council_cannot_act_on_is_refused_with_nothing_written(
    app, changes, field
):
    with pytest.raises(InvalidInput) as refused:
        make(NewComplainant(name="Ann Tenant", email="ann@example.com"), caseworker(**changes))
    assert field in refused.value.field_errors
    assert count(Complaint) == 0 and count(Representative) == 0 and count(Person) == 0
