"""Realistic made-up complaints in bulk, for demonstrations and benchmarks
(`complaints demo load --complaints N`).

Rows in the import format go through the importer (the same checks, the same deadlines
from the SLA engine, bulk writes), in batches each committed on its own, so a million
complaints take minutes and little memory. Five years of history up to today: most
answered at stage 1, some escalated, a few refused, withdrawn or taken to an Ombudsman, and
the most recent still open at each step. No personal data: nobody is named.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from shared import clock
from shared.db import unit_of_work
from shared.importing.complaints_csv import COLUMNS, import_records

HOUSING = (
    "repairs_and_maintenance",
    "repairs_and_maintenance",
    "repairs_and_maintenance",
    "anti_social_behaviour",
    "estate_management",
    "leasehold_services",
    "rents_and_service_charges",
    "communal_areas",
    "staff_behaviour",
    "housing_allocations",
)
OTHER = (
    "council_tax_and_business_rates",
    "waste_and_recycling",
    "parking",
    "benefits",
    "planning_and_building_control",
    "environmental_health",
)
REFUSAL_REASONS = (
    "service_request",
    "service_request",
    "legal_proceedings",
    "right_of_appeal",
    "over_12_months",
    "policy",
    "previously_considered",
)
DETERMINATIONS = {
    "housing": (
        "maladministration",
        "service_failure",
        "no_maladministration",
        "reasonable_redress",
    ),
    "lgsco": ("fault_and_injustice", "no_fault", "closed_after_initial_enquiries"),
}
REFERENCE_PREFIX = "GEN-"
BATCH = 50_000
YEARS = 5


def _after(day: date, working_days: int) -> date:
    """A rough working-day step (weekends skipped): the importer works out real deadlines."""
    while working_days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            working_days -= 1
    return day


def synthetic_rows(count: int, *, today: date, seed: int = 2026) -> Iterator[dict]:
    rng = random.Random(seed)
    first = today - timedelta(days=365 * YEARS)
    span = (today - first).days
    for i in range(count):
        received = first + timedelta(days=rng.randrange(span))
        if received.weekday() >= 5:
            received -= timedelta(days=received.weekday() - 4)
        row = dict.fromkeys(COLUMNS, "")
        housing = rng.random() < 0.75
        areas = rng.sample(HOUSING if housing else OTHER, 2 if rng.random() < 0.15 else 1)
        row.update(
            reference=f"{REFERENCE_PREFIX}{i + 1:09d}",
            received_on=received.isoformat(),
            channel=rng.choice(("online", "online", "email", "phone", "letter", "in_person")),
            tenure=rng.choice(("tenant",) * 6 + ("leaseholder", "other")) if housing else "other",
            service_areas=";".join(dict.fromkeys(areas)),
        )

        def keep(day: date) -> bool:
            return day <= today

        if rng.random() < 0.06:
            refused = _after(received, rng.randint(1, 4))
            if keep(refused):
                row["excluded_on"] = refused.isoformat()
                row["exclusion_reason"] = rng.choice(REFUSAL_REASONS)
            yield row
            continue
        acknowledged = _after(received, rng.choice((1, 2, 3, 4, 5, 5, 6, 8)))
        if not keep(acknowledged):
            yield row
            continue
        row["stage1_acknowledged_on"] = acknowledged.isoformat()
        if rng.random() < 0.1:
            row["stage1_extension_working_days"] = str(rng.choice((5, 10)))
        answered = _after(acknowledged, rng.choice((3, 6, 8, 9, 10, 10, 12, 15, 20)))
        if not keep(answered):
            yield row
            continue
        row["stage1_responded_on"] = answered.isoformat()
        outcome = rng.choices(
            ("upheld", "partially_upheld", "not_upheld", "withdrawn"), (30, 25, 40, 5)
        )[0]
        row["stage1_outcome"] = outcome
        if outcome == "withdrawn" or rng.random() > 0.18:
            yield row
            continue
        asked = _after(answered, rng.randint(2, 40))
        if not keep(asked):
            yield row
            continue
        row["stage2_requested_on"] = asked.isoformat()
        acknowledged = _after(asked, rng.choice((2, 3, 5, 6)))
        if not keep(acknowledged):
            yield row
            continue
        row["stage2_acknowledged_on"] = acknowledged.isoformat()
        answered = _after(acknowledged, rng.choice((10, 15, 18, 20, 22, 30)))
        if not keep(answered):
            yield row
            continue
        row["stage2_responded_on"] = answered.isoformat()
        row["stage2_outcome"] = rng.choices(
            ("upheld", "partially_upheld", "not_upheld"), (20, 25, 55)
        )[0]
        if rng.random() < 0.2:
            ombudsman = "housing" if housing else "lgsco"
            referred = _after(answered, rng.randint(20, 120))
            if keep(referred):
                row["ombudsman"] = ombudsman
                row["ombudsman_referred_on"] = referred.isoformat()
                determined = _after(referred, rng.randint(60, 250))
                if keep(determined):
                    row["ombudsman_determined_on"] = determined.isoformat()
                    row["ombudsman_determination"] = rng.choice(DETERMINATIONS[ombudsman])
        yield row


def load_synthetic_complaints(
    count: int, *, today: date | None = None, progress: Callable[[int], None] | None = None
) -> int:
    """Make `count` complaints (those already made by an earlier run are kept); returns
    how many were added. Each batch is its own unit of work."""
    today = today or clock.today()
    rows = synthetic_rows(count, today=today)
    added = 0
    while True:
        batch = [row for _, row in zip(range(BATCH), rows, strict=False)]
        if not batch:
            return added
        with unit_of_work():
            result = import_records(batch, source="demo", today=today)
        if result.problems:
            raise ValueError(f"generated rows refused: {result.problems[:3]}")
        added += result.imported
        if progress is not None:
            progress(len(batch))
