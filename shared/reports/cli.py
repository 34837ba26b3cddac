"""`complaints report annual ...`: the published reports at the command line."""

from __future__ import annotations

import sys
from datetime import date

import click
from flask.cli import with_appcontext


def _date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.UsageError(f"{option} must be a date as YYYY-MM-DD, not {value!r}") from None


@click.group("report", help="The reports the council publishes, counted from the record.")
def report_group():
    pass


@report_group.command("annual")
@click.option("--from", "start", required=True, help="First day of the period, YYYY-MM-DD.")
@click.option("--to", "end", required=True, help="Last day of the period, YYYY-MM-DD.")
@click.option(
    "--scope", type=click.Choice(["housing", "all"]), default="housing", show_default=True
)
@click.option("--homes", type=click.IntRange(min=1), help="Number of homes, for the TSM CH01.")
@click.option(
    "--format", "format_", type=click.Choice(["json", "csv", "html", "pdf"]), default="json"
)
@click.option("--output", type=click.Path(dir_okay=False), help="Write to this file.")
@with_appcontext
def annual(start, end, scope, homes, format_, output):
    """The annual complaints performance and service improvement report (Code 8.1)."""
    from shared.reports import annual_report
    from shared.reports.formats import render

    first, last = _date(start, "--from"), _date(end, "--to")
    if last < first:
        raise click.UsageError("--to must be on or after --from")
    content = render(annual_report(first, last, scope=scope, homes=homes), format_)
    if output:
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(output, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as file:
            file.write(content)
        click.echo(f"Wrote {output}", err=True)
    elif isinstance(content, bytes):
        sys.stdout.buffer.write(content)
    else:
        click.echo(content, nl=False)
