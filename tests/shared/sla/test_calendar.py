"""WorkingDayCalendar: holiday data coverage, the counting rule and range checks.

Expected dates are written out by hand from the published bank-holiday lists (gov.uk),
never computed by the code under test.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shared.sla import NATION_SUBDIVISIONS, UnknownNation, WorkingDayCalendar

D = date.fromisoformat

EW = WorkingDayCalendar("england-and-wales")
SCT = WorkingDayCalendar("scotland")
NIR = WorkingDayCalendar("northern-ireland")
CALENDARS = {"england-and-wales": EW, "scotland": SCT, "northern-ireland": NIR}

# Published England and Wales bank holidays that fall on weekdays (substitute days where
# the holiday itself falls at a weekend).
EW_BANK_HOLIDAYS = {
    2020: "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28",  # VE day moved May Day to 8 May
    2021: "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28",
    2022: "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27",  # jubilee, funeral
    2023: "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26",  # coronation
    2024: "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
    2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
    2026: "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
}


def weekday_non_working_days(calendar: WorkingDayCalendar, year: int) -> set[date]:
    day, end = date(year, 1, 1), date(year, 12, 31)
    found = set()
    while day <= end:
        if day.weekday() < 5 and not calendar.is_working_day(day):
            found.add(day)
        day += timedelta(days=1)
    return found


# -- holiday data coverage -----------------------------------------------------------------
# These fail when the installed ``holidays`` package does not cover the years we compute
# deadlines for (too old for the one-off holidays, or no rules for future years).


@pytest.mark.parametrize("year", sorted(EW_BANK_HOLIDAYS))
def test_england_and_wales_matches_published_bank_holidays(year: int) -> None:
    expected = {D(f"{year}-{md}") for md in EW_BANK_HOLIDAYS[year].split()}
    assert weekday_non_working_days(EW, year) == expected


@pytest.mark.parametrize("year", range(2020, 2031))
def test_england_and_wales_has_eight_bank_holidays_a_year(year: int) -> None:
    # 8 every year, plus the one-off holidays of 2022 (two) and 2023 (one).
    expected = {2022: 10, 2023: 9}.get(year, 8)
    assert len(weekday_non_working_days(EW, year)) == expected


@pytest.mark.parametrize("nation", sorted(NATION_SUBDIVISIONS))
def test_holiday_data_reaches_the_last_calendar_year(nation: str) -> None:
    calendar = CALENDARS[nation]
    assert calendar.last_year == 2040
    holidays_2040 = calendar.holidays_in(2040)
    assert holidays_2040[D("2040-12-25")] == "Christmas Day"  # a Tuesday
    assert holidays_2040[D("2040-01-01")] == "New Year's Day"
    assert not calendar.is_working_day(D("2040-12-25"))
    assert not calendar.is_working_day(D("2040-12-26"))


def test_nation_specific_holidays_present_in_2040() -> None:
    assert not SCT.is_working_day(D("2040-11-30"))  # St Andrew's Day, a Friday
    assert not SCT.is_working_day(D("2040-01-02"))  # 2 January, a Monday
    assert not NIR.is_working_day(D("2040-07-12"))  # Battle of the Boyne, a Thursday
    assert EW.is_working_day(D("2040-07-12"))


def test_holidays_in_names_and_year_filter() -> None:
    h2022 = EW.holidays_in(2022)
    assert h2022[D("2022-09-19")] == "State Funeral of Queen Elizabeth II"
    assert h2022[D("2022-06-03")] == "Platinum Jubilee of Elizabeth II"
    assert EW.holidays_in(2023)[D("2023-05-08")] == "Coronation of Charles III"
    assert all(d.year == 2022 for d in h2022)
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        EW.holidays_in(2041)


# -- is_working_day -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nation", "day", "working"),
    [
        ("england-and-wales", "2025-12-24", True),
        ("england-and-wales", "2025-12-25", False),
        ("england-and-wales", "2025-12-27", False),  # Saturday
        ("england-and-wales", "2025-12-28", False),  # Sunday
        ("england-and-wales", "2020-05-04", True),  # May Day moved to VE day, 8 May
        ("england-and-wales", "2020-05-08", False),
        ("england-and-wales", "2022-05-30", True),  # spring holiday moved to 2 June
        ("england-and-wales", "2022-06-02", False),
        ("england-and-wales", "2022-06-03", False),
        ("england-and-wales", "2022-09-19", False),
        ("england-and-wales", "2023-05-08", False),
        ("england-and-wales", "2025-01-02", True),
        ("england-and-wales", "2025-04-21", False),  # Easter Monday
        ("england-and-wales", "2025-08-04", True),
        ("england-and-wales", "2025-08-25", False),
        ("england-and-wales", "2025-03-17", True),
        ("england-and-wales", "2025-07-14", True),
        ("england-and-wales", "2025-12-01", True),
        ("scotland", "2025-01-02", False),
        ("scotland", "2025-04-18", False),  # Good Friday
        ("scotland", "2025-04-21", True),  # no Easter Monday in Scotland
        ("scotland", "2025-08-04", False),  # first Monday in August
        ("scotland", "2025-08-25", True),
        ("scotland", "2023-11-30", False),  # St Andrew's Day, a Thursday
        ("scotland", "2024-12-02", False),  # St Andrew's Day 2024 (Sat) substitute
        ("scotland", "2025-12-01", False),  # St Andrew's Day 2025 (Sun) substitute
        ("scotland", "2022-09-19", False),
        ("northern-ireland", "2025-03-17", False),  # St Patrick's Day
        ("northern-ireland", "2024-03-18", False),  # St Patrick's Day 2024 (Sun) substitute
        ("northern-ireland", "2024-07-12", False),  # Battle of the Boyne, a Friday
        ("northern-ireland", "2025-07-14", False),  # 12 July 2025 (Sat) substitute
        ("northern-ireland", "2025-04-21", False),
        ("northern-ireland", "2025-08-25", False),
        ("northern-ireland", "2025-08-04", True),
    ],
)
def test_is_working_day(nation: str, day: str, working: bool) -> None:
    assert CALENDARS[nation].is_working_day(D(day)) is working


# -- add_working_days -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nation", "start", "n", "expected"),
    [
        # Ordinary week: Mon 9 June 2025 + 5 -> Mon 16 June.
        ("england-and-wales", "2025-06-09", 1, "2025-06-10"),
        ("england-and-wales", "2025-06-09", 5, "2025-06-16"),
        # Received Fri, Sat or Sun: day 1 is the Monday.
        ("england-and-wales", "2025-06-06", 5, "2025-06-13"),
        ("england-and-wales", "2025-06-07", 5, "2025-06-13"),
        ("england-and-wales", "2025-06-08", 5, "2025-06-13"),
        ("england-and-wales", "2025-06-07", 1, "2025-06-09"),
        # Christmas and New Year 2024/25 (25, 26 Dec, 1 Jan).
        ("england-and-wales", "2024-12-20", 3, "2024-12-27"),
        ("england-and-wales", "2024-12-20", 5, "2024-12-31"),
        ("england-and-wales", "2024-12-20", 6, "2025-01-02"),
        ("england-and-wales", "2024-12-20", 15, "2025-01-15"),
        ("england-and-wales", "2024-12-24", 1, "2024-12-27"),
        ("england-and-wales", "2024-12-25", 1, "2024-12-27"),  # received on a bank holiday
        # Christmas and New Year 2025/26 (25, 26 Dec, 1 Jan).
        ("england-and-wales", "2025-12-23", 2, "2025-12-29"),
        ("england-and-wales", "2025-12-23", 5, "2026-01-02"),
        ("england-and-wales", "2025-12-23", 20, "2026-01-23"),
        # Easter 2025 (Good Friday 18, Easter Monday 21 April) and early May (5 May).
        ("england-and-wales", "2025-04-17", 1, "2025-04-22"),
        ("england-and-wales", "2025-04-17", 10, "2025-05-06"),
        ("england-and-wales", "2025-04-30", 3, "2025-05-06"),
        ("england-and-wales", "2025-05-05", 1, "2025-05-06"),  # received on the holiday
        # Easter 2024 (29 March, 1 April): received on Good Friday, the weekend or Monday.
        ("england-and-wales", "2024-03-29", 1, "2024-04-02"),
        ("england-and-wales", "2024-03-30", 1, "2024-04-02"),
        ("england-and-wales", "2024-04-01", 1, "2024-04-02"),
        # One-off holidays.
        ("england-and-wales", "2022-09-16", 1, "2022-09-20"),
        ("england-and-wales", "2022-06-01", 1, "2022-06-06"),
        ("england-and-wales", "2023-05-05", 1, "2023-05-09"),
        ("england-and-wales", "2020-05-07", 1, "2020-05-11"),
        # Nations differ.
        ("scotland", "2025-04-17", 1, "2025-04-21"),
        ("scotland", "2024-12-31", 1, "2025-01-03"),
        ("england-and-wales", "2024-12-31", 1, "2025-01-02"),
        ("northern-ireland", "2025-03-14", 1, "2025-03-18"),
        ("england-and-wales", "2025-03-14", 1, "2025-03-17"),
    ],
)
def test_add_working_days(nation: str, start: str, n: int, expected: str) -> None:
    assert CALENDARS[nation].add_working_days(D(start), n) == D(expected)


@pytest.mark.parametrize("start", ["2025-06-07", "2025-12-25", "2025-06-09"])
def test_add_zero_working_days_returns_start_even_on_a_non_working_day(start: str) -> None:
    assert EW.add_working_days(D(start), 0) == D(start)


def test_add_negative_working_days_is_an_error() -> None:
    with pytest.raises(ValueError, match="n must be >= 0"):
        EW.add_working_days(D("2025-06-09"), -1)


def test_add_working_days_is_strictly_increasing_across_a_whole_year() -> None:
    day = D("2024-01-01")
    previous = EW.add_working_days(day, 1)
    for n in range(2, 260):
        current = EW.add_working_days(day, n)
        assert current > previous
        assert EW.is_working_day(current)
        previous = current


# -- working_days_until ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "deadline", "expected"),
    [
        ("2025-06-09", "2025-06-09", 0),
        ("2025-06-14", "2025-06-14", 0),  # Saturday, due "today"
        ("2025-06-09", "2025-06-13", 4),
        ("2025-06-06", "2025-06-09", 1),  # Fri -> Mon
        ("2025-06-13", "2025-06-14", 0),  # Saturday deadline seen on the Friday
        ("2025-06-13", "2025-06-16", 1),
        ("2024-12-24", "2024-12-27", 1),  # across Christmas
        ("2024-12-20", "2025-01-15", 15),
        # Overdue.
        ("2025-06-10", "2025-06-09", -1),  # deadline was the working day before today
        ("2025-06-16", "2025-06-13", -1),  # Fri deadline, seen Monday
        ("2025-06-17", "2025-06-13", -2),
        ("2025-06-14", "2025-06-13", -1),  # seen Saturday: still overdue, not 0
        ("2025-06-15", "2025-06-13", -1),  # seen Sunday
        ("2025-06-14", "2025-06-12", -1),  # Thu deadline: only Friday has elapsed
        ("2025-06-16", "2025-06-12", -2),
        ("2024-12-27", "2024-12-24", -1),  # 25, 26 Dec are not counted
        ("2025-06-15", "2025-06-14", -1),  # Saturday deadline seen Sunday
        ("2026-01-15", "2025-12-23", -14),
    ],
)
def test_working_days_until(today: str, deadline: str, expected: int) -> None:
    assert EW.working_days_until(D(today), D(deadline)) == expected


def test_working_days_until_inverts_add_working_days() -> None:
    for nation, calendar in CALENDARS.items():
        day = D("2024-11-01")
        while day < D("2026-02-01"):
            for n in (1, 2, 5, 10, 15, 20, 45):
                deadline = calendar.add_working_days(day, n)
                assert calendar.working_days_until(day, deadline) == n, (nation, day, n)
                assert calendar.working_days_until(deadline, day) == -n, (nation, day, n)
            day += timedelta(days=1)


# -- closure days ---------------------------------------------------------------------------

CLOSURE = [D("2025-12-29"), D("2025-12-30"), D("2025-12-31")]


def test_closure_days_are_not_working_days_and_can_be_removed() -> None:
    closed = EW.with_closure_days(CLOSURE)
    assert closed.closure_days == frozenset(CLOSURE)
    assert EW.closure_days == frozenset()  # the original calendar is unchanged
    assert isinstance(closed.closure_days, frozenset)
    for day in CLOSURE:
        assert EW.is_working_day(day)
        assert not closed.is_working_day(day)
    assert closed.add_working_days(D("2025-12-23"), 2) == D("2026-01-02")
    assert EW.add_working_days(D("2025-12-23"), 2) == D("2025-12-29")
    reopened = closed.with_closure_days([])
    assert reopened.add_working_days(D("2025-12-23"), 2) == D("2025-12-29")
    assert closed.working_days_until(D("2025-12-24"), D("2026-01-02")) == 1


def test_closure_days_keep_nation_and_years() -> None:
    closed = SCT.with_closure_days(CLOSURE)
    assert closed.nation == "scotland"
    assert (closed.first_year, closed.last_year) == (SCT.first_year, SCT.last_year)
    # Scotland also closes on 2 January 2026 (a Friday).
    assert closed.add_working_days(D("2025-12-24"), 1) == D("2026-01-05")


def test_closure_day_outside_range_is_rejected() -> None:
    with pytest.raises(ValueError, match="closure day 2041-01-02 is outside"):
        WorkingDayCalendar(closure_days=[D("2041-01-02")])


# -- errors ---------------------------------------------------------------------------------


def test_unknown_nation_lists_known_nations() -> None:
    with pytest.raises(UnknownNation) as excinfo:
        WorkingDayCalendar("wales")
    assert isinstance(excinfo.value, ValueError)
    assert str(excinfo.value) == (
        "unknown nation 'wales'; known nations: england-and-wales, northern-ireland, scotland"
    )


@pytest.mark.parametrize("day", ["2014-12-31", "2041-01-01", "1999-06-01"])
def test_dates_outside_the_calendar_are_rejected(day: str) -> None:
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        EW.add_working_days(D(day), 5)
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        EW.is_working_day(D(day))
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        EW.working_days_until(D("2025-01-01"), D(day))


def test_result_after_the_last_year_is_rejected() -> None:
    assert EW.add_working_days(D("2040-12-20"), 5) == D("2040-12-31")  # 25, 26 Dec closed
    with pytest.raises(ValueError, match="falls after 2040"):
        EW.add_working_days(D("2040-12-20"), 6)


def test_custom_year_range() -> None:
    short = WorkingDayCalendar(first_year=2024, last_year=2025)
    assert short.add_working_days(D("2024-01-01"), 1) == D("2024-01-02")
    with pytest.raises(ValueError, match=r"\(2024-2025\)"):
        short.is_working_day(D("2026-01-05"))
    with pytest.raises(ValueError, match="after last_year"):
        WorkingDayCalendar(first_year=2030, last_year=2020)
