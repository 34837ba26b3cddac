"""Importing complaints from another system's CSV export (issue 9).

Two passes. The first reads every row, checks it against the same rules and codes the pages
use (service areas, exclusion reasons, the Ombudsmen and their determinations, the limits of
an extension) and works out every deadline with the SLA engine, through the same
`refresh_deadlines` the moves call, stage by stage in the order the moves would make them.
Nothing is written unless every row passed. The second pass writes the records in bulk,
so a hundred thousand rows fit in a minute, in the caller's one unit of work. No notice is
queued: the residents heard about these complaints long ago.

Re-importing the same file changes nothing: a reference already on record is skipped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import TextIO

from sqlalchemy import func, select, text

from shared import clock
from shared.cases import rules
from shared.cases.audit import AuditEvent
from shared.cases.deadlines import refresh_deadlines
from shared.cases.exclusions import REASONS_BY_CODE, suggested_route
from shared.cases.models import (
    Complaint,
    ComplaintServiceArea,
    ComplaintStage,
    ComplaintStatus,
    Exclusion,
    ExclusionKind,
    Extension,
    ExtensionStatus,
    ReferenceCounter,
)
from shared.db import db
from shared.errors import DomainError
from shared.ombudsman.models import DETERMINATIONS, OmbudsmanCase
from shared.people.models import Person
from shared.reference.calendar import council_calendar
from shared.reference.models import ServiceArea
from shared.sla import WorkingDayCalendar, get_policy
from shared.validation import has_control_characters

S = ComplaintStatus

COLUMNS = (
    "reference",
    "received_on",
    "channel",
    "tenure",
    "service_areas",
    "stage1_acknowledged_on",
    "stage1_extension_working_days",
    "stage1_responded_on",
    "stage1_outcome",
    "stage2_requested_on",
    "stage2_acknowledged_on",
    "stage2_extension_working_days",
    "stage2_responded_on",
    "stage2_outcome",
    "excluded_on",
    "exclusion_reason",
    "ombudsman",
    "ombudsman_referred_on",
    "ombudsman_determined_on",
    "ombudsman_determination",
)
TENURES = ("tenant", "leaseholder", "other")
CHANNELS = ("online", "email", "phone", "letter", "in_person", "representative", "ombudsman")
OUTCOMES = ("upheld", "partially_upheld", "not_upheld", "withdrawn")
WITHDRAWN = "withdrawn"
MAX_REFERENCE = 20  # the width of complaints.reference
REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_.-]*")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
OUR_REFERENCE = re.compile(r"CMP-(\d{4})-(\d{6})")
CHUNK = 2_000

# What the records say where the old system kept no text: they are data, not page wording.
IMPORTED_NAME = "Not recorded (imported)"
IMPORTED_TEXT = "Imported from the council's previous complaints system."
IMPORTED_EXTENSION_REASON = "Extended in the council's previous complaints system."


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str
    problem: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.problem}"


@dataclass
class _Stage:
    """A stage as it stands once the moves it went through are made: duck-types
    ComplaintStage for `refresh_deadlines`."""

    number: int
    started_on: date
    acknowledged_on: date | None = None
    responded_on: date | None = None
    extension_working_days: int = 0
    outcome: str | None = None
    acknowledge_by: date | None = None
    respond_by: date | None = None
    latest_extended_respond_by: date | None = None
    unextended_respond_by: date | None = None


@dataclass
class _Draft:
    """A complaint being read: duck-types Complaint for `refresh_deadlines`."""

    line: int
    reference: str
    received_on: date
    channel: str
    tenure: str | None
    area_codes: list[str]
    sla_policy: str
    is_housing_landlord: bool
    touches_housing_landlord: bool
    status: str = S.RECEIVED
    current_stage: int = 1
    stages: list[_Stage] = field(default_factory=list)
    next_deadline: date | None = None
    closed_on: date | None = None
    exclusion: tuple[str, date] | None = None  # (reason, excluded_on)
    ombudsman: tuple[str, date, date | None, str | None] | None = None
    # (number, started_on, (acknowledged, extension, responded, outcome)) per stage.
    stage_columns: list = field(default_factory=list)

    @property
    def current(self) -> _Stage:
        return self.stages[self.current_stage - 1]


@dataclass
class ImportResult:
    read: int = 0
    imported: int = 0
    already_present: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _noon(day: date) -> datetime:
    """The instant an imported event is put at: midday in London, so its local date is the
    date in the file whatever the season."""
    return datetime.combine(day, time(12), tzinfo=clock.LONDON).astimezone(UTC)


class _Row:
    """One CSV row being checked: each problem is kept, and reading goes on."""

    def __init__(self, line: int, values: dict[str, str | None], problems: list[RowProblem]):
        self.line = line
        self.values = values
        self.problems = problems
        self.bad = False

    def problem(self, column: str, text: str) -> None:
        self.bad = True
        self.problems.append(RowProblem(self.line, column, text))

    def given(self, column: str) -> bool:
        return bool((self.values.get(column) or "").strip())

    def text(self, column: str) -> str | None:
        value = (self.values.get(column) or "").strip()
        if value and has_control_characters(value):
            self.problem(column, "contains control characters")
            return None
        return value or None

    def code(self, column: str, allowed: Iterable[str]) -> str | None:
        value = self.text(column)
        if value is not None and value not in allowed:
            self.problem(column, f"{value!r} is not one of: {', '.join(allowed)}")
            return None
        return value

    def day(self, column: str, today: date, *, not_before: date | None = None) -> date | None:
        value = self.text(column)
        if value is None:
            return None
        try:
            if not ISO_DATE.fullmatch(value):
                raise ValueError
            parsed = date.fromisoformat(value)
        except ValueError:
            self.problem(column, f"{value!r} is not a date as YYYY-MM-DD")
            return None
        if parsed > today:
            self.problem(column, f"{value} is in the future")
        elif not_before is not None and parsed < not_before:
            self.problem(column, f"{value} is before {not_before.isoformat()}")
        return parsed

    def working_days(self, column: str) -> int:
        value = self.text(column)
        if value is None:
            return 0
        if not value.isdigit():
            self.problem(column, f"{value!r} is not a whole number of working days")
            return 0
        try:
            return rules.extension_working_days(int(value), column) if int(value) else 0
        except DomainError as error:
            self.problem(column, str(error.message))
            return 0


def _read_stage(row: _Row, number: int, started_on: date, today: date):
    """Stage `number`'s columns: acknowledged, extended, answered (or withdrawn)."""
    prefix = f"stage{number}_"
    acknowledged = row.day(prefix + "acknowledged_on", today, not_before=started_on)
    extension = row.working_days(prefix + "extension_working_days")
    responded = row.day(prefix + "responded_on", today, not_before=acknowledged or started_on)
    outcome = row.code(prefix + "outcome", OUTCOMES)
    if extension and acknowledged is None:
        row.problem(prefix + "acknowledged_on", "is needed: only an acknowledged stage is extended")
    if row.given(prefix + "responded_on") and not row.given(prefix + "outcome"):
        row.problem(prefix + "outcome", f"is needed when {prefix}responded_on is given")
    if row.given(prefix + "outcome") and not row.given(prefix + "responded_on"):
        row.problem(
            prefix + "responded_on",
            f"is needed when {prefix}outcome is given (for withdrawn: the date withdrawn)",
        )
    if outcome not in (None, WITHDRAWN) and acknowledged is None:
        row.problem(
            prefix + "acknowledged_on",
            "is needed: a stage is acknowledged before it is answered",
        )
    return acknowledged, extension, responded, outcome


