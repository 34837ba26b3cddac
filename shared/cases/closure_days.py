"""Closure days change what a working day is, so the deadlines still owed that count across
the day move with it, and removing the day moves them back.

Which deadlines can move. A deadline is the n-th working day strictly after its event (the
event day is day 0, DOMAIN.md "Timescales"), so closing a day D, or opening it again, moves
it only when D is a weekday other than a bank holiday and ``event < D <= deadline``, the
deadline being the one stored while D had its old status: a closure day on or before the
event shifts every count alike, and one after the deadline is never counted. A stage's
deadlines all count from its start or from its acknowledgement, which is never earlier,
and the latest is ``latest_extended_respond_by``; so only the stages still owed of open
complaints with ``started_on < D <= latest_extended_respond_by`` are read. Deadlines already
met stay as they were, as in `refresh_deadlines`. A council keeps every complaint it ever
had; a day touches the few weeks of open cases around it, whatever the archive's size.

How. Columns only, no ORM objects; one `StageDeadlineComputer` per policy and stage; only
the rows whose stored values change are updated, by primary key, with
``complaints.next_deadline`` where it changes. PostgreSQL takes each batch of rows as
arrays in one statement per table, about three times cheaper per row than an executemany;
SQLite (tests, trials) takes an executemany.

Transactions. One transaction, which the caller commits like any move: the closure day, the
new calendar stamp, the audit event and every moved deadline become visible together, so no
one ever reads a committed closure day next to deadlines counted without it. It stays short
because the slow part holds no complaint lock:

1. the closure day and the calendar stamp are written first. The stamp row stays locked to
   the commit, so a second closure change waits, and then counts with both days;
2. the candidate stages are read and counted without locks, to learn which complaints move;
3. only those complaints are locked, in id order, a thousand at a time, with the lock a move
   takes first (`shared.cases.moves.lock`), and their changed rows written, each only if it
   still holds the values it was counted from. A move that changed one in between (it
   committed before the lock was granted) makes the batch be read and counted again; no
   move can change it after that until the commit.

Complaint rows are locked from step 3 to the caller's commit, and only those that change; a
day that moves nothing locks no complaint. Committing batch by batch would make the locks
shorter still, but would show a committed closure day next to deadlines counted without it
until the last batch.

What this cannot see is a move that read the calendar before this change committed and
stores its deadlines after: it counts without the change. Only the moves can close that,
by reading the calendar stamp under a shared lock, which step 1 then waits for.

A calendar change is not a change to the case: ``version`` is left alone, so a page opened
before it can still be acted on. ``updated_at`` moves with ``next_deadline``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, bindparam, inspect, or_, select, text, update

from shared import clock
from shared.cases.actors import Actor
from shared.cases.audit import AuditEvent
from shared.cases.deadlines import AWAITING_ACKNOWLEDGEMENT, AWAITING_RESPONSE
from shared.cases.models import Complaint, ComplaintStage
from shared.cases.state_machine import OPEN_STATUSES
from shared.db import UTCDateTime, db, is_postgres, utcnow
from shared.errors import CaseChanged, InvalidInput, NotPermitted
from shared.people.permissions import Permission, allows
from shared.reference.calendar import bump_calendar_stamp, council_calendar
from shared.reference.models import ClosureDay
from shared.sla import StageDeadlineComputer, WorkingDayCalendar, get_policy
from shared.validation import optional_text, too_long_message

MAX_REASON = 200
# Complaints locked and written per statement; also keeps each IN list well inside SQLite's
# limit on bound parameters.
LOCK_BATCH = 1000

_STAGES = ComplaintStage.__table__
_COMPLAINTS = Complaint.__table__


def _check_may_manage_calendar(actor: Actor) -> None:
    if actor.kind == "system":
        return
    if actor.kind == "staff" and allows(actor.role, Permission.MANAGE_CLOSURE_DAYS):
        return
    raise NotPermitted(_l("Only a complaints manager can change the council's closure days."))


def check_reason(reason: str | None) -> str:
    return (
        optional_text(
            reason,
            "reason",
            limit=MAX_REASON,
            too_long=too_long_message(_l("The reason"), MAX_REASON),
        )
        or ""
    )


def upcoming_closure_days(today: date) -> list[ClosureDay]:
    return list(
        db.session.scalars(
            select(ClosureDay).where(ClosureDay.day >= today).order_by(ClosureDay.day)
        )
    )


def add_closure_day(actor: Actor, day: date, reason: str = "") -> int:
    """Add a closure day and move the deadlines still owed that count across it.

    Returns how many complaints had a stored deadline changed (not how many were looked
    at). Flushes; the caller commits.
    """
    _check_may_manage_calendar(actor)
    reason = check_reason(reason)
    calendar = council_calendar()
    if not calendar.first_year <= day.year <= calendar.last_year:
        # Outside the years the calendar counts, the day would break every deadline.
        message = _l(
            "The date must be in a year from %(first)s to %(last)s.",
            first=calendar.first_year,
            last=calendar.last_year,
        )
        raise InvalidInput(message, {"day": str(message)})
    if db.session.get(ClosureDay, day) is not None:
        message = _l("%(day)s is already a closure day.", day=day.isoformat())
        raise InvalidInput(message, {"day": str(message)})
    db.session.add(ClosureDay(day=day, reason=reason))
    return _calendar_changed(actor, "closure_day_added", day, reason)


def remove_closure_day(actor: Actor, day: date) -> int:
    """Remove a closure day and move back the deadlines still owed that counted across it.

    Returns how many complaints had a stored deadline changed. Flushes; the caller commits.
    """
    _check_may_manage_calendar(actor)
    closure = db.session.get(ClosureDay, day)
    if closure is None:
        message = _l("%(day)s is not a closure day.", day=day.isoformat())
        raise InvalidInput(message, {"day": str(message)})
    db.session.delete(closure)
    return _calendar_changed(actor, "closure_day_removed", day, closure.reason)


def _calendar_changed(actor: Actor, action: str, day: date, reason: str) -> int:
    """After a closure day is added or removed: a new calendar stamp, the deadlines moved,
    one audit event. Returns how many complaints changed."""
    bump_calendar_stamp()
    db.session.flush()
    changed = _move_deadlines_across(day)
    _audit(actor, action, {"day": day.isoformat(), "reason": reason, "complaints_changed": changed})
    db.session.flush()
    return changed


# A stage row to change: the values it was counted from, then the new deadlines.
StageChange = tuple[int, date | None, date | None, date, date, date, date, date, date]
# A complaint row to change: id, version (every move raises it), old and new next deadline.
ComplaintChange = tuple[int, int, date | None, date | None]


@dataclass
class _Changes:
    """The rows to change, by complaint."""

    stages: dict[int, list[StageChange]] = field(default_factory=dict)
    complaints: dict[int, ComplaintChange] = field(default_factory=dict)

    def complaint_ids(self) -> list[int]:
        return sorted(self.stages.keys() | self.complaints.keys())

    def stage_rows(self, complaint_ids: Iterable[int]) -> list[StageChange]:
        return [row for i in complaint_ids for row in self.stages.get(i, ())]

    def complaint_rows(self, complaint_ids: Iterable[int]) -> list[ComplaintChange]:
        return [self.complaints[i] for i in complaint_ids if i in self.complaints]


def _move_deadlines_across(day: date) -> int:
    """Recount the owed deadlines that can count across ``day``; the calendar in the session
    already has the change. Returns how many complaints changed."""
    calendar = council_calendar()
    if day.weekday() >= 5 or day in calendar.holidays_in(day.year):
        return 0  # not a working day either way, so no count changes
    changes = _changes(db.session.execute(owed_stages(day)).all(), calendar)
    changed = changes.complaint_ids()
    writer = _ArrayWriter(utcnow()) if is_postgres() else _RowWriter(utcnow())
    # Every batch's parameters are made before the first lock, so that from then on the
    # locks wait for nothing but the database.
    batches = [
        writer.prepare(changes, changed[start : start + LOCK_BATCH])
        for start in range(0, len(changed), LOCK_BATCH)
    ]
    for batch in batches:
        if writer.write(batch):
            continue
        # A move changed one of these after the first read and before the lock: count the
        # batch again from what is stored now, which no one can change until the commit.
        rows = db.session.execute(owed_stages(day, batch.complaint_ids)).all()
        fresh = _changes(rows, calendar)
        if not writer.write(writer.prepare(fresh, batch.complaint_ids)):
            raise CaseChanged()
        changes.stages.update(fresh.stages)
    _expire_loaded({row[0] for each in changes.stages.values() for row in each}, set(changed))
    return len(changed)


def owed_stages(day: date, complaint_ids: Sequence[int] | None = None) -> Select:
    """The stages still owed of open complaints whose deadline window can include ``day``,
    with what counting them needs; only those can move when ``day`` opens or closes."""
    s, c = _STAGES.c, _COMPLAINTS.c
    query = (
        select(
            s.id,
            s.complaint_id,
            s.number,
            s.started_on,
            s.acknowledged_on,
            s.responded_on,
            s.acknowledge_by,
            s.respond_by,
            s.latest_extended_respond_by,
            s.extension_working_days,
            c.sla_policy,
            c.status,
            c.current_stage,
            c.version,
            c.next_deadline,
        )
        .select_from(_STAGES.join(_COMPLAINTS, c.id == s.complaint_id))
        .where(
            c.status.in_([str(status) for status in OPEN_STATUSES]),
            or_(s.acknowledged_on.is_(None), s.responded_on.is_(None)),
            s.started_on < day,
            # An extension beyond the cap can run past latest_extended_respond_by.
            or_(s.latest_extended_respond_by >= day, s.respond_by >= day),
        )
    )
    if complaint_ids is not None:
        query = query.where(c.id.in_(complaint_ids))
    return query


def _changes(rows: Iterable, calendar: WorkingDayCalendar) -> _Changes:
    """Count each stage's deadlines on ``calendar`` and keep those that differ from storage."""
    computers: dict[tuple[str, int], StageDeadlineComputer] = {}
    changes = _Changes()
    for (
        stage_id,
        complaint_id,
        number,
        started_on,
        acknowledged_on,
        responded_on,
        acknowledge_by,
        respond_by,
        latest_extended_respond_by,
        extension_working_days,
        sla_policy,
        status,
        current_stage,
        version,
        next_deadline,
    ) in rows:
        compute = computers.get((sla_policy, number))
        if compute is None:
            compute = StageDeadlineComputer(get_policy(sla_policy), number, calendar)
            computers[(sla_policy, number)] = compute
        counted = compute(started_on, acknowledged_on)
        # As in refresh_deadlines: a deadline already met keeps the date it had.
        new_acknowledge_by = counted.acknowledge_by if acknowledged_on is None else acknowledge_by
        if responded_on is None:
            new_respond_by = counted.respond_by
            if extension_working_days:
                new_respond_by = calendar.add_working_days(new_respond_by, extension_working_days)
            new_latest = counted.latest_extended_respond_by
        else:
            new_respond_by, new_latest = respond_by, latest_extended_respond_by
        if (new_acknowledge_by, new_respond_by, new_latest) != (
            acknowledge_by,
            respond_by,
            latest_extended_respond_by,
        ):
            changes.stages.setdefault(complaint_id, []).append(
                (
                    stage_id,
                    acknowledged_on,
                    responded_on,
                    acknowledge_by,
                    respond_by,
                    latest_extended_respond_by,
                    new_acknowledge_by,
                    new_respond_by,
                    new_latest,
                )
            )
        if number == current_stage:
            new_next = _next_deadline(status, new_acknowledge_by, new_respond_by)
            if new_next != next_deadline:
                changes.complaints[complaint_id] = (complaint_id, version, next_deadline, new_next)
    return changes


