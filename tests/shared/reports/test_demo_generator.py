"""`complaints demo load --complaints N`: realistic complaints in bulk, through the importer."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from shared import clock
from shared.cases.models import Complaint, ComplaintStage
from shared.db import db
from shared.importing.synthetic import synthetic_rows
from shared.reports import annual_report


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def generated() -> int:
    return db.session.scalar(
        select(func.count()).select_from(Complaint).where(Complaint.reference.like("GEN-%"))
    )


def test_demo_load_makes_the_complaints_asked_for_and_not_twice(app):
    result = run(app, "demo", "load", "--complaints", "600")
    assert result.exit_code == 0, result.output
    assert "Made 600 complaints (0 already there)" in result.output
    assert generated() == 600
    statuses = set(db.session.scalars(select(Complaint.status).distinct()))
    # History and work in hand: answered and closed, escalated, refused, and still open.
    assert {"closed", "acknowledged", "not_accepted"} <= statuses
    assert db.session.scalar(
        select(func.count()).select_from(ComplaintStage).where(ComplaintStage.number == 2)
    )
    again = run(app, "demo", "load", "--complaints", "600")
    assert "Made 0 complaints (600 already there)" in again.output
    assert generated() == 600


def test_generated_history_gives_a_report_with_something_in_every_section(app):
    run(app, "demo", "load", "--complaints", "1500")
    today = clock.today()
    report = annual_report(today - timedelta(days=730), today, scope="all", homes=5000)
    assert report["opened"]["stage1"] > 0 and report["opened"]["stage2"] > 0
    assert report["timeliness"]["stage1"]["within_timescale"] > 0
    assert (
        report["timeliness"]["stage1"]["within_timescale"]
        < (report["timeliness"]["stage1"]["responded"])
    )
    assert report["refused"]["total"] > 0
    assert report["tsm"]["CH02_stage1_percent"] is not None


def test_the_generator_never_dates_anything_after_today():
    today = date(2026, 1, 5)
    dates = [
        value
        for row in synthetic_rows(2000, today=today)
        for key, value in row.items()
        if key.endswith("_on") and value
    ]
    assert dates and max(dates) <= today.isoformat()