def _check_row(
    row: _Row, areas: dict[str, ServiceArea], today: date, seen: dict[str, int]
) -> _Draft | None:
    reference = row.text("reference")
    if reference is None:
        row.problem("reference", "is empty")
    elif len(reference) > MAX_REFERENCE or not REFERENCE.fullmatch(reference):
        row.problem(
            "reference",
            f"must be at most {MAX_REFERENCE} letters, digits and - / _ . characters",
        )
    elif reference in seen:
        row.problem("reference", f"{reference} is also on line {seen[reference]}")
    else:
        seen[reference] = row.line
    received = row.day("received_on", today)
    if not row.given("received_on"):
        row.problem("received_on", "is empty")
    channel = row.code("channel", CHANNELS)
    if not row.given("channel"):
        row.problem("channel", "is empty")
    tenure = row.code("tenure", TENURES)
    codes = list(dict.fromkeys(c.strip() for c in (row.text("service_areas") or "").split(";")))
    codes = [c for c in codes if c]
    if not codes:
        row.problem("service_areas", "is empty")
    for code in codes:
        if code not in areas:
            row.problem("service_areas", f"{code!r} is not a service area code")
    if received is None:
        received = today  # to go on checking the rest of the row

    ack1, ext1, resp1, outcome1 = _read_stage(row, 1, received, today)
    requested = row.day("stage2_requested_on", today, not_before=resp1 or received)
    stage_two_given = any(
        row.text(c)
        for c in (
            "stage2_acknowledged_on",
            "stage2_extension_working_days",
            "stage2_responded_on",
            "stage2_outcome",
        )
    )
    if stage_two_given and requested is None:
        row.problem("stage2_requested_on", "is needed when any other stage 2 column is given")
    if requested is not None and (resp1 is None or outcome1 in (None, WITHDRAWN)):
        row.problem("stage2_requested_on", "needs a stage 1 response first")
    stage_two = _read_stage(row, 2, requested, today) if requested is not None else None

    excluded_on = row.day("excluded_on", today, not_before=received)
    reason = row.code("exclusion_reason", REASONS_BY_CODE)
    if row.given("excluded_on") != row.given("exclusion_reason"):
        row.problem(
            "excluded_on" if row.given("exclusion_reason") else "exclusion_reason",
            "is needed: excluded_on and exclusion_reason go together",
        )
    if excluded_on is not None and (ack1 or resp1 or requested):
        row.problem(
            "excluded_on",
            "a complaint not accepted cannot also have been acknowledged or answered",
        )

    ombudsman = row.code("ombudsman", DETERMINATIONS)
    referred = row.day("ombudsman_referred_on", today, not_before=received)
    determined = row.day("ombudsman_determined_on", today, not_before=referred or received)
    determination = row.text("ombudsman_determination")
    if ombudsman is None and (referred or determined or determination):
        row.problem("ombudsman", "is needed when any other Ombudsman column is given")
    if ombudsman is not None and referred is None:
        row.problem("ombudsman_referred_on", "is needed when ombudsman is given")
    if row.given("ombudsman_determined_on") != row.given("ombudsman_determination"):
        row.problem(
            "ombudsman_determined_on"
            if row.given("ombudsman_determination")
            else "ombudsman_determination",
            "is needed: ombudsman_determined_on and ombudsman_determination go together",
        )
    if ombudsman is not None and determination and determination not in DETERMINATIONS[ombudsman]:
        row.problem(
            "ombudsman_determination",
            f"{determination!r} is not one of: {', '.join(DETERMINATIONS[ombudsman])}",
        )
    if row.bad:
        return None

    main = areas[codes[0]]
    draft = _Draft(
        line=row.line,
        reference=reference,
        received_on=received,
        channel=channel,
        tenure=tenure,
        area_codes=codes,
        sla_policy=main.sla_policy,
        is_housing_landlord=main.is_housing_landlord,
        touches_housing_landlord=any(areas[code].is_housing_landlord for code in codes),
    )
    if excluded_on is not None:
        draft.exclusion = (reason, excluded_on)
    if ombudsman is not None:
        draft.ombudsman = (ombudsman, referred, determined, determination)
    draft.stage_columns = [(1, received, (ack1, ext1, resp1, outcome1))]
    if stage_two is not None:
        draft.stage_columns.append((2, requested, stage_two))
    return draft


