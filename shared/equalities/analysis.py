"""Equalities analysis: the monitoring answers counted against complaints, in SQL, for the
back office and the annual report (DOMAIN.md "Reporting"; issue 9 "Equalities analysis").

Only counts ever leave this module, never a row per person. Each question gives one table:
a row per answer, a column per stage and outcome the complaint has reached (its current
stage, and that stage's decision or "no decision yet"), with row, column and overall totals.

Small counts could identify someone, so every count under 5 (zero included) is shown as
"fewer than 5" (primary suppression), and so is any other count that would let a reader
work a suppressed one out by subtraction: wherever a row, a column or a line of totals would
have exactly one hidden count, the smallest other count in it is hidden too, again and again
until no line has exactly one (secondary suppression). Totals are the last to be hidden, so
the column totals, which every question's table shares, are hidden alike in all of them.
A hidden count is never passed on, not even to the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from shared.cases.models import Complaint, ComplaintStage, Outcome
from shared.db import db
from shared.equalities.models import EqualitiesResponse, EqualitiesResponseLink
from shared.equalities.questions import QUESTIONS, Question

THRESHOLD = 5
# How a hidden count is written in the report's JSON and CSV (pages show it translated).
SUPPRESSED = "fewer than 5"
NO_DECISION = "no_decision"
OUTCOMES = (Outcome.UPHELD.value, Outcome.PARTIALLY_UPHELD.value, Outcome.NOT_UPHELD.value)
# The columns of every table: (stage, outcome).
COLUMNS: tuple[tuple[int, str], ...] = tuple(
    (stage, outcome) for stage in (1, 2) for outcome in (*OUTCOMES, NO_DECISION)
)
NO_DECISION_LABEL = _l("No decision yet")


def column_key(column: tuple[int, str]) -> str:
    """The column's name in the report's JSON, e.g. "stage1_upheld"."""
    return f"stage{column[0]}_{column[1]}"


@dataclass(frozen=True)
class Count:
    """A count as it may be published: the number, or None when hidden ("fewer than 5")."""

    shown: int | None

    @property
    def suppressed(self) -> bool:
        return self.shown is None

    def for_report(self) -> int | str:
        return SUPPRESSED if self.shown is None else self.shown


@dataclass(frozen=True)
class Row:
    code: str
    label: object
    cells: tuple[Count, ...]
    total: Count


@dataclass(frozen=True)
class Table:
    question: Question
    rows: tuple[Row, ...]
    column_totals: tuple[Count, ...]
    total: Count


@dataclass(frozen=True)
class EqualitiesAnalysis:
    start: date
    end: date
    columns: tuple[tuple[int, str], ...]
    tables: tuple[Table, ...]
    responses: Count  # answers given for complaints received in the period


def suppress(grid: list[list[int]]) -> tuple[list[list[bool]], list[bool], list[bool], bool]:
    """Which counts to hide in a table of counts with its row, column and overall totals.

    Returns (hidden cells by row, hidden row totals, hidden column totals, overall hidden).
    """
    rows, columns = len(grid), len(grid[0]) if grid else 0
    value: dict[tuple, int] = {}
    # A position's level: cells are hidden first, then totals, the overall total last.
    level: dict[tuple, int] = {}
    for r in range(rows):
        for c in range(columns):
            value[("cell", r, c)] = grid[r][c]
            level[("cell", r, c)] = 0
        value[("row", r)] = sum(grid[r])
        level[("row", r)] = 1
    for c in range(columns):
        value[("column", c)] = sum(grid[r][c] for r in range(rows))
        level[("column", c)] = 1
    value[("all",)] = sum(value[("row", r)] for r in range(rows))
    level[("all",)] = 2
    # Each line: counts that add up to the line's total (the total is in the line).
    lines = [[("cell", r, c) for c in range(columns)] + [("row", r)] for r in range(rows)]
    lines += [[("cell", r, c) for r in range(rows)] + [("column", c)] for c in range(columns)]
    lines.append([("column", c) for c in range(columns)] + [("all",)])
    lines.append([("row", r) for r in range(rows)] + [("all",)])

    hidden = {position for position, count in value.items() if count < THRESHOLD}
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(position in hidden for position in line) != 1:
                continue
            shown = [position for position in line if position not in hidden]
            if not shown:
                continue
            order = {position: index for index, position in enumerate(line)}
            hidden.add(min(shown, key=lambda p: (level[p], value[p], order[p])))
            changed = True
    return (
        [[("cell", r, c) in hidden for c in range(columns)] for r in range(rows)],
        [("row", r) in hidden for r in range(rows)],
        [("column", c) in hidden for c in range(columns)],
        ("all",) in hidden,
    )


def _count(number: int, hidden: bool) -> Count:
    return Count(None if hidden else number)


def _counts_for(question: Question, start: date, end: date) -> list[list[int]]:
    """The answers to one question for complaints received from start to end inclusive,
    by the complaint's current stage and that stage's outcome, counted in SQL."""
    answer = getattr(EqualitiesResponse, question.code)
    stage = aliased(ComplaintStage)
    outcome = func.coalesce(stage.outcome, NO_DECISION)
    rows = db.session.execute(
        select(answer, Complaint.current_stage, outcome, func.count())
        .select_from(EqualitiesResponseLink)
        .join(EqualitiesResponse, EqualitiesResponse.id == EqualitiesResponseLink.response_id)
        .join(Complaint, Complaint.id == EqualitiesResponseLink.complaint_id)
        .outerjoin(
            stage,
            and_(stage.complaint_id == Complaint.id, stage.number == Complaint.current_stage),
        )
        .where(Complaint.received_on >= start, Complaint.received_on <= end)
        .group_by(answer, Complaint.current_stage, outcome)
    )
    codes = {code: index for index, code in enumerate(question.codes)}
    columns = {column: index for index, column in enumerate(COLUMNS)}
    grid = [[0] * len(COLUMNS) for _code in question.codes]
    for code, stage_number, stage_outcome, count in rows:
        if code not in codes:
            continue  # an answer no longer asked: not counted rather than guessed
        # Any other outcome (a withdrawal recorded as one, say) is not a decision.
        column = (stage_number, stage_outcome if stage_outcome in OUTCOMES else NO_DECISION)
        grid[codes[code]][columns.get(column, columns[(2, NO_DECISION)])] += count
    return grid


def _table(question: Question, grid: list[list[int]]) -> Table:
    cells, row_totals, column_totals, overall = suppress(grid)
    return Table(
        question=question,
        rows=tuple(
            Row(
                code=code,
                label=label,
                cells=tuple(_count(n, h) for n, h in zip(grid[r], cells[r], strict=True)),
                total=_count(sum(grid[r]), row_totals[r]),
            )
            for r, (code, label) in enumerate(question.answers)
        ),
        column_totals=tuple(
            _count(sum(row[c] for row in grid), column_totals[c]) for c in range(len(COLUMNS))
        ),
        total=_count(sum(map(sum, grid)), overall),
    )


def equalities_analysis(start: date, end: date) -> EqualitiesAnalysis:
    """Every question's table for complaints received from ``start`` to ``end`` inclusive,
    with small counts hidden. Reads only; no permission check (the pages check theirs)."""
    tables = tuple(_table(question, _counts_for(question, start, end)) for question in QUESTIONS)
    return EqualitiesAnalysis(
        start=start, end=end, columns=COLUMNS, tables=tables, responses=tables[0].total
    )


def equalities_report(start: date, end: date) -> dict:
    """The annual report's ``equalities`` section, JSON-ready: hidden counts are the string
    "fewer than 5". Complaints received from ``start`` to ``end`` inclusive.

    {"counting": "...", "responses": 12 | "fewer than 5",
     "columns": ["stage1_upheld", ..., "stage2_no_decision"],
     "questions": {"age_band": {"categories": {"25_to_34": {"total": 7, "stage1_upheld": ...}},
                                "totals": {"total": 12, "stage1_upheld": ...}}, ...}}
    """
    analysis = equalities_analysis(start, end)
    keys = [column_key(column) for column in analysis.columns]

    def line(total: Count, cells) -> dict:
        return {"total": total.for_report()} | {
            key: cell.for_report() for key, cell in zip(keys, cells, strict=True)
        }

    return {
        "counting": (
            "Answers to the optional equalities questions for complaints received in the "
            "period, by the stage each complaint has reached and that stage's outcome. "
            "Counts under 5, and any count that would reveal one, are shown as "
            f'"{SUPPRESSED}".'
        ),
        "responses": analysis.responses.for_report(),
        "columns": keys,
        "questions": {
            table.question.code: {
                "categories": {row.code: line(row.total, row.cells) for row in table.rows},
                "totals": line(table.total, table.column_totals),
            }
            for table in analysis.tables
        },
    }
