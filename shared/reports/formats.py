"""The annual report as tables with labels in the reader's language, and as CSV, HTML and
PDF. The JSON is `annual_report`'s dictionary itself."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date

from flask import render_template
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from shared.cases.exclusions import reason_label
from shared.cases.wording import outcome_label, status_label
from shared.db import db
from shared.ombudsman.wording import determination_label
from shared.reference.models import ServiceArea
from shared.reports.charts import bar_chart


@dataclass
class Table:
    id: str
    caption: str
    columns: list[str]
    rows: list[tuple[str, list]] = field(default_factory=list)
    chart: object | None = None


def _area_names() -> dict[str, str]:
    return {a.code: a.display_name for a in db.session.scalars(select(ServiceArea))}


def _chart(table: Table, description: str, column: int = 0) -> None:
    rows = [(label, values[column]) for label, values in table.rows]
    table.chart = bar_chart(f"{table.id}-chart", table.caption, description, rows)


def _figure(value) -> str:
    """A measure to one decimal place, in the reader's way of writing numbers."""
    return _("Not available") if value is None else format_decimal(value, format="#,##0.0")


def tables(report: dict) -> list[Table]:
    """Each section of the report as a captioned table; the main ones with a chart too."""
    stage1, stage2 = _("Stage 1"), _("Stage 2")
    opened = Table("opened", _("Complaints opened"), [_("Complaints")])
    opened.rows = [
        (stage1, [report["opened"]["stage1"]]),
        (stage2, [report["opened"]["stage2"]]),
        (_("Referred to an Ombudsman"), [report["opened"]["ombudsman"]]),
    ]
    _chart(opened, _("Complaints opened at each stage in the period; the table gives the figures."))

    names = _area_names()
    areas = Table(
        "by-service-area", _("Complaints opened at stage 1 by service area"), [_("Complaints")]
    )
    areas.rows = [(names.get(code, code), [n]) for code, n in report["by_service_area"].items()]
    _chart(
        areas,
        _(
            "Complaints opened at stage 1 under each service area they touch; the table gives "
            "the figures."
        ),
    )

    outcomes = Table("outcomes", _("Outcomes"), [stage1, stage2])
    for code in report["outcomes"]["stage1"]:
        label = status_label("withdrawn") if code == "withdrawn" else outcome_label(code)
        outcomes.rows.append(
            (label, [report["outcomes"]["stage1"][code], report["outcomes"]["stage2"][code]])
        )

    timeliness = Table(
        "timeliness",
        _("Responses within timescale"),
        [_("Responses"), _("Within timescale"), _("Per cent within timescale")],
    )
    for label, key in ((stage1, "stage1"), (stage2, "stage2")):
        figures = report["timeliness"][key]
        share = (
            round(100 * figures["within_timescale"] / figures["responded"], 1)
            if figures["responded"]
            else None
        )
        timeliness.rows.append(
            (label, [figures["responded"], figures["within_timescale"], _figure(share)])
        )
    _chart(
        timeliness,
        _(
            "Responses within timescale at each stage, of the responses issued in the period; "
            "the table gives the figures."
        ),
        1,
    )

    refused = Table("refused", _("Complaints not accepted, by reason"), [_("Complaints")])
    refused.rows = [(reason_label(code), [n]) for code, n in report["refused"]["by_reason"].items()]
    refused.rows.append((_("Total not accepted"), [report["refused"]["total"]]))

    tsm = Table("tsm", _("Tenant Satisfaction Measures"), [_("Figure")])
    measures = report["tsm"]
    labels = {
        "CH01_stage1_per_1000_homes": _("CH01 (1): stage 1 complaints per 1,000 homes"),
        "CH01_stage2_per_1000_homes": _("CH01 (2): stage 2 complaints per 1,000 homes"),
        "CH02_stage1_percent": _("CH02 (1): stage 1 responses within timescale (%)"),
        "CH02_stage2_percent": _("CH02 (2): stage 2 responses within timescale (%)"),
    }
    tsm.rows = [(label, [_figure(measures[key])]) for key, label in labels.items()]

    ombudsman = Table("ombudsman", _("Ombudsman determinations"), [_("Complaints")])
    ombudsman.rows = [
        (determination_label(code), [n])
        for code, n in report["ombudsman"]["determinations"].items()
    ]
    return [opened, areas, outcomes, timeliness, refused, tsm, ombudsman]


def _flatten(prefix: str, value, rows: list) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, rows)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            _flatten(f"{prefix}.{i + 1}", inner, rows)
    else:
        rows.append((prefix, "" if value is None else value))


def as_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def as_csv(report: dict) -> str:
    """One figure a line, named by its path in the JSON (opened.stage1, tsm.CH02_...)."""
    rows: list = []
    _flatten("", report, rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["measure", "value"])
    for name, value in rows:
        text = str(value)
        # A cell a spreadsheet would run as a formula is written as text.
        writer.writerow(
            [name, "'" + text if text[:1] and text[0] in "=+-@" and not _number(text) else text]
        )
    return out.getvalue()


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def template_values(report: dict) -> dict:
    """What the report's templates need besides the figures."""
    return {
        "report": report,
        "tables": tables(report),
        "period_start": date.fromisoformat(report["period"]["from"]),
        "period_end": date.fromisoformat(report["period"]["to"]),
        "language": str(get_locale() or "en"),
    }


def as_html(report: dict) -> str:
    """The report as one standalone page, as printed and published."""
    return render_template("reports/annual_document.html", **template_values(report))


def as_pdf(report: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=as_html(report)).write_pdf()


def render(report: dict, format: str):
    """The report in `format`: text for json, csv and html, bytes for pdf."""
    return {"json": as_json, "csv": as_csv, "html": as_html, "pdf": as_pdf}[format](report)