def _settle(draft: _Draft, status: str, calendar: WorkingDayCalendar) -> None:
    draft.status = status
    refresh_deadlines(draft, calendar)


def _make_moves(row: _Row, draft: _Draft, calendar: WorkingDayCalendar) -> None:
    """The deadlines each move would have stored, in the order the moves would be made."""
    received_status = {1: S.RECEIVED, 2: S.STAGE_2_REQUESTED}
    acknowledged_status = {1: S.ACKNOWLEDGED, 2: S.STAGE_2_ACKNOWLEDGED}
    try:
        for number, started_on, (
            acknowledged,
            extension,
            responded,
            outcome,
        ) in draft.stage_columns:
            stage = _Stage(number=number, started_on=started_on)
            draft.stages.append(stage)
            draft.current_stage = number
            _settle(draft, received_status[number], calendar)
            if acknowledged is not None:
                stage.acknowledged_on = acknowledged
                _settle(draft, acknowledged_status[number], calendar)
                stage.unextended_respond_by = stage.respond_by
                if extension:
                    stage.extension_working_days = extension
                    refresh_deadlines(draft, calendar)
            if outcome == WITHDRAWN:
                draft.closed_on = responded
                _settle(draft, S.WITHDRAWN, calendar)
            elif responded is not None:
                stage.responded_on = responded
                stage.outcome = outcome
                # History: an answered complaint is closed at once (the move's deadlines
                # stay as they were); the resident may still ask for a review.
                draft.closed_on = responded
                _settle(draft, S.CLOSED, calendar)
        if draft.exclusion is not None:
            reason, excluded_on = draft.exclusion
            draft.closed_on = excluded_on
            kind = S.SERVICE_REQUEST if reason == "service_request" else S.NOT_ACCEPTED
            _settle(draft, kind, calendar)
    except ValueError as error:
        row.problem("received_on", f"its deadlines cannot be worked out: {error}")


