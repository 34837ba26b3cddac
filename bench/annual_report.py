"""Benchmark: the annual report's JSON with 1,000,000 complaints, on SQLite and PostgreSQL
(issue 9: under 2 s each, counted in SQL).

Run from the root of the checkout, with its virtualenv:

    .venv/bin/python bench/annual_report.py --complaints 1000000 \
        [--sqlite /tmp/annual-bench.sqlite] \
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/complaints_reports_bench]

Each database is made by `complaints demo load --complaints N`'s generator (five years of
realistic history through the importer) unless it already holds N complaints (`--reload`
forces it). Then the report for the last financial year is worked out and turned into JSON
`--runs` times, housing scope and all services, after one warm-up run: the median and the
slowest are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())

from bench_support import bench_app, check_own_database, rebuild_schema  # noqa: E402


def prepare(url: str, complaints: int, reload: bool) -> None:
    from sqlalchemy import func, select

    from shared.cases.models import Complaint
    from shared.db import db
    from shared.importing.synthetic import load_synthetic_complaints

    have = 0
    if not reload:
        try:
            have = db.session.scalar(select(func.count()).select_from(Complaint)) or 0
        except Exception:  # no schema yet
            db.session.rollback()
    if have >= complaints:
        print(f"  {url}: {have:,} complaints already there")
        return
    if url.startswith("postgresql"):
        rebuild_schema(db)
    else:
        db.session.remove()
        db.engine.dispose()
        path = url.removeprefix("sqlite:///")
        if os.path.exists(path):
            os.remove(path)
        from flask_migrate import upgrade

        from shared.reference.service_areas import ensure_service_areas

        upgrade()
        ensure_service_areas()
        db.session.commit()
    started = time.perf_counter()
    load_synthetic_complaints(complaints)
    if url.startswith("postgresql"):
        db.session.execute(db.text("ANALYZE"))
        db.session.commit()
    else:
        db.session.execute(db.text("ANALYZE"))
        db.session.commit()
    print(f"  made {complaints:,} complaints in {time.perf_counter() - started:.0f} s")


def measure(url: str, complaints: int, runs: int, reload: bool) -> None:
    from shared import clock
    from shared.db import db
    from shared.reports import annual_report
    from shared.reports.annual import last_financial_year
    from shared.reports.formats import as_json

    if url.startswith("postgresql"):
        check_own_database(url)
    app = bench_app(url)
    with app.app_context(), app.test_request_context():
        prepare(url, complaints, reload)
        start, end = last_financial_year(clock.today())
        for scope in ("housing", "all"):
            as_json(annual_report(start, end, scope=scope, homes=50_000))  # warm-up
            times, cpu = [], []
            for _ in range(runs):
                t0, c0 = time.perf_counter(), time.process_time()
                report = as_json(annual_report(start, end, scope=scope, homes=50_000))
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            # On a shared machine the wall time says as much about the neighbours; this
            # process's CPU time is SQLite's whole work (PostgreSQL's is in its server).
            print(
                f"  {db.engine.dialect.name}, scope {scope}, {start} to {end}: median "
                f"{statistics.median(times):.2f} s, slowest {max(times):.2f} s, CPU in this "
                f"process {statistics.median(cpu):.2f} s ({len(report):,} bytes of JSON)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--sqlite", default="/tmp/annual-bench.sqlite")
    parser.add_argument("--postgres")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reload", action="store_true")
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    if args.only != "postgres":
        print("SQLite")
        measure(f"sqlite:///{args.sqlite}", args.complaints, args.runs, args.reload)
    if args.postgres and args.only != "sqlite":
        print("PostgreSQL")
        measure(args.postgres, args.complaints, args.runs, args.reload)


if __name__ == "__main__":
    main()
