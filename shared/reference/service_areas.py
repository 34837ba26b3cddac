"""The service areas a council starts with (DOMAIN.md, Categories); councils edit them later."""

from __future__ import annotations

from sqlalchemy import select

from shared.db import db
from shared.reference.models import ServiceArea

HOUSING_POLICY = "housing-code-2024"
CORPORATE_POLICY = "corporate-2019"

HOUSING_LANDLORD_AREAS = [
    ("repairs_and_maintenance", "Repairs and maintenance"),
    ("anti_social_behaviour", "Anti-social behaviour"),
    ("estate_management", "Estate management"),
    ("leasehold_services", "Leasehold services"),
    ("moving_to_a_property", "Moving to a property"),
    ("occupancy_rights", "Occupancy rights"),
    ("rents_and_service_charges", "Rents and service charges"),
    ("staff_behaviour", "Housing staff behaviour"),
    ("housing_allocations", "Housing allocations"),
    ("right_to_buy", "Right to Buy"),
    ("complaint_handling", "Complaint handling"),
    ("compensation", "Compensation"),
    ("communal_areas", "Communal areas"),
]
OTHER_AREAS = [
    ("council_tax_and_business_rates", "Council Tax and business rates"),
    ("benefits", "Benefits"),
    ("planning_and_building_control", "Planning and building control"),
    ("waste_and_recycling", "Waste and recycling"),
    ("environmental_health", "Environmental health"),
    ("parking", "Parking"),
    ("licensing", "Licensing"),
    ("leisure_and_culture", "Leisure and culture"),
    ("customer_services", "Customer services"),
    ("other", "Something else"),
]


def ensure_service_areas() -> int:
    """Add any default service area that is missing; returns how many were added."""
    added = 0
    rows = [(code, name, True, HOUSING_POLICY) for code, name in HOUSING_LANDLORD_AREAS] + [
        (code, name, False, CORPORATE_POLICY) for code, name in OTHER_AREAS
    ]
    for order, (code, name, housing, policy) in enumerate(rows):
        if db.session.get(ServiceArea, code) is None:
            db.session.add(
                ServiceArea(
                    code=code,
                    name=name,
                    is_housing_landlord=housing,
                    sla_policy=policy,
                    display_order=order,
                )
            )
            added += 1
    db.session.flush()
    return added


def active_service_areas() -> list[ServiceArea]:
    return list(
        db.session.scalars(
            select(ServiceArea)
            .where(ServiceArea.active.is_(True))
            .order_by(ServiceArea.display_order, ServiceArea.name)
        )
    )
