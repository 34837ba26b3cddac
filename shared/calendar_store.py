"""The council's working-day calendar: its nation's bank holidays plus stored closure days."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from flask import current_app
from sqlalchemy import select

from shared.extensions import db
from shared.models import ClosureDay
from shared.sla import WorkingDayCalendar


@lru_cache(maxsize=8)
def _calendar(nation: str, closure_days: frozenset[date]) -> WorkingDayCalendar:
    # Building a calendar precomputes decades of days; keep the few that are in use.
    return WorkingDayCalendar(nation=nation, closure_days=closure_days)


def council_calendar() -> WorkingDayCalendar:
    closure_days = frozenset(db.session.scalars(select(ClosureDay.day)))
    return _calendar(current_app.config["UK_NATION"], closure_days)
