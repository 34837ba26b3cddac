"""The service areas a council starts with (DOMAIN.md, Categories); councils edit them later."""

from __future__ import annotations

import time
from typing import NamedTuple

from flask_babel import gettext
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from shared.db import db
from shared.reference.models import ServiceArea


def N_(name: str) -> str:  # noqa: N802 (Babel's marker: extracted for translation, stored as is)
    """Marks a default name for the catalogues; the database keeps it in English and pages
    show it through `ServiceArea.display_name`, in the reader's language."""
    return name


HOUSING_POLICY = "housing-code-2024"
CORPORATE_POLICY = "corporate-2019"

HOUSING_LANDLORD_AREAS = [
    ("repairs_and_maintenance", N_("Repairs and maintenance")),
    ("anti_social_behaviour", N_("Anti-social behaviour")),
    ("estate_management", N_("Estate management")),
    ("leasehold_services", N_("Leasehold services")),
    ("moving_to_a_property", N_("Moving to a property")),
    ("occupancy_rights", N_("Occupancy rights")),
    ("rents_and_service_charges", N_("Rents and service charges")),
    ("staff_behaviour", N_("Housing staff behaviour")),
    ("housing_allocations", N_("Housing allocations")),
    ("right_to_buy", N_("Right to Buy")),
    ("complaint_handling", N_("Complaint handling")),
    ("compensation", N_("Compensation")),
    ("communal_areas", N_("Communal areas")),
]
OTHER_AREAS = [
    ("council_tax_and_business_rates", N_("Council Tax and business rates")),
    ("benefits", N_("Benefits")),
    ("planning_and_building_control", N_("Planning and building control")),
    ("waste_and_recycling", N_("Waste and recycling")),
    ("environmental_health", N_("Environmental health")),
    ("parking", N_("Parking")),
    ("licensing", N_("Licensing")),
    ("leisure_and_culture", N_("Leisure and culture")),
    ("customer_services", N_("Customer services")),
    ("other", N_("Something else")),
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


# -- the list a resident chooses from, kept by each process for a while --------------------

# How long a process serves its copy of the offered service areas without asking the
# database; a change made in this process shows at once, one made elsewhere within this.
OFFERED_FOR_SECONDS = 60.0


class OfferedArea(NamedTuple):
    code: str
    name: str
    sla_policy: str

    @property
    def display_name(self) -> str:
        """As ServiceArea.display_name: in the reader's language."""
        return gettext(self.name)


_offered: dict[str, tuple[float, tuple[OfferedArea, ...]]] = {}


def offered_service_areas() -> tuple[OfferedArea, ...]:
    """The active service areas in display order, as plain values: the start page and the
    complaint form ask for them on every view, and they change a few times a year."""
    database = db.engine.url.render_as_string(hide_password=True)
    kept = _offered.get(database)
    now = time.monotonic()
    if kept is not None and now - kept[0] < OFFERED_FOR_SECONDS:
        return kept[1]
    areas = tuple(
        OfferedArea(area.code, area.name, area.sla_policy) for area in active_service_areas()
    )
    _offered[database] = (now, areas)
    return areas


def forget_offered_service_areas() -> None:
    _offered.clear()


@event.listens_for(Session, "after_flush")
def _note_service_area_changes(session, _flush_context) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(instance, ServiceArea) for instance in changed):
        session.info["service_areas_changed"] = True
        forget_offered_service_areas()


@event.listens_for(Session, "after_commit")
def _forget_after_commit(session) -> None:
    # Again once committed: a view in between may have read the rows as they were.
    if session.info.pop("service_areas_changed", False):
        forget_offered_service_areas()
