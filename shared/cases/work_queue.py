"""The work queue: open complaints, the next deadline first, filtered, searched, and paged by
the last key seen rather than by page number.

The order is (next deadline, id) with complaints owing nothing last. The partial index
``ix_complaints_open_queue`` holds exactly that order over open complaints, so any page, at
any depth, is one index range read from the key of the page before: no sort and no OFFSET.
The queue never counts every match on every request; it counts up to ``COUNT_LIMIT`` and
says "more than" beyond.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, func, literal, or_, select, text, tuple_

from shared import clock
from shared.cases.models import OPEN_STATUS_SQL, Complaint
from shared.cases.state_machine import OPEN_STATUSES
from shared.db import db
from shared.errors import InvalidInput
from shared.people.circumstances import ContactRestriction, Vulnerability
from shared.people.models import Consent, Person, Representative, RepresentativeRole
from shared.reference.calendar import council_calendar
from shared.reference.models import ServiceArea
from shared.sla import WorkingDayCalendar
from shared.validation import clean_text, number

PER_PAGE = 50
COUNT_LIMIT = 1000
EXPORT_BATCH = 1000

# A reference as issued ("CMP-2026-000123"), in any case.
_REFERENCE = re.compile(r"^[A-Z]{2,5}-\d{4}-\d{1,9}$")
# A full UK postcode, with or without its space ("SW1A 1AA", "sw1a1aa").
_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$")
# What a cursor looks like: "2026-11-20.123" or "none.123".
_CURSOR = re.compile(r"^(\d{4}-\d{2}-\d{2}|none)\.(\d{1,10})$")
_LARGEST_ID = 2**31 - 1
MAX_SEARCH = 200
MAX_DUE_WITHIN = 250  # about a year of working days


# -- the rules for what a member of staff types, with their messages -------------------------


def search_text(value: str | None, field: str = "q") -> str:
    return clean_text(
        value,
        field,
        limit=MAX_SEARCH,
        too_long=_l("Search must be %(limit)s characters or fewer", limit=number(MAX_SEARCH)),
    )


def working_days_within(value: str | None, field: str = "due_within") -> int | None:
    """Due within N working days: empty, or a whole number from 0 (due today or before)."""
    value = (value or "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) > MAX_DUE_WITHIN:
        message = _l(
            "Enter the number of working days as a whole number from 0 to %(limit)s, like 5",
            limit=number(MAX_DUE_WITHIN),
        )
        raise InvalidInput(message, {field: str(message)})
    return int(value)


@dataclass(frozen=True)
class QueueFilters:
    """What a member of staff narrowed the queue to. Empty means everything open."""

    search: str = ""
    status: str | None = None
    stage: int | None = None
    service_area: str | None = None
    representative_role: str | None = None
    overdue: bool = False
    due_within: int | None = None  # working days from today, 0 meaning due today or before
    handler_id: int | None = None  # "my cases"
    vulnerable: bool = False  # the resident told us of a vulnerability still recorded
    restricted: bool = False  # the resident's contact is restricted

    @property
    def any(self) -> bool:
        return self != QueueFilters()

    @classmethod
    def from_choices(
        cls,
        search: str = "",
        status: str | None = None,
        stage: str | None = None,
        service_area: str | None = None,
        representative_role: str | None = None,
        overdue: bool = False,
        due_within: int | None = None,
        handler_id: int | None = None,
        vulnerable: bool = False,
        restricted: bool = False,
    ) -> QueueFilters:
        """Filters from what a form sent; a choice no form offers (an edited address) is
        left out rather than refused."""
        return cls(
            search=search or "",
            status=status if status in OPEN_STATUSES else None,
            stage=int(stage) if stage in ("1", "2") else None,
            service_area=service_area or None,
            representative_role=(
                representative_role
                if representative_role in {r.value for r in RepresentativeRole}
                else None
            ),
            overdue=bool(overdue),
            due_within=due_within,
            handler_id=handler_id,
            vulnerable=bool(vulnerable),
            restricted=bool(restricted),
        )


@dataclass(frozen=True)
class QueueKey:
    """Where a page starts or ends in the queue's order: a deadline (None: nothing owed) and
    the complaint's id. Carried in the "next" and "previous" links."""

    deadline: date | None
    id: int

    def token(self) -> str:
        return f"{self.deadline.isoformat() if self.deadline else 'none'}.{self.id}"

    @classmethod
    def parse(cls, token: str | None) -> QueueKey | None:
        """The key a link carried, or None for anything else (edited, truncated, garbage)."""
        match = _CURSOR.match(token or "")
        if match is None or not 0 < int(match[2]) <= _LARGEST_ID:
            return None
        try:
            deadline = None if match[1] == "none" else date.fromisoformat(match[1])
        except ValueError:
            return None
        return cls(deadline, int(match[2]))


