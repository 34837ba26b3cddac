"""The `complaints` command line."""

from __future__ import annotations

import json
from datetime import date

from shared.cases import Actor
from tests import committed as lifecycle
from tests.factories import acknowledge, make_staff, submit


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def test_sla_deadlines_for_stage_one(app):
    result = run(app, "sla", "deadlines", "--received", "2025-12-19")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "policy": "housing-code-2024",
        "stage": 1,
        "acknowledge_by": "2025-12-30",
        "respond_by": "2026-01-14",
        "latest_extended_respond_by": "2026-01-28",
    }


def test_sla_deadlines_for_stage_two_count_from_the_acknowledgement(app):
    result = run(
        app,
        "sla",
        "deadlines",
        "--received",
        "2023-05-03",
        "--acknowledged",
        "2023-05-04",
        "--stage",
        "2",
    )
    assert result.exit_code == 0, result.output
    # The coronation bank holiday, Monday 8 May 2023, and the late May bank holiday (29 May).
    assert json.loads(result.output) == {
        "policy": "housing-code-2024",
        "stage": 2,
        "acknowledge_by": "2023-05-11",
        "respond_by": "2023-06-05",
        "latest_extended_respond_by": "2023-07-03",
    }


def test_sla_deadlines_with_the_corporate_policy(app):
    result = run(app, "sla", "deadlines", "--received", "2022-09-12", "--policy", "corporate-2019")
    assert result.exit_code == 0, result.output
    # The Queen's funeral, Monday 19 September 2022, was a bank holiday.
    assert json.loads(result.output)["acknowledge_by"] == "2022-09-20"
    assert json.loads(result.output)["respond_by"] == "2022-10-04"


def test_sla_deadlines_include_the_councils_closure_days(app):
    lifecycle.add_closure_day(Actor.system(), date(2025, 12, 29))
    result = run(app, "sla", "deadlines", "--received", "2025-12-19")
    assert json.loads(result.output)["acknowledge_by"] == "2025-12-31"


def test_bad_input_exits_non_zero_with_one_line(app):
    for args, message in [
        (["--received", "2025-02-30"], "--received must be a date as YYYY-MM-DD"),
        (["--received", "2025-01-06", "--policy", "nope"], "unknown policy 'nope'"),
        (["--received", "2025-01-06", "--acknowledged", "yesterday"], "--acknowledged must be"),
    ]:
        result = run(app, "sla", "deadlines", *args)
        assert result.exit_code != 0
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and message in lines[0], result.output


def test_closure_commands_say_how_many_complaints_moved(app):
    submit(received="2025-12-22 10:00")  # owes an acknowledgement across 29 December
    submit(received="2025-11-03 10:00", email="early@example.com")
    acknowledged_long_before = submit(received="2025-06-02 10:00", email="june@example.com")
    acknowledge(
        acknowledged_long_before.complaint, make_staff("complaints_officer"), on="2025-06-03 10:00"
    )

    result = run(app, "closure", "add", "2025-12-29", "--reason", "Office closed")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Added 2025-12-29; moved the deadlines of 1 open complaint."
    assert run(app, "closure", "add", "2025-12-29").exit_code != 0
    result = run(app, "closure", "remove", "2025-12-29")
    assert result.output.strip() == "Removed 2025-12-29; moved the deadlines of 1 open complaint."


def test_demo_load_is_idempotent(app):
    first = run(app, "demo", "load")
    assert first.exit_code == 0, first.output
    assert "officer@example.gov.uk" in first.output
    from sqlalchemy import func, select

    from shared.cases.models import Complaint
    from shared.db import db
    from shared.people.models import StaffUser

    counts = (
        db.session.scalar(select(func.count()).select_from(Complaint)),
        db.session.scalar(select(func.count()).select_from(StaffUser)),
    )
    assert run(app, "demo", "load").exit_code == 0
    assert counts == (
        db.session.scalar(select(func.count()).select_from(Complaint)),
        db.session.scalar(select(func.count()).select_from(StaffUser)),
    )
    assert counts[0] >= 4 and counts[1] == 5


def test_demo_load_prints_one_sign_in_per_role_that_works(app, client):
    import re

    from shared.people.models import StaffRole

    result = run(app, "demo", "load")
    assert result.exit_code == 0, result.output
    sign_ins = re.findall(r"^\s+(\S+@\S+)\s+(\w+)\s+password: (\S+)$", result.output, re.M)
    assert sorted(role for _email, role, _password in sign_ins) == sorted(StaffRole)
    for email, role, password in sign_ins:
        response = client.post(
            "/backoffice/sign-in",
            data={
                "csrf_token": client.page("/backoffice/sign-in").csrf_token(),
                "email": email,
                "password": password,
            },
        )
        assert response.status_code == 302, role
        home = "/backoffice/figures" if role == "report_viewer" else "/backoffice/"
        assert response.headers["Location"] == home, role
        client.post(
            "/backoffice/sign-out",
            data={"csrf_token": client.page(home).csrf_token()},
        )


def test_outbox_send_delivers_to_files(app, tmp_path):
    run(app, "demo", "load")
    result = run(app, "outbox", "send")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("sent ")
    assert list((tmp_path / "outbox").glob("*.eml"))