def _next_deadline(status: str, acknowledge_by: date, respond_by: date) -> date | None:
    """`shared.cases.deadlines.next_deadline` for the current stage's columns."""
    if status in AWAITING_ACKNOWLEDGEMENT:
        return acknowledge_by
    if status in AWAITING_RESPONSE:
        return respond_by
    return None


@dataclass
class _Batch:
    """Up to LOCK_BATCH complaints and the parameters that change their rows."""

    complaint_ids: list[int]
    complaint_count: int
    stage_count: int
    complaint_parameters: dict | list[dict]
    stage_parameters: dict | list[dict]


# Both writers lock the batch's complaints, then update each row only if it still holds the
# values it was counted from; `write` is False when any row did not. The complaints go
# first, in the order a move takes its locks.


class _ArrayWriter:
    """PostgreSQL: one statement per table and batch, each column sent as one array."""

    LOCK = text(
        "SELECT id FROM complaints WHERE id = ANY(CAST(:ids AS integer[])) ORDER BY id FOR UPDATE"
    )
    UPDATE_COMPLAINTS = text(
        """
        UPDATE complaints AS c
        SET next_deadline = v.next_deadline, updated_at = :updated_at
        FROM unnest(
            CAST(:id AS integer[]), CAST(:version AS integer[]),
            CAST(:old_next_deadline AS date[]), CAST(:next_deadline AS date[])
        ) AS v(id, version, old_next_deadline, next_deadline)
        WHERE c.id = v.id
          AND c.version = v.version
          AND c.next_deadline IS NOT DISTINCT FROM v.old_next_deadline
        """
    ).bindparams(bindparam("updated_at", type_=UTCDateTime))
    UPDATE_STAGES = text(
        """
        UPDATE complaint_stages AS s
        SET acknowledge_by = v.acknowledge_by,
            respond_by = v.respond_by,
            latest_extended_respond_by = v.latest_extended_respond_by
        FROM unnest(
            CAST(:id AS integer[]), CAST(:acknowledged_on AS date[]),
            CAST(:responded_on AS date[]), CAST(:old_acknowledge_by AS date[]),
            CAST(:old_respond_by AS date[]), CAST(:old_latest_extended_respond_by AS date[]),
            CAST(:acknowledge_by AS date[]), CAST(:respond_by AS date[]),
            CAST(:latest_extended_respond_by AS date[])
        ) AS v(id, acknowledged_on, responded_on, old_acknowledge_by, old_respond_by,
               old_latest_extended_respond_by, acknowledge_by, respond_by,
               latest_extended_respond_by)
        WHERE s.id = v.id
          AND s.acknowledged_on IS NOT DISTINCT FROM v.acknowledged_on
          AND s.responded_on IS NOT DISTINCT FROM v.responded_on
          AND s.acknowledge_by = v.old_acknowledge_by
          AND s.respond_by = v.old_respond_by
          AND s.latest_extended_respond_by = v.old_latest_extended_respond_by
        """
    )
    COMPLAINT_FIELDS = ("id", "version", "old_next_deadline", "next_deadline")
    STAGE_FIELDS = (
        "id",
        "acknowledged_on",
        "responded_on",
        "old_acknowledge_by",
        "old_respond_by",
        "old_latest_extended_respond_by",
        "acknowledge_by",
        "respond_by",
        "latest_extended_respond_by",
    )

    def __init__(self, updated_at: datetime):
        self.updated_at = updated_at

    def prepare(self, changes: _Changes, complaint_ids: list[int]) -> _Batch:
        complaint_rows = changes.complaint_rows(complaint_ids)
        stage_rows = changes.stage_rows(complaint_ids)
        return _Batch(
            complaint_ids,
            len(complaint_rows),
            len(stage_rows),
            {**_arrays(self.COMPLAINT_FIELDS, complaint_rows), "updated_at": self.updated_at},
            _arrays(self.STAGE_FIELDS, stage_rows),
        )

    def write(self, batch: _Batch) -> bool:
        db.session.execute(self.LOCK, {"ids": _array(tuple(batch.complaint_ids))}).all()
        written = True
        if batch.complaint_count:
            result = db.session.execute(self.UPDATE_COMPLAINTS, batch.complaint_parameters)
            written = result.rowcount == batch.complaint_count
        if batch.stage_count:
            result = db.session.execute(self.UPDATE_STAGES, batch.stage_parameters)
            written = result.rowcount == batch.stage_count and written
        return written