class QueueRow:
    """One line of the queue: what the page and the export show, read as plain columns."""

    __slots__ = (
        "days_left",
        "email",
        "id",
        "next_deadline",
        "postcode",
        "received_on",
        "reference",
        "resident",
        "service_area",
        "stage",
        "status",
    )

    def __init__(self, row, days_left: int | None):
        self.id = row.id
        self.reference = row.reference
        self.status = row.status
        self.stage = row.current_stage
        self.received_on = row.received_on
        self.next_deadline = row.next_deadline
        self.resident = row.resident
        self.email = row.email
        self.postcode = row.postcode
        self.service_area = row.service_area
        self.days_left = days_left

    @property
    def key(self) -> QueueKey:
        return QueueKey(self.next_deadline, self.id)


@dataclass(frozen=True)
class MatchCount:
    """How many open complaints match: exact up to COUNT_LIMIT, then "more than"."""

    number: int
    more: bool


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    count: MatchCount
    next_key: QueueKey | None  # the last row's key when a later page exists
    previous_key: QueueKey | None  # the first row's key when an earlier page exists


# -- the query -----------------------------------------------------------------------------


def _open() -> ColumnElement[bool]:
    return text(f"complaints.{OPEN_STATUS_SQL}")


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search(value: str) -> ColumnElement[bool]:
    """A reference finds that complaint; an email address or a postcode finds the people who
    gave it, in any case and spacing; anything else finds names containing it."""
    words = " ".join(value.split())
    upper = words.upper()
    if _REFERENCE.match(upper):
        return Complaint.reference == upper
    if "@" in words:
        # Most addresses are kept as typed in lower case: the plain index finds those at
        # once. Only when it finds nobody, the slower trigram match ignores case.
        as_typed = select(Person.id).where(Person.email.in_({words, words.lower()}))
        if db.session.scalar(as_typed.limit(1)) is not None:
            return Complaint.complainant_id.in_(as_typed)
        person = Person.email.ilike(_escape_like(words), escape="\\")
    elif postcode := _POSTCODE.match(upper):
        outward, inward = postcode[1], postcode[2]
        person = or_(
            Person.postcode.ilike(f"{outward} {inward}"), Person.postcode.ilike(outward + inward)
        )
    else:
        person = Person.name.ilike(f"%{_escape_like(words)}%", escape="\\")
    return Complaint.complainant_id.in_(select(Person.id).where(person))


def _conditions(
    filters: QueueFilters, today: date, calendar: WorkingDayCalendar
) -> list[ColumnElement[bool]]:
    conditions = [_open()]
    if filters.status:
        conditions.append(Complaint.status == filters.status)
    if filters.stage:
        conditions.append(Complaint.current_stage == filters.stage)
    if filters.service_area:
        # The main area, as the queue shows it: a column the queue's index carries, so even
        # a rare combination is checked without reading each complaint.
        conditions.append(Complaint.service_area_code == filters.service_area)
    if filters.representative_role:
        conditions.append(
            select(Consent.id)
            .join(Representative, Representative.id == Consent.representative_id)
            .where(
                Consent.complaint_id == Complaint.id,
                Representative.role == filters.representative_role,
            )
            .exists()
        )
    if filters.overdue:
        conditions.append(Complaint.next_deadline < today)
    if filters.due_within is not None:
        conditions.append(
            Complaint.next_deadline <= calendar.add_working_days(today, filters.due_within)
        )
    if filters.handler_id is not None:
        conditions.append(Complaint.handler_id == filters.handler_id)
    if filters.vulnerable:
        conditions.append(_resident_has(Vulnerability, Vulnerability.ended_at))
    if filters.restricted:
        conditions.append(_resident_has(ContactRestriction, ContactRestriction.lifted_at))
    if filters.search:
        conditions.append(_search(filters.search))
    return conditions


def _resident_has(record, ended_column):
    """The complainant has one of these records (a vulnerability, a restriction) in force."""
    return (
        select(record.id)
        .where(record.person_id == Complaint.complainant_id, ended_column.is_(None))
        .exists()
    )


def _rows(conditions) -> Select:
    return (
        select(
            Complaint.id,
            Complaint.reference,
            Complaint.status,
            Complaint.current_stage,
            Complaint.received_on,
            Complaint.next_deadline,
            Person.name.label("resident"),
            Person.email,
            Person.postcode,
            ServiceArea.name.label("service_area"),
        )
        .join(Person, Person.id == Complaint.complainant_id)
        .join(ServiceArea, ServiceArea.code == Complaint.service_area_code)
        .where(*conditions)
    )


