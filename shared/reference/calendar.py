"""The council's working-day calendar: its nation's bank holidays plus stored closure days.

Building a calendar precomputes decades of days, and reading every closure day on every
request is wasted work: each process keeps the calendar with the stamp it was built from,
and per request reads only the one-row stamp, which every closure-day change replaces.
"""

from __future__ import annotations

import uuid
from datetime import date
from functools import lru_cache
from threading import Lock

from flask import current_app
from sqlalchemy import select

from shared.db import db
from shared.reference.models import CalendarVersion, ClosureDay
from shared.sla import WorkingDayCalendar

_STAMP_ROW = 1
_cached: dict[str, tuple[str | None, WorkingDayCalendar]] = {}
_cache_lock = Lock()


@lru_cache(maxsize=8)
def _calendar(nation: str, closure_days: frozenset[date]) -> WorkingDayCalendar:
    return WorkingDayCalendar(nation=nation, closure_days=closure_days)


def calendar_stamp() -> str | None:
    return db.session.scalar(select(CalendarVersion.stamp).where(CalendarVersion.id == _STAMP_ROW))


def council_calendar() -> WorkingDayCalendar:
    nation = current_app.config["UK_NATION"]
    stamp = calendar_stamp()
    cached = _cached.get(nation)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    closure_days = frozenset(db.session.scalars(select(ClosureDay.day)))
    calendar = _calendar(nation, closure_days)
    with _cache_lock:
        _cached[nation] = (stamp, calendar)
    return calendar


def bump_calendar_stamp() -> None:
    """Tell every server its calendar is stale; part of the closure change's transaction."""
    row = db.session.get(CalendarVersion, _STAMP_ROW)
    if row is None:
        db.session.add(CalendarVersion(id=_STAMP_ROW, stamp=str(uuid.uuid4())))
    else:
        row.stamp = str(uuid.uuid4())