def _arrays(fields: tuple[str, ...], rows: list[tuple]) -> dict[str, str]:
    return dict(zip(fields, map(_array, zip(*rows, strict=True)), strict=True)) if rows else {}


def _array(values: tuple[int | date | None, ...]) -> str:
    """A PostgreSQL array literal of whole numbers, dates and NULLs.

    psycopg turns a list into an array one element at a time in Python, which took longer
    than the updates themselves; numbers and ISO dates never need quoting, so they are
    simply joined.
    """
    if None in values:
        return "{" + ",".join("NULL" if value is None else str(value) for value in values) + "}"
    return "{" + ",".join(map(str, values)) + "}"


class _RowWriter:
    """SQLite (tests, trials): an executemany per table. SQLite has no row locks; the whole
    database has been locked for writing since the closure day was flushed."""

    COMPLAINT_FIELDS = _ArrayWriter.COMPLAINT_FIELDS
    STAGE_FIELDS = _ArrayWriter.STAGE_FIELDS

    def __init__(self, updated_at: datetime):
        c, s = _COMPLAINTS.c, _STAGES.c
        # Parameters are prefixed: one may not share a name with a column it sets.
        self.update_complaints = (
            update(_COMPLAINTS)
            .where(
                c.id == bindparam("b_id"),
                c.version == bindparam("b_version"),
                c.next_deadline.is_not_distinct_from(bindparam("b_old_next_deadline")),
            )
            .values(next_deadline=bindparam("b_next_deadline"), updated_at=updated_at)
        )
        self.update_stages = (
            update(_STAGES)
            .where(
                s.id == bindparam("b_id"),
                s.acknowledged_on.is_not_distinct_from(bindparam("b_acknowledged_on")),
                s.responded_on.is_not_distinct_from(bindparam("b_responded_on")),
                s.acknowledge_by == bindparam("b_old_acknowledge_by"),
                s.respond_by == bindparam("b_old_respond_by"),
                s.latest_extended_respond_by == bindparam("b_old_latest_extended_respond_by"),
            )
            .values(
                acknowledge_by=bindparam("b_acknowledge_by"),
                respond_by=bindparam("b_respond_by"),
                latest_extended_respond_by=bindparam("b_latest_extended_respond_by"),
            )
        )

    def prepare(self, changes: _Changes, complaint_ids: list[int]) -> _Batch:
        complaint_rows = [
            _prefixed(self.COMPLAINT_FIELDS, row) for row in changes.complaint_rows(complaint_ids)
        ]
        stage_rows = [
            _prefixed(self.STAGE_FIELDS, row) for row in changes.stage_rows(complaint_ids)
        ]
        return _Batch(
            complaint_ids, len(complaint_rows), len(stage_rows), complaint_rows, stage_rows
        )

    def write(self, batch: _Batch) -> bool:
        written = True
        if batch.complaint_count:
            result = db.session.execute(self.update_complaints, batch.complaint_parameters)
            written = result.rowcount == batch.complaint_count
        if batch.stage_count:
            result = db.session.execute(self.update_stages, batch.stage_parameters)
            written = result.rowcount == batch.stage_count and written
        return written


def _prefixed(fields: tuple[str, ...], row: tuple) -> dict:
    return {f"b_{name}": value for name, value in zip(fields, row, strict=True)}


def _expire_loaded(stage_ids: set[int], complaint_ids: set[int]) -> None:
    """Make objects this session already holds read the new dates, as the next request would."""
    for obj in list(db.session.identity_map.values()):
        identity = inspect(obj).identity
        if identity is None:
            continue
        if isinstance(obj, ComplaintStage) and identity[0] in stage_ids:
            db.session.expire(obj, ["acknowledge_by", "respond_by", "latest_extended_respond_by"])
        elif isinstance(obj, Complaint) and identity[0] in complaint_ids:
            db.session.expire(obj, ["next_deadline", "updated_at"])


def _audit(actor: Actor, action: str, details: dict) -> None:
    db.session.add(
        AuditEvent(
            complaint_id=None,
            occurred_at=clock.now(),
            actor_kind=actor.kind,
            staff_user_id=actor.staff_user_id,
            action=action,
            details=details,
        )
    )