_FORWARD = (Complaint.next_deadline.asc().nulls_last(), Complaint.id.asc())
_BACKWARD = (Complaint.next_deadline.desc().nulls_first(), Complaint.id.desc())


def _after(key: QueueKey | None) -> list[tuple[list, tuple]]:
    """The stretches of the queue after a key, in order, each one index range."""
    if key is None:
        return [([], _FORWARD)]
    if key.deadline is None:
        return [([Complaint.next_deadline.is_(None), Complaint.id > key.id], _FORWARD)]
    # A row comparison is one range of the index; NULL deadlines, which it leaves out, follow.
    later = tuple_(Complaint.next_deadline, Complaint.id) > tuple_(
        literal(key.deadline), literal(key.id)
    )
    return [([later], _FORWARD), ([Complaint.next_deadline.is_(None)], _FORWARD)]


def _before(key: QueueKey) -> list[tuple[list, tuple]]:
    """The stretches of the queue before a key, nearest first."""
    if key.deadline is None:
        return [
            ([Complaint.next_deadline.is_(None), Complaint.id < key.id], _BACKWARD),
            ([Complaint.next_deadline.is_not(None)], _BACKWARD),
        ]
    earlier = tuple_(Complaint.next_deadline, Complaint.id) < tuple_(
        literal(key.deadline), literal(key.id)
    )
    return [([earlier], _BACKWARD)]


def _read(conditions, stretches, limit: int) -> list:
    rows: list = []
    for extra, order in stretches:
        if len(rows) >= limit:
            break
        rows.extend(
            db.session.execute(
                _rows([*conditions, *extra]).order_by(*order).limit(limit - len(rows))
            ).all()
        )
    return rows


def _count(conditions) -> MatchCount:
    # In the queue's order, so the count reads the index's first rows rather than every
    # complaint ever made looking for open ones.
    first = (
        select(Complaint.id).where(*conditions).order_by(*_FORWARD).limit(COUNT_LIMIT + 1)
    ).subquery()
    found = db.session.scalar(select(func.count()).select_from(first)) or 0
    return MatchCount(min(found, COUNT_LIMIT), found > COUNT_LIMIT)


def open_complaints(
    filters: QueueFilters,
    after: QueueKey | None = None,
    before: QueueKey | None = None,
    per_page: int | None = None,
) -> QueuePage:
    """One page of the queue: the first, the one after ``after``, or the one before
    ``before``. A key that leads nowhere (the complaints around it closed, or it was made
    up) gives the first page, as does a "previous" that reaches the start."""
    per_page = per_page or PER_PAGE
    today, calendar = clock.today(), council_calendar()
    conditions = _conditions(filters, today, calendar)
    rows: list = []
    more_after = more_before = False
    if before is not None:
        rows = _read(conditions, _before(before), per_page + 1)
        if len(rows) > per_page:
            rows, more_before = rows[:per_page], True
            rows.reverse()
            more_after = True
        else:
            rows = []  # at the start: show the first page, whole
    elif after is not None:
        rows = _read(conditions, _after(after), per_page + 1)
        more_after = len(rows) > per_page
        rows = rows[:per_page]
        if rows:
            first = QueueKey(rows[0].next_deadline, rows[0].id)
            more_before = bool(_read(conditions, _before(first), 1))
    if not rows:
        rows = _read(conditions, _after(None), per_page + 1)
        more_after, more_before = len(rows) > per_page, False
        rows = rows[:per_page]
    queue_rows = [_with_days_left(row, today, calendar) for row in rows]
    # A first page with room to spare holds every match: no need to count them again.
    whole = not more_before and not more_after
    return QueuePage(
        rows=queue_rows,
        count=MatchCount(len(rows), False) if whole else _count(conditions),
        next_key=queue_rows[-1].key if more_after and queue_rows else None,
        previous_key=queue_rows[0].key if more_before and queue_rows else None,
    )


def _with_days_left(row, today: date, calendar: WorkingDayCalendar) -> QueueRow:
    days = calendar.working_days_until(today, row.next_deadline) if row.next_deadline else None
    return QueueRow(row, days)


def all_matching(filters: QueueFilters) -> Iterator[QueueRow]:
    """Every open complaint that matches, in the queue's order, read in batches (the CSV
    export: tens of thousands of rows without holding them all)."""
    today, calendar = clock.today(), council_calendar()
    conditions = _conditions(filters, today, calendar)
    key = None
    while True:
        rows = _read(conditions, _after(key), EXPORT_BATCH)
        for row in rows:
            yield _with_days_left(row, today, calendar)
        if len(rows) < EXPORT_BATCH:
            return
        key = QueueKey(rows[-1].next_deadline, rows[-1].id)
