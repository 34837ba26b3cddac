"""`complaints import-csv FILE [--dry-run]`: the importer at the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext


def _progress_bar():
    """A progress bar on a terminal; nothing when the output goes to a file or a pipe."""
    from rich.progress import Progress

    return Progress(disable=not sys.stdout.isatty(), transient=True)


def generate_complaints(count: int) -> None:
    """`complaints demo load --complaints N`: realistic complaints in bulk."""
    import time

    from shared.importing.synthetic import load_synthetic_complaints

    started = time.perf_counter()
    with _progress_bar() as bar:
        task = bar.add_task("Making complaints", total=count)
        added = load_synthetic_complaints(count, progress=lambda n: bar.advance(task, n))
    seconds = time.perf_counter() - started
    click.echo(f"Made {added} complaints ({count - added} already there) in {seconds:.0f} s.")


@click.command("import-csv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row and report; write nothing.")
@with_appcontext
def import_csv(file: Path, dry_run: bool):
    """Import complaints from another system's CSV export (format: README, "Importing")."""
    from shared.db import unit_of_work
    from shared.errors import CaseChanged
    from shared.importing import import_complaints
    from shared.reference.service_areas import ensure_service_areas

    try:
        with file.open(encoding="utf-8-sig", newline="") as counting:
            total = max(sum(1 for _ in counting) - 1, 0)
    except UnicodeDecodeError as error:
        click.echo(f"Error: the file is not UTF-8 text ({error.reason})", err=True)
        sys.exit(2)
    with _progress_bar() as bar, file.open(encoding="utf-8-sig", newline="") as stream:
        task = bar.add_task("Checking rows", total=total)
        try:
            with unit_of_work():
                ensure_service_areas()  # the codes the format names, if not set up yet
                result = import_complaints(
                    stream,
                    source=file.name,
                    dry_run=dry_run,
                    progress=lambda n: bar.advance(task, n),
                )
                if result.problems or dry_run:
                    raise _NothingToKeep()
        except _NothingToKeep:
            pass
        except CaseChanged:
            click.echo(
                "Error: complaints were added at the same time (another import?); nothing "
                "was imported. Run it again: those already there will be skipped.",
                err=True,
            )
            sys.exit(1)
        except UnicodeDecodeError as error:
            click.echo(f"Error: the file is not UTF-8 text ({error.reason})", err=True)
            sys.exit(2)
    if result.problems:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        click.echo(
            f"Nothing imported: {len(result.problems)} problem(s) in {result.read} rows read.",
            err=True,
        )
        sys.exit(1)
    verb = "would be imported" if dry_run else "imported"
    click.echo(f"Rows read: {result.read}")
    click.echo(f"Complaints {verb}: {result.imported}")
    click.echo(f"Already present (skipped): {result.already_present}")
    if dry_run:
        click.echo("Dry run: nothing was written.")


class _NothingToKeep(Exception):
    """Leave the unit of work without committing (a dry run, or a file with problems)."""
