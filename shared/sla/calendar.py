"""Working-day calendar for one UK nation plus a council's own closure days.

A working day is Monday to Friday, excluding the nation's bank holidays (from the
``holidays`` package, always asked for an explicit subdivision) and any closure days the
council configures. Counting rule (DOMAIN.md "Timescales"): the event day is day 0 and
"within N working days" means on or before the N-th working day strictly after it,
whatever day of the week the event fell on.

Everything is precomputed once per calendar so that ``add_working_days`` is two list
look-ups: deadlines are recalculated in bulk (reports, dashboards, closure-day changes).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from types import MappingProxyType

import holidays

__all__ = ["NATION_SUBDIVISIONS", "UnknownNation", "WorkingDayCalendar"]

# England and Wales share one set of bank holidays, so ENG stands for both.
NATION_SUBDIVISIONS: dict[str, str] = {
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}


class UnknownNation(ValueError):
    """The nation is not one of ``NATION_SUBDIVISIONS``."""


@cache
def _bank_holidays(subdiv: str, first_year: int, last_year: int) -> MappingProxyType[date, str]:
    # Building the holiday table is the only slow step (~20 ms for 26 years); cache it so
    # ``with_closure_days`` and repeated calendars for the same nation are cheap.
    table = holidays.country_holidays("GB", subdiv=subdiv, years=range(first_year, last_year + 1))
    return MappingProxyType(dict(sorted(table.items())))


class WorkingDayCalendar:
    """Working days for one nation between 1 Jan ``first_year`` and 31 Dec ``last_year``.

    Dates outside that range raise ``ValueError`` rather than being silently extended:
    a deadline computed without holiday data would be wrong without anyone noticing.
    """

    __slots__ = (
        "_base",
        "_closure_days",
        "_count_upto",
        "_first_year",
        "_holidays",
        "_last_year",
        "_nation",
        "_span",
        "_working_dates",
    )

    def __init__(
        self,
        nation: str = "england-and-wales",
        closure_days: Iterable[date] = (),
        first_year: int = 2015,
        last_year: int = 2040,
    ) -> None:
        try:
            subdiv = NATION_SUBDIVISIONS[nation]
        except KeyError:
            known = ", ".join(sorted(NATION_SUBDIVISIONS))
            raise UnknownNation(f"unknown nation {nation!r}; known nations: {known}") from None
        if first_year > last_year:
            raise ValueError(f"first_year {first_year} is after last_year {last_year}")

        self._nation = nation
        self._first_year = first_year
        self._last_year = last_year
        self._holidays = _bank_holidays(subdiv, first_year, last_year)
        self._base = date(first_year, 1, 1).toordinal()
        self._span = date(last_year, 12, 31).toordinal() - self._base + 1

        closures = frozenset(closure_days)
        for d in closures:
            self._check(d, "closure day")
        self._closure_days = closures

        non_working = {d.toordinal() for d in self._holidays}
        non_working.update(d.toordinal() for d in closures)

        # _working_dates: every working day in range, ascending (date objects, so callers
        # get a date back without a fromordinal call).
        # _count_upto[i]: how many working days fall on or before base + i, which is also
        # the index in _working_dates of the first working day strictly AFTER base + i.
        working_dates: list[date] = []
        count_upto: list[int] = []
        weekday = date.fromordinal(self._base).weekday()
        for ordinal in range(self._base, self._base + self._span):
            if weekday < 5 and ordinal not in non_working:
                working_dates.append(date.fromordinal(ordinal))
            count_upto.append(len(working_dates))
            weekday = (weekday + 1) % 7
        self._working_dates = working_dates
        self._count_upto = count_upto

    def __repr__(self) -> str:
        return (
            f"WorkingDayCalendar(nation={self._nation!r}, "
            f"closure_days={len(self._closure_days)} days, "
            f"years={self._first_year}-{self._last_year})"
        )

    # -- properties ---------------------------------------------------------------------

    @property
    def nation(self) -> str:
        return self._nation

    @property
    def first_year(self) -> int:
        return self._first_year

    @property
    def last_year(self) -> int:
        return self._last_year

    @property
    def closure_days(self) -> frozenset[date]:
        return self._closure_days

    # -- queries ------------------------------------------------------------------------

    def _check(self, d: date, what: str = "date") -> int:
        """Return the offset of ``d`` from the start of the range, or raise ValueError."""
        i = d.toordinal() - self._base
        if not 0 <= i < self._span:
            raise ValueError(
                f"{what} {d.isoformat()} is outside the working-day calendar "
                f"({self._first_year}-{self._last_year}); build a WorkingDayCalendar "
                f"with a wider first_year/last_year"
            )
        return i

    def is_working_day(self, d: date) -> bool:
        """True if ``d`` is Monday-Friday and neither a bank holiday nor a closure day."""
        i = self._check(d)
        before = self._count_upto[i - 1] if i else 0
        return self._count_upto[i] != before

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day strictly after ``start`` (``start`` itself is day 0).

        ``start`` may be any day, including a weekend or bank holiday. ``n == 0`` returns
        ``start`` unchanged; negative ``n`` raises ValueError.
        """
        i = start.toordinal() - self._base
        if not 0 <= i < self._span:
            self._check(start)
        if n < 1:
            if n == 0:
                return start
            raise ValueError(f"n must be >= 0, got {n}")
        j = self._count_upto[i] + n - 1
        if j >= len(self._working_dates):
            raise ValueError(
                f"{n} working days after {start.isoformat()} falls after "
                f"{self._last_year}, the end of the working-day calendar"
            )
        return self._working_dates[j]

    def working_days_until(self, today: date, deadline: date) -> int:
        """Working days from ``today`` to ``deadline``; negative once the deadline has passed.

        0 when ``deadline == today``; k when ``deadline`` is the k-th working day after
        ``today`` (for a non-working ``deadline`` the working days in (today, deadline] are
        counted, so a Saturday deadline seen on the Friday before is 0). A past deadline
        gives -(working days in (deadline, today]), but never 0: a deadline that has passed
        is always reported as at least 1 working day overdue, so ``< 0`` means overdue
        even at a weekend. ``working_days_until(d, add_working_days(d, n)) == n``.
        """
        t = self._check(today, "today")
        d = self._check(deadline, "deadline")
        result = self._count_upto[d] - self._count_upto[t]
        if d < t and result == 0:
            return -1
        return result

    def holidays_in(self, year: int) -> dict[date, str]:
        """The nation's bank holidays in ``year`` (names from ``holidays``; may include
        weekend dates, whose substitute weekday appears as "... (observed)")."""
        if not self._first_year <= year <= self._last_year:
            raise ValueError(
                f"year {year} is outside the working-day calendar "
                f"({self._first_year}-{self._last_year})"
            )
        return {d: name for d, name in self._holidays.items() if d.year == year}

    def with_closure_days(self, days: Iterable[date]) -> WorkingDayCalendar:
        """A new calendar for the same nation and years with exactly these closure days."""
        return WorkingDayCalendar(
            self._nation,
            closure_days=days,
            first_year=self._first_year,
            last_year=self._last_year,
        )

    # -- fast-path internals ------------------------------------------------------------
    # Used by shared.sla.deadlines.StageDeadlineComputer to inline the look-ups; not part
    # of the public API.

    def _tables(self) -> tuple[int, int, list[int], list[date]]:
        return self._base, self._span, self._count_upto, self._working_dates
