"""The `complaints` command: every operational task, bound to the app."""

from __future__ import annotations

import json
import sys
from datetime import date

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy.exc import OperationalError, ProgrammingError

from shared.sla import DEFAULT_POLICY, WorkingDayCalendar, get_policy, stage_deadlines


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.UsageError(f"{option} must be a date as YYYY-MM-DD, not {value!r}") from None


def _calendar_for_cli() -> WorkingDayCalendar:
    """The council's calendar; bank holidays alone if the database is not set up yet."""
    from shared.db import db
    from shared.reference.calendar import council_calendar

    try:
        return council_calendar()
    except (OperationalError, ProgrammingError):
        db.session.rollback()
        return WorkingDayCalendar(nation=current_app.config["UK_NATION"])


@click.group("sla", help="The working-day deadlines engine.")
def sla_group():
    pass


@sla_group.command("deadlines")
@click.option(
    "--received",
    required=True,
    help="Receipt date (stage 1) or escalation request date (stage 2), YYYY-MM-DD.",
)
@click.option("--acknowledged", help="Acknowledgement date, YYYY-MM-DD.")
@click.option("--stage", type=click.Choice(["1", "2"]), default="1", show_default=True)
@click.option("--policy", "policy_name", default=DEFAULT_POLICY, show_default=True)
@with_appcontext
def sla_deadlines(received, acknowledged, stage, policy_name):
    """Print the deadlines for one stage as a JSON object."""
    try:
        received_on = _parse_date(received, "--received")
        acknowledged_on = _parse_date(acknowledged, "--acknowledged")
        policy = get_policy(policy_name)
        calendar = _calendar_for_cli()
        deadlines = stage_deadlines(policy, int(stage), calendar, received_on, acknowledged_on)
    except click.UsageError as error:
        click.echo(f"Error: {error.message}", err=True)
        sys.exit(2)
    except (ValueError, KeyError) as error:
        click.echo(f"Error: {error.args[0] if error.args else error}", err=True)
        sys.exit(2)
    click.echo(json.dumps({"policy": policy.name, "stage": int(stage), **deadlines.as_dict()}))


@click.group("demo", help="Demonstration data.")
def demo_group():
    pass


@demo_group.command("load")
@click.option(
    "--complaints",
    "generated",
    type=click.IntRange(min=0),
    default=0,
    help="Also make this many realistic complaints in bulk (reports, benchmarks).",
)
@with_appcontext
def demo_load(generated):
    """Load service areas, staff and sample complaints; safe to run again."""
    from shared.demo import load_demo_data

    if current_app.config["ENVIRONMENT"] != "development" and not current_app.testing:
        click.echo(
            "Error: demo data is for trials only; run with COMPLAINTS_ENV=development", err=True
        )
        sys.exit(2)
    logins = load_demo_data()
    if generated:
        from shared.importing.cli import generate_complaints

        generate_complaints(generated)
    click.echo("Demo data loaded. Back-office sign-ins (all at /backoffice/):")
    for email, role, password in logins:
        click.echo(f"  {email:<38} {role:<24} password: {password}")


@click.group("outbox", help="Deliver queued notices.")
def outbox_group():
    pass


def _log_outbox_outcomes() -> None:
    """One line per message to stderr, where cron or the service manager keeps it, unless
    the host process has set up logging already."""
    import logging

    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )


@outbox_group.command("send")
@click.option("--limit", default=500, show_default=True, help="Most messages to try in this run.")
@with_appcontext
def outbox_send(limit):
    """Deliver emails that are due, retrying failures with backoff. Letters stay queued."""
    from shared.notices.outbox import send_due_messages

    _log_outbox_outcomes()
    result = send_due_messages(limit=limit)
    click.echo(f"sent {result.sent}, failed {result.failed}, gave up {result.gave_up}")
    if result.failed or result.gave_up:
        sys.exit(1)


@outbox_group.command("retry")
@with_appcontext
def outbox_retry():
    """Queue again every message that failed for good; the next send tries them."""
    from shared.notices.outbox import requeue_failed

    _log_outbox_outcomes()
    click.echo(f"requeued {requeue_failed()}")


@click.group("closure", help="Days the council is closed, which are not working days.")
def closure_group():
    pass


def _complaints(count: int) -> str:
    return f"{count} open complaint" if count == 1 else f"{count} open complaints"


@closure_group.command("add")
@click.argument("day")
@click.option("--reason", default="", help="Why the council is closed.")
@with_appcontext
def closure_add(day, reason):
    from shared.cases import Actor, DomainError, add_closure_day
    from shared.db import unit_of_work

    try:
        with unit_of_work():
            count = add_closure_day(Actor.system(), _parse_date(day, "DAY"), reason)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from None
    click.echo(f"Added {day}; moved the deadlines of {_complaints(count)}.")


@closure_group.command("remove")
@click.argument("day")
@with_appcontext
def closure_remove(day):
    from shared.cases import Actor, DomainError, remove_closure_day
    from shared.db import unit_of_work

    try:
        with unit_of_work():
            count = remove_closure_day(Actor.system(), _parse_date(day, "DAY"))
    except DomainError as error:
        raise click.ClickException(str(error.message)) from None
    click.echo(f"Removed {day}; moved the deadlines of {_complaints(count)}.")


@click.group("staff", help="Staff accounts.")
def staff_group():
    pass


@staff_group.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role",
    required=True,
    type=click.Choice(
        [
            "complaints_officer",
            "investigating_officer",
            "reviewer",
            "complaints_manager",
            "report_viewer",
        ]
    ),
)
@click.password_option()
@with_appcontext
def staff_create(email, name, role, password):
    from shared.db import unit_of_work
    from shared.errors import DomainError
    from shared.people.staff import create_staff_user

    try:
        with unit_of_work():
            create_staff_user(email, name, role, password)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from None
    click.echo(f"Created {email} ({role}).")


@click.group("drafts", help="Complaints being written on the portal.")
def drafts_group():
    pass


@drafts_group.command("purge")
@with_appcontext
def drafts_purge():
    """Delete the answers of every complaint left unsent past its expiry."""
    from shared.db import unit_of_work
    from shared.drafts import purge_expired_drafts

    with unit_of_work():
        deleted = purge_expired_drafts()
    click.echo(f"Deleted {deleted} expired draft(s).")


def register_commands(app: Flask) -> None:
    from shared.importing.cli import import_csv
    from shared.notices.commands import letters_group, sla_remind
    from shared.reports.cli import report_group

    sla_group.add_command(sla_remind)
    for group in (
        sla_group,
        demo_group,
        outbox_group,
        closure_group,
        staff_group,
        letters_group,
        drafts_group,
    ):
        app.cli.add_command(group)
    app.cli.add_command(import_csv)
    app.cli.add_command(report_group)


def _create_app():
    from shared.web.app import create_app

    return create_app()


main = FlaskGroup(
    name="complaints",
    create_app=_create_app,
    add_version_option=False,
    load_dotenv=False,
    help="Operate the complaints platform: database, demo data, deadlines, outbox.",
)