def read_rows(
    stream: TextIO,
    *,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[_Draft], list[RowProblem], int]:
    """Check every row; return the complaints to make, every problem found, and the number
    of rows read."""
    problems: list[RowProblem] = []
    reader = csv.DictReader(stream)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        if missing:
            problems.append(RowProblem(1, ", ".join(missing), "column missing from the header"))
        if unknown:
            problems.append(RowProblem(1, ", ".join(unknown), "not a column of this format"))
        return [], problems, 0
    reader.fieldnames = header

    def numbered() -> Iterator[tuple[int, dict]]:
        line = reader.line_num
        for values in reader:
            first_line, line = line + 1, reader.line_num
            yield first_line, values

    return check_records(numbered(), today=today, progress=progress)


def check_records(
    records: Iterable[tuple[int, dict]],
    *,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[_Draft], list[RowProblem], int]:
    """Check (line number, row) pairs with the format's columns, wherever they come from."""
    today = today or clock.today()
    problems: list[RowProblem] = []
    areas = {area.code: area for area in db.session.scalars(select(ServiceArea))}
    calendar = council_calendar()
    seen: dict[str, int] = {}
    drafts = []
    count = 0
    for line, values in records:
        count += 1
        row = _Row(line, values, problems)
        if None in values:  # more cells than the header has
            row.problem("(row)", "has more cells than the header")
        draft = _check_row(row, areas, today, seen)
        if draft is not None:
            _make_moves(row, draft, calendar)
            if not row.bad:
                drafts.append(draft)
        if progress is not None:
            progress(1)
    return drafts, problems, count


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _already_present(references: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(references, 900):  # under SQLite's limit on bound parameters
        found.update(
            db.session.scalars(select(Complaint.reference).where(Complaint.reference.in_(chunk)))
        )
    return found


def _new_ids(table, count: int) -> list[int]:
    """`count` new ids for `table`, taken before its rows are inserted in one batch (neither
    database hands back a batch's ids in order without inserting row by row)."""
    if db.session.get_bind().dialect.name == "postgresql":
        sequence = db.session.scalar(
            text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name}
        )
        return list(
            db.session.scalars(
                text("SELECT nextval(CAST(:sequence AS regclass)) FROM generate_series(1, :n)"),
                {"sequence": sequence, "n": count},
            )
        )
    # SQLite: after the highest, inside this one write transaction.
    first = (db.session.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(first, first + count))


def _insert(table, rows: list[dict], *, with_ids: bool = False) -> list[int]:
    """Insert the rows in one batch; `with_ids` gives them new ids and hands them back."""
    if not rows:
        return []
    ids: list[int] = []
    if with_ids:
        ids = _new_ids(table, len(rows))
        rows = [{**row, "id": id_} for row, id_ in zip(rows, ids, strict=True)]
    db.session.execute(table.insert(), rows)
    return ids


