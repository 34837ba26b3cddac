"""The `complaints letters` commands and `complaints sla remind`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from flask.cli import with_appcontext


@click.group("letters", help="Printed letters for residents who chose post.")
def letters_group():
    pass


@letters_group.command("print")
@click.option("--output", required=True, type=click.Path(file_okay=False), help="Folder for PDFs.")
@click.option("--limit", default=500, show_default=True, help="Most letters in this run.")
@with_appcontext
def letters_print(output, limit):
    """Write each waiting letter's PDF into OUTPUT and mark it sent."""
    from shared.notices.printing import print_letters

    result = print_letters(output, limit=limit)
    for path in result.printed:
        click.echo(str(path))
    click.echo(f"printed {len(result.printed)}, failed {result.failed}")
    if result.failed:
        sys.exit(1)


@letters_group.command("preview")
@click.option("--output", required=True, type=click.Path(file_okay=False), help="Folder for PDFs.")
@with_appcontext
def letters_preview(output):
    """Render every notice queued so far, email or letter, as the letter it would be, in
    its recipient's language and format, for review. Nothing is marked sent."""
    from sqlalchemy import select

    from shared.db import db
    from shared.notices.letters import letter_pdf
    from shared.notices.models import OutboxMessage
    from shared.notices.render import STAFF_SUBJECTS

    directory = Path(output)
    directory.mkdir(parents=True, exist_ok=True)
    messages = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.kind.not_in(list(STAFF_SUBJECTS)))
        .order_by(OutboxMessage.id)
    ).all()
    started = time.perf_counter()
    for message in messages:
        name = f"{message.id:08d}-{message.kind}-{message.language}-{message.format}.pdf"
        (directory / name).write_bytes(letter_pdf(message))
    took = time.perf_counter() - started
    each = took / len(messages) if messages else 0
    click.echo(
        f"rendered {len(messages)} letters into {directory} in {took:.1f} s ({each:.2f} s each)"
    )


@click.command("remind")
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=None,
    help="Working days ahead to look (default: SLA_REMIND_WORKING_DAYS, 3).",
)
@with_appcontext
def sla_remind(within):
    """Email each handler their deadlines due soon and their overdue complaints, once a
    day: a second run the same day, here or on another server, sends nothing more."""
    from shared.notices.outbox import send_due_messages
    from shared.notices.reminders import send_reminders

    result = send_reminders(within=within)
    sent = send_due_messages()
    click.echo(
        f"reminded {result.reminded} handlers, {result.already} already reminded today;"
        f" sent {sent.sent}"
    )
