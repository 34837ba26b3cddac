"""Importing a council's history, then the annual report's figures, checked by hand.

docs/import-example.csv, worked out with a calendar (England and Wales bank holidays):
- 101: tenant, received Mon 18 Aug 2025, acknowledged Wed 20 Aug. Ten working days on,
  skipping the bank holiday of Mon 25 Aug, is Thu 4 Sep: answered that day, within.
- 102: tenant, acknowledged Wed 4 Jun 2025, due Wed 18 Jun; extended by 5 working days to
  Wed 25 Jun; answered Tue 24 Jun, within only thanks to the extension. Stage 2 asked for
  Tue 1 Jul, acknowledged Thu 3 Jul, due Thu 31 Jul, answered Tue 5 Aug: late. Housing
  Ombudsman from 1 Sep 2025, no maladministration on 15 Jan 2026.
- 103: a leaseholder, due Wed 22 Oct, answered Mon 27 Oct: late (not counted in the TSMs).
- 104: not accepted (legal proceedings) on 5 Nov 2025: refused, not opened.
- 105: council tax, not a housing landlord matter: only in the "all" scope. Its policy
  counts 15 working days from receipt (Mon 1 Dec): due Mon 22 Dec, answered Fri 19 Dec.
- 106: tenant, withdrawn at stage 1 on 20 Jan 2026.
- 2024-000900: tenant, received in December 2024 (before the period) and answered on
  6 Jan 2025 (before it too); stage 2 asked for Thu 10 Apr 2025, acknowledged Mon 14 Apr,
  twenty working days on across Good Friday, Easter Monday and 5 May is Thu 15 May:
  answered that day, within.
- 107: a first request for a service, 7 May 2025: refused, not opened.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from shared import cases
from shared.cases import Actor
from shared.cases.audit import AuditEvent
from shared.cases.models import Complaint, ComplaintStage, Extension
from shared.db import db, unit_of_work
from shared.importing import COLUMNS, import_complaints
from shared.notices.models import OutboxMessage
from shared.reports import annual_report
from shared.reports.formats import as_csv, as_html
from tests.factories import at, make_staff, submit

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "import-example.csv"
YEAR = (date(2025, 4, 1), date(2026, 3, 31))
TODAY = date(2026, 6, 1)


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def load_example(**kwargs):
    with unit_of_work(), EXAMPLE.open(encoding="utf-8") as stream:
        return import_complaints(stream, source="example", today=TODAY, **kwargs)


def stage(reference: str, number: int) -> ComplaintStage:
    return db.session.scalar(
        select(ComplaintStage)
        .join(Complaint)
        .where(Complaint.reference == reference, ComplaintStage.number == number)
    )


def test_the_example_file_imports_with_deadlines_from_the_sla_engine(app):
    result = load_example()
    assert (result.read, result.imported, result.already_present) == (8, 8, 0)
    # Across the August bank holiday.
    assert stage("CMP-2025-000101", 1).acknowledge_by == date(2025, 8, 26)
    assert stage("CMP-2025-000101", 1).respond_by == date(2025, 9, 4)
    # The extension in force moves the deadline by five working days, and is on record.
    assert stage("CMP-2025-000102", 1).respond_by == date(2025, 6, 25)
    extension = db.session.scalar(select(Extension))
    assert (extension.from_respond_by, extension.to_respond_by) == (
        date(2025, 6, 18),
        date(2025, 6, 25),
    )
    assert stage("CMP-2025-000102", 2).respond_by == date(2025, 7, 31)
    assert stage("CMP-2024-000900", 2).respond_by == date(2025, 5, 15)
    # Another policy for a council tax complaint: 15 working days from receipt.
    assert stage("CMP-2025-000105", 1).respond_by == date(2025, 12, 22)
    statuses = dict(db.session.execute(select(Complaint.reference, Complaint.status)).all())
    assert statuses["CMP-2025-000104"] == "not_accepted"
    assert statuses["CMP-2025-000107"] == "service_request"
    assert statuses["CMP-2025-000106"] == "withdrawn"
    assert statuses["CMP-2025-000101"] == "closed"
    # Nobody is sent anything about complaints answered long ago; the audit trail says why
    # each one is there.
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert actions == {"imported"}


def test_importing_the_same_file_again_changes_nothing(app):
    load_example()
    again = load_example()
    assert (again.read, again.imported, again.already_present) == (8, 0, 8)
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 8


def test_the_annual_report_gives_the_figures_worked_out_by_hand(app):
    load_example()
    report = annual_report(*YEAR, scope="housing", homes=2000)
    assert report["opened"] == {"stage1": 4, "stage2": 2, "ombudsman": 1}
    assert report["by_service_area"]["repairs_and_maintenance"] == 3
    assert report["by_service_area"]["anti_social_behaviour"] == 1
    assert report["by_service_area"]["leasehold_services"] == 1
    assert "council_tax_and_business_rates" not in report["by_service_area"]
    assert report["outcomes"] == {
        "stage1": {"upheld": 1, "partially_upheld": 1, "not_upheld": 1, "withdrawn": 1},
        "stage2": {"upheld": 1, "partially_upheld": 0, "not_upheld": 1, "withdrawn": 0},
    }
    assert report["timeliness"] == {
        "stage1": {"responded": 3, "within_timescale": 2},
        "stage2": {"responded": 2, "within_timescale": 1},
    }
    assert report["refused"]["total"] == 2
    assert report["refused"]["by_reason"]["legal_proceedings"] == 1
    assert report["refused"]["by_reason"]["service_request"] == 1
    # Tenants only: 101, 102 and 106 opened at stage 1, 102 and 2024-000900 at stage 2, of
    # 2,000 homes; 101 within across the bank holiday, 102 within with its extension; at
    # stage 2, 102 late and 2024-000900 within.
    assert report["tsm"] == {
        "CH01_stage1_per_1000_homes": 1.5,
        "CH01_stage2_per_1000_homes": 1.0,
        "CH02_stage1_percent": 100.0,
        "CH02_stage2_percent": 50.0,
    }
    assert report["ombudsman"]["determinations"]["no_maladministration"] == 1
    # Imported complaints carry no lessons and no equalities answers.
    assert report["learning"] == []
    assert report["equalities"]["responses"] == "fewer than 5"  # none, and never shown as 0
    assert len(report["counting_rules"]) == 7


def test_the_all_services_scope_counts_the_council_tax_complaint_too(app):
    load_example()
    report = annual_report(*YEAR, scope="all")
    assert report["opened"]["stage1"] == 5
    assert report["by_service_area"]["council_tax_and_business_rates"] == 1
    assert report["timeliness"]["stage1"] == {"responded": 4, "within_timescale": 3}
    # No homes given: CH01 cannot be worked out; CH02 still can.
    assert report["tsm"]["CH01_stage1_per_1000_homes"] is None
    assert report["tsm"]["CH02_stage1_percent"] == 100.0


def test_a_period_with_nothing_answered_has_no_ch02(app):
    load_example()
    report = annual_report(date(2027, 1, 1), date(2027, 3, 31), homes=2000)
    assert report["tsm"]["CH02_stage1_percent"] is None
    assert report["tsm"]["CH01_stage1_per_1000_homes"] == 0.0


def test_an_imported_complaint_carries_on_through_the_ordinary_moves(app):
    """An open complaint imported half-way is answered on the pages like any other, and
    the report counts the answer."""
    header = ",".join(COLUMNS)
    row = "OLD-7,2026-05-11,phone,tenant,repairs_and_maintenance,2026-05-12" + "," * 14
    with unit_of_work():
        import_complaints(io.StringIO(f"{header}\n{row}\n"), today=TODAY)
    complaint = db.session.scalar(select(Complaint).where(Complaint.reference == "OLD-7"))
    assert complaint.status == "acknowledged"
    assert complaint.next_deadline == date(2026, 5, 27)  # 25 May is a bank holiday
    officer = make_staff("complaints_officer")
    with unit_of_work():
        cases.respond(
            Actor.staff(officer),
            complaint,
            outcome="upheld",
            reasons="The repair was late.",
            at=at("2026-05-27 10:00"),
        )
    report = annual_report(date(2026, 4, 1), date(2027, 3, 31), homes=100)
    assert report["timeliness"]["stage1"] == {"responded": 1, "within_timescale": 1}


def test_a_file_with_any_bad_row_imports_nothing_and_says_where(app):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("2025-08-20,,2025-09-04", "2025-08-10,x,2025-09-04")
    text = text.replace("legal_proceedings", "legal")
    text = text.replace("CMP-2025-000103", "CMP-2025-000102")
    text += "CMP-9\x00,2025-01-01,fax,tenant,nowhere,,,,,,,,,,,,,,,\n"
    with unit_of_work():
        result = import_complaints(io.StringIO(text), today=TODAY)
    found = {(p.line, p.column) for p in result.problems}
    assert (2, "stage1_acknowledged_on") in found  # before it was received
    assert (2, "stage1_extension_working_days") in found
    assert (4, "reference") in found  # the same reference as line 3
    assert (5, "exclusion_reason") in found
    assert {(10, "reference"), (10, "channel"), (10, "service_areas")} <= found
    assert result.imported == 0
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 0


def test_the_command_checks_imports_and_skips_what_is_already_there(app):
    dry = run(app, "import-csv", "--dry-run", str(EXAMPLE))
    assert dry.exit_code == 0, dry.output
    assert "Complaints would be imported: 8" in dry.output
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 0
    first = run(app, "import-csv", str(EXAMPLE))
    assert "Rows read: 8" in first.output and "Complaints imported: 8" in first.output
    second = run(app, "import-csv", str(EXAMPLE))
    assert "Complaints imported: 0" in second.output
    assert "Already present (skipped): 8" in second.output


def test_the_command_refuses_a_file_with_problems(app, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        ",".join(COLUMNS)
        + "\nA-1,2025-13-01,online,tenant,repairs_and_maintenance"
        + "," * 15
        + "\n",
        encoding="utf-8",
    )
    result = run(app, "import-csv", str(bad))
    assert result.exit_code == 1
    assert "line 2, received_on: '2025-13-01' is not a date as YYYY-MM-DD" in result.output
    assert "Nothing imported" in result.output


@pytest.mark.parametrize("format_", ["json", "csv", "html", "pdf"])
def test_every_format_of_the_annual_report_renders(app, tmp_path, format_):
    load_example()
    output = tmp_path / f"report.{format_}"
    result = run(
        app,
        "report",
        "annual",
        "--from",
        "2025-04-01",
        "--to",
        "2026-03-31",
        "--homes",
        "2000",
        "--format",
        format_,
        "--output",
        str(output),
    )
    assert result.exit_code == 0, result.output
    content = output.read_bytes()
    if format_ == "json":
        assert json.loads(content)["tsm"]["CH02_stage2_percent"] == 50.0
    elif format_ == "csv":
        assert b"tsm.CH01_stage1_per_1000_homes,1.5\n" in content
        assert b"timeliness.stage1.within_timescale,2\n" in content
    elif format_ == "html":
        assert b'role="img"' in content and b"<caption" in content
    else:
        assert content.startswith(b"%PDF")


def test_the_html_report_states_the_counting_rules_and_draws_charts_with_tables(app):
    load_example()
    html = as_html(annual_report(*YEAR, homes=2000))
    assert "counted under refused" in html
    assert html.count("<svg") == 3
    assert 'id="timeliness"' in html and 'id="by-service-area-chart"' in html


def test_the_csv_report_never_starts_a_cell_with_a_formula(app):
    csv_text = as_csv({"x": "=HYPERLINK(1)", "y": -1.5})
    assert "x,'=HYPERLINK(1)" in csv_text and "y,-1.5" in csv_text


def test_a_report_of_complaints_made_on_the_portal_counts_them_too(app):
    submit(received="2025-06-02 10:00")
    report = annual_report(*YEAR, scope="housing")
    assert report["opened"]["stage1"] == 1


def test_a_file_that_is_not_utf8_is_refused_with_a_reason(app, tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes(",".join(COLUMNS).encode() + b"\nCaf\xe9,2025-01-01\n")
    result = run(app, "import-csv", str(latin))
    assert result.exit_code == 2
    assert "not UTF-8" in result.output


def test_the_report_lists_the_lessons_learned_from_decisions_in_the_period(app):
    from shared.reports.annual import annual_report
    from tests.decision_helpers import acknowledge_three_points, decide
    from tests.factories import make_staff, submit

    manager = make_staff("complaints_manager")
    complaint = submit(received="2025-03-03 10:00").complaint
    acknowledge_three_points(complaint, manager, on="2025-03-04 10:00")
    decide(complaint, manager, on="2025-03-14 10:00")

    report = annual_report(date(2025, 3, 1), date(2025, 3, 31), scope="all", homes=None)
    (lesson,) = report["learning"]
    assert lesson["lessons"] == "Call-backs were not logged when the line was busy."
    assert lesson["improvement_action"] == "Log every call-back request in the repairs system."
    assert lesson["recorded_on"] == "2025-03-14"
    assert "Sam Resident" not in str(report["learning"])
    april = annual_report(date(2025, 4, 1), date(2025, 4, 30), scope="all", homes=None)
    assert april["learning"] == []