def _write(drafts: list[_Draft], source: str, now: datetime) -> None:
    complaints = Complaint.__table__
    for chunk in _chunks(drafts):
        person_ids = _insert(
            Person.__table__,
            [
                {
                    "name": IMPORTED_NAME,
                    "preferred_language": "en",
                    "contact_method": "email",
                    "contact_format": "standard",
                }
                for _ in chunk
            ],
            with_ids=True,
        )
        ids = _insert(
            complaints,
            [
                {
                    "reference": d.reference,
                    "status": str(d.status),
                    "current_stage": d.current_stage,
                    "version": 1,
                    "complainant_id": person_id,
                    "service_area_code": d.area_codes[0],
                    "sla_policy": d.sla_policy,
                    "is_housing_landlord": d.is_housing_landlord,
                    "touches_housing_landlord": d.touches_housing_landlord,
                    "channel": d.channel,
                    "tenure": d.tenure,
                    "description": IMPORTED_TEXT,
                    "outcome_sought": IMPORTED_TEXT,
                    "received_at": _noon(d.received_on),
                    "received_on": d.received_on,
                    "next_deadline": d.next_deadline,
                    "closed_at": _noon(d.closed_on) if d.closed_on else None,
                    "updated_at": now,
                }
                for d, person_id in zip(chunk, person_ids, strict=True)
            ],
            with_ids=True,
        )
        areas, stages, extensions, exclusions, cases, events = [], [], [], [], [], []
        for complaint_id, d in zip(ids, chunk, strict=True):
            areas += [
                {"complaint_id": complaint_id, "service_area_code": code, "position": i}
                for i, code in enumerate(d.area_codes)
            ]
            policy = get_policy(d.sla_policy)
            for s in d.stages:
                stages.append(
                    {
                        "complaint_id": complaint_id,
                        "number": s.number,
                        "started_on": s.started_on,
                        "acknowledge_by": s.acknowledge_by,
                        "acknowledged_on": s.acknowledged_on,
                        "respond_by": s.respond_by,
                        "latest_extended_respond_by": s.latest_extended_respond_by,
                        "extension_working_days": s.extension_working_days,
                        "responded_on": s.responded_on,
                        "outcome": s.outcome,
                    }
                )
                if s.extension_working_days:
                    cap = policy.stage(s.number).extension_cap_working_days
                    beyond = s.extension_working_days > cap
                    extensions.append(
                        {
                            "complaint_id": complaint_id,
                            "stage_number": s.number,
                            "working_days": s.extension_working_days,
                            "from_respond_by": s.unextended_respond_by,
                            "to_respond_by": s.respond_by,
                            "reason": IMPORTED_EXTENSION_REASON,
                            "beyond_cap": beyond,
                            "good_reason": IMPORTED_EXTENSION_REASON if beyond else None,
                            "status": str(ExtensionStatus.IN_FORCE),
                            "asked_at": _noon(s.acknowledged_on),
                            "decided_at": _noon(s.acknowledged_on),
                        }
                    )
            if d.exclusion is not None:
                reason, excluded_on = d.exclusion
                kind = (
                    ExclusionKind.SERVICE_REQUEST
                    if reason == "service_request"
                    else ExclusionKind.NOT_ACCEPTED
                )
                exclusions.append(
                    {
                        "complaint_id": complaint_id,
                        "kind": str(kind),
                        "reasons": [reason],
                        "explanation": IMPORTED_TEXT,
                        "alternative_route": str(suggested_route([reason])) or None,
                        "decided_at": _noon(excluded_on),
                    }
                )
            if d.ombudsman is not None:
                which, referred, determined, determination = d.ombudsman
                cases.append(
                    {
                        "complaint_id": complaint_id,
                        "ombudsman": which,
                        "enquiry_on": referred,
                        "determined_on": determined,
                        "determination": determination,
                        "opened_at": now,
                    }
                )
            events.append(
                {
                    "complaint_id": complaint_id,
                    "occurred_at": now,
                    "actor_kind": "system",
                    "action": "imported",
                    "from_status": None,
                    "to_status": str(d.status),
                    "details": {"source": source, "line": d.line},
                }
            )
        _insert(ComplaintServiceArea.__table__, areas)
        _insert(ComplaintStage.__table__, stages)
        _insert(Extension.__table__, extensions)
        _insert(Exclusion.__table__, exclusions)
        _insert(OmbudsmanCase.__table__, cases)
        _insert(AuditEvent.__table__, events)
    _keep_references_ahead(drafts)


def _keep_references_ahead(drafts: list[_Draft]) -> None:
    """An imported CMP-YYYY-NNNNNN takes its number: the year's counter moves past it, so a
    new complaint never gets a reference already used."""
    highest: dict[int, int] = {}
    for d in drafts:
        match = OUR_REFERENCE.fullmatch(d.reference)
        if match:
            year, number = int(match[1]), int(match[2])
            highest[year] = max(highest.get(year, 0), number)
    for year, number in highest.items():
        counter = db.session.get(ReferenceCounter, year)
        if counter is None:
            db.session.add(ReferenceCounter(year=year, last_value=number))
        elif counter.last_value < number:
            counter.last_value = number
    db.session.flush()


def import_complaints(
    stream: TextIO,
    *,
    source: str = "",
    dry_run: bool = False,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Check every row, then (unless a dry run, and only if every row passed) make the
    complaints not already on record. Flushes, never commits: the caller's unit of work
    keeps all of it or none."""
    checked = read_rows(stream, today=today, progress=progress)
    return _import(*checked, source=source, dry_run=dry_run)


def import_records(
    records: Iterable[dict], *, source: str = "", today: date | None = None
) -> ImportResult:
    """The same as `import_complaints`, for rows made in code (the demo data generator)."""
    numbered = ((line, values) for line, values in enumerate(records, start=2))
    return _import(*check_records(numbered, today=today), source=source, dry_run=False)


def _import(drafts, problems, count, *, source: str, dry_run: bool) -> ImportResult:
    result = ImportResult(read=count, problems=problems, dry_run=dry_run)
    if problems:
        return result
    present = _already_present([d.reference for d in drafts])
    new = [d for d in drafts if d.reference not in present]
    result.already_present = len(drafts) - len(new)
    result.imported = len(new)
    if not dry_run:
        _write(new, source, clock.now())
    return result
