"""Benchmark: `complaints import-csv` with 100,000 rows on SQLite (issue 9: under a minute).

Run from the root of the checkout, with its virtualenv:

    .venv/bin/python bench/import_csv.py [--rows 100000] [--database-url URL]

Writes a CSV of realistic rows (every column used: acknowledgements, extensions, stage 2,
withdrawals, exclusions, Ombudsman cases), builds a fresh SQLite database (or uses the
PostgreSQL database given, rebuilt), and times the import as the command runs it: every row
checked and its deadlines worked out, then written in one unit of work. Then times the same
file again (everything already present).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta

sys.path.insert(0, os.getcwd())

from bench_support import SCRATCH, bench_app, check_own_database, rebuild_schema  # noqa: E402

HOUSING = [
    "repairs_and_maintenance",
    "anti_social_behaviour",
    "estate_management",
    "leasehold_services",
    "rents_and_service_charges",
    "communal_areas",
]
OTHER = ["council_tax_and_business_rates", "waste_and_recycling", "parking", "benefits"]


def working_day_after(day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def write_rows(path: str, rows: int, seed: int = 9) -> None:
    from shared.importing import COLUMNS

    rng = random.Random(seed)
    start = date(2021, 4, 1)
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for i in range(rows):
            received = start + timedelta(days=rng.randrange(1700))
            row = dict.fromkeys(COLUMNS, "")
            row["reference"] = f"OLD-{i:07d}"
            row["received_on"] = received.isoformat()
            row["channel"] = rng.choice(["online", "email", "phone", "letter"])
            row["tenure"] = rng.choice(["tenant", "tenant", "tenant", "leaseholder", "other"])
            areas = rng.sample(HOUSING if rng.random() < 0.8 else OTHER, rng.choice([1, 1, 2]))
            row["service_areas"] = ";".join(areas)
            if rng.random() < 0.06:
                row["excluded_on"] = working_day_after(received, 2).isoformat()
                row["exclusion_reason"] = rng.choice(
                    ["service_request", "legal_proceedings", "over_12_months", "policy"]
                )
            else:
                ack = working_day_after(received, rng.randint(0, 6))
                row["stage1_acknowledged_on"] = ack.isoformat()
                if rng.random() < 0.1:
                    row["stage1_extension_working_days"] = str(rng.choice([5, 10]))
                answered = working_day_after(ack, rng.randint(3, 16))
                row["stage1_responded_on"] = answered.isoformat()
                row["stage1_outcome"] = rng.choice(
                    ["upheld", "partially_upheld", "not_upheld", "not_upheld", "withdrawn"]
                )
                if row["stage1_outcome"] != "withdrawn" and rng.random() < 0.15:
                    asked = working_day_after(answered, rng.randint(1, 20))
                    ack2 = working_day_after(asked, rng.randint(0, 6))
                    row["stage2_requested_on"] = asked.isoformat()
                    row["stage2_acknowledged_on"] = ack2.isoformat()
                    row["stage2_responded_on"] = working_day_after(
                        ack2, rng.randint(10, 25)
                    ).isoformat()
                    row["stage2_outcome"] = rng.choice(["upheld", "not_upheld"])
                    if rng.random() < 0.2:
                        row["ombudsman"] = "housing" if areas[0] in HOUSING else "lgsco"
                        row["ombudsman_referred_on"] = working_day_after(
                            date.fromisoformat(row["stage2_responded_on"]), 30
                        ).isoformat()
            writer.writerow([row[c] for c in COLUMNS])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{os.path.join(SCRATCH.name, 'import.sqlite')}"
    if url.startswith("postgresql"):
        check_own_database(url)
    csv_path = os.path.join(tempfile.mkdtemp(prefix="import-bench-"), "complaints.csv")
    t0 = time.perf_counter()
    write_rows(csv_path, args.rows)
    print(f"wrote {args.rows:,} rows in {time.perf_counter() - t0:.1f} s")

    app = bench_app(url)
    from shared.db import db, unit_of_work
    from shared.importing import import_complaints

    with app.app_context():
        if url.startswith("postgresql"):
            rebuild_schema(db)
        else:
            from flask_migrate import upgrade

            from shared.reference.service_areas import ensure_service_areas

            upgrade()
            ensure_service_areas()
            db.session.commit()
        for label in ("first import", "the same file again"):
            t0 = time.perf_counter()
            with unit_of_work(), open(csv_path, encoding="utf-8", newline="") as stream:
                result = import_complaints(stream, source="bench")
            seconds = time.perf_counter() - t0
            assert not result.problems, result.problems[:5]
            print(
                f"{label}: {result.read:,} rows read, {result.imported:,} imported, "
                f"{result.already_present:,} already present in {seconds:.1f} s "
                f"({db.engine.dialect.name})"
            )


if __name__ == "__main__":
    main()
