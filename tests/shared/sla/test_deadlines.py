"""Stage deadlines for the shipped policies across bank holidays, weekends and closures.

Every expected date is counted by hand from the published bank-holiday lists; the
comments give the count so a reviewer can check it against a calendar.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shared.sla import (
    StageDeadlineComputer,
    StageDeadlines,
    UnknownStage,
    WorkingDayCalendar,
    extended_respond_by,
    get_policy,
    stage_deadlines,
)

D = date.fromisoformat

CALENDARS = {
    nation: WorkingDayCalendar(nation)
    for nation in ("england-and-wales", "scotland", "northern-ireland")
}
EW = CALENDARS["england-and-wales"]
HOUSING = get_policy("housing-code-2024")
CORPORATE = get_policy("corporate-2019")
POLICIES = {"housing": HOUSING, "corporate": CORPORATE}

# A table of hand-counted dates reads best one case per two lines, so keep the formatter off.
# fmt: off
CASES = [
    # (nation, policy, stage, started_on, acknowledged_on,
    #  acknowledge_by, respond_by, latest_extended_respond_by)
    #
    # Christmas 2024 (25, 26 Dec; 1 Jan). From Fri 20 Dec the working days are
    # 23, 24, 27, 30, 31 (5th), 2, 3, 6, 7, 8, 9, 10, 13, 14, 15 Jan (15th), ...,
    # 29 Jan (25th). Housing: respond 10 after the 31 Dec projection = 15 Jan.
    pytest.param(
        "england-and-wales", "housing", 1, "2024-12-20", None,
        "2024-12-31", "2025-01-15", "2025-01-29", id="housing-s1-christmas-2024",
    ),
    pytest.param(
        "england-and-wales", "corporate", 1, "2024-12-20", None,
        "2024-12-31", "2025-01-15", "2025-01-29", id="corporate-s1-christmas-2024",
    ),
    # Acknowledged Mon 23 Dec: 10 WD later is 24, 27, 30, 31, 2, 3, 6, 7, 8, 9 Jan.
    pytest.param(
        "england-and-wales", "housing", 1, "2024-12-20", "2024-12-23",
        "2024-12-31", "2025-01-09", "2025-01-23", id="housing-s1-acknowledged-early",
    ),
    # Corporate counts the response from receipt, so acknowledging does not move it.
    pytest.param(
        "england-and-wales", "corporate", 1, "2024-12-20", "2024-12-23",
        "2024-12-31", "2025-01-15", "2025-01-29", id="corporate-s1-ack-ignored",
    ),
    # Scotland also closes on 2 Jan 2025: 23, 24, 27, 30, 31 (5th), 3, 6, 7, 8, 9, 10,
    # 13, 14, 15, 16 Jan (15th).
    pytest.param(
        "scotland", "housing", 1, "2024-12-20", None,
        "2024-12-31", "2025-01-16", "2025-01-30", id="housing-s1-christmas-2024-scotland",
    ),
    # Christmas 2025 (25, 26 Dec; 1 Jan). From Tue 23 Dec: 24, 29, 30, 31, 2 Jan (5th),
    # 5-9 (10th), 12-16 (15th), 19-23 (20th), 26-30 (25th), 2-6 Feb (30th), 9-13 (35th),
    # 16-20 (40th), 23-27 Feb (45th).
    pytest.param(
        "england-and-wales", "housing", 1, "2025-12-23", None,
        "2026-01-02", "2026-01-16", "2026-01-30", id="housing-s1-christmas-2025",
    ),
    pytest.param(
        "england-and-wales", "housing", 2, "2025-12-23", None,
        "2026-01-02", "2026-01-30", "2026-02-27", id="housing-s2-christmas-2025",
    ),
    pytest.param(
        "england-and-wales", "corporate", 2, "2025-12-23", None,
        "2026-01-02", "2026-01-23", "2026-02-20", id="corporate-s2-christmas-2025",
    ),
    # Easter 2025 (Fri 18, Mon 21 Apr) then early May (Mon 5) and spring (Mon 26 May).
    # From Thu 17 Apr: 22, 23, 24, 25, 28 (5th), 29, 30, 1, 2, 6 May (10th), 7, 8, 9, 12,
    # 13 (15th), ..., 23 (23rd), 27, 28 May (25th).
    pytest.param(
        "england-and-wales", "housing", 1, "2025-04-17", None,
        "2025-04-28", "2025-05-13", "2025-05-28", id="housing-s1-easter-2025",
    ),
    pytest.param(
        "england-and-wales", "corporate", 1, "2025-04-17", None,
        "2025-04-28", "2025-05-13", "2025-05-28", id="corporate-s1-easter-2025",
    ),
    # Scotland has Good Friday but no Easter Monday: 21, 22, 23, 24, 25 (5th), 28, 29,
    # 30, 1, 2 (10th), 6, 7, 8, 9, 12 May (15th), 13-16, 19 (20th), 20-23, 27 May (25th).
    pytest.param(
        "scotland", "housing", 1, "2025-04-17", None,
        "2025-04-25", "2025-05-12", "2025-05-27", id="housing-s1-easter-2025-scotland",
    ),
    # Easter 2024 (Fri 29 Mar, Mon 1 Apr), early May (Mon 6) and spring (Mon 27 May).
    # From Thu 28 Mar: 2, 3, 4, 5, 8 Apr (5th), ..., 22 (15th), ..., 3 May (24th),
    # 7 May (25th), ..., 24 May (38th), 28, 29, 30, 31, 3, 4, 5 June (45th).
    pytest.param(
        "england-and-wales", "housing", 1, "2024-03-28", None,
        "2024-04-08", "2024-04-22", "2024-05-07", id="housing-s1-easter-2024",
    ),
    pytest.param(
        "england-and-wales", "housing", 2, "2024-03-28", None,
        "2024-04-08", "2024-05-07", "2024-06-05", id="housing-s2-easter-2024",
    ),
    # Received on Good Friday, on the Easter weekend and on Easter Monday: day 1 is
    # still Tue 2 April, so the deadlines are the same as for Thu 28 March.
    *[
        pytest.param(
            "england-and-wales", "housing", 1, received, None,
            "2024-04-08", "2024-04-22", "2024-05-07", id=f"housing-s1-received-{received}",
        )
        for received in ("2024-03-29", "2024-03-30", "2024-03-31", "2024-04-01")
    ],
    # Early May 2025 (Mon 5): from Wed 30 Apr: 1, 2, 6, 7, 8 May (5th).
    # Ack 8 May + 10: 9, 12-16, 19-22 May (10th) = 22 May; + 10: 23, 27-30, 2-6 June.
    pytest.param(
        "england-and-wales", "housing", 1, "2025-04-30", None,
        "2025-05-08", "2025-05-22", "2025-06-06", id="housing-s1-early-may-2025",
    ),
    # Received on the early May bank holiday itself: 6, 7, 8, 9, 12 May (5th);
    # + 10 = 13-16, 19-23, 27 May (26 May is the spring holiday); + 10 = 28-30, 2-6,
    # 9, 10 June.
    pytest.param(
        "england-and-wales", "housing", 1, "2025-05-05", None,
        "2025-05-12", "2025-05-27", "2025-06-10", id="housing-s1-received-on-holiday",
    ),
    # Received on a Saturday and a Sunday: same as the Friday before, 9-13 June (5th).
    *[
        pytest.param(
            "england-and-wales", "housing", 1, received, None,
            "2025-06-13", "2025-06-27", "2025-07-11", id=f"housing-s1-received-{received}",
        )
        for received in ("2025-06-06", "2025-06-07", "2025-06-08")
    ],
    # Queen's funeral, Mon 19 Sep 2022. From Tue 13 Sep: 14, 15, 16, 20, 21 (5th),
    # 22, 23, 26-30 (12th), 3, 4, 5 Oct (15th), 6, 7, 10-14, 17, 18, 19 Oct (25th).
    pytest.param(
        "england-and-wales", "corporate", 1, "2022-09-13", None,
        "2022-09-21", "2022-10-05", "2022-10-19", id="corporate-s1-queens-funeral",
    ),
    # Stage 2 escalated Mon 12 Sep, acknowledged Fri 16 Sep: ack by 13-16, 20 Sep;
    # respond 20 WD after 16 Sep = 20-23, 26-30, 3-7, 10-14, 17 Oct; + 20 = 14 Nov.
    pytest.param(
        "england-and-wales", "housing", 2, "2022-09-12", "2022-09-16",
        "2022-09-20", "2022-10-17", "2022-11-14", id="housing-s2-queens-funeral-acked",
    ),
    pytest.param(
        "scotland", "housing", 2, "2022-09-12", "2022-09-16",
        "2022-09-20", "2022-10-17", "2022-11-14", id="housing-s2-queens-funeral-scotland",
    ),
    # Coronation, Mon 8 May 2023 (and May Day 1 May, spring 29 May). From Fri 28 Apr:
    # 2, 3, 4, 5, 9 May (5th), 10-12, 15-19, 22, 23 (15th), 24-26, 30, 31, 1, 2, 5-7 June.
    pytest.param(
        "england-and-wales", "housing", 1, "2023-04-28", None,
        "2023-05-09", "2023-05-23", "2023-06-07", id="housing-s1-coronation",
    ),
    # Platinum jubilee, Thu 2 and Fri 3 June 2022; Mon 30 May 2022 was a working day.
    # From Fri 27 May: 30, 31, 1, 6, 7 June (5th), 8-10, 13-17, 20, 21 (15th),
    # 22-24, 27 June-1 July, 4, 5 July (25th).
    pytest.param(
        "england-and-wales", "housing", 1, "2022-05-27", None,
        "2022-06-07", "2022-06-21", "2022-07-05", id="housing-s1-jubilee",
    ),
    # Acknowledged the day it arrived (Mon 9 June 2025): respond 10 WD after 9 June.
    pytest.param(
        "england-and-wales", "housing", 1, "2025-06-09", "2025-06-09",
        "2025-06-16", "2025-06-23", "2025-07-07", id="housing-s1-acked-same-day",
    ),
    # Acknowledged late (Mon 16 June, after the 13 June deadline): respond 10 WD after
    # 16 June = 30 June; + 10 = 1-4, 7-11, 14 July. In Northern Ireland 14 July 2025 is
    # the Battle of the Boyne substitute day, so the cap moves to 15 July.
    pytest.param(
        "england-and-wales", "housing", 1, "2025-06-06", "2025-06-16",
        "2025-06-13", "2025-06-30", "2025-07-14", id="housing-s1-acked-late",
    ),
    pytest.param(
        "northern-ireland", "housing", 1, "2025-06-06", "2025-06-16",
        "2025-06-13", "2025-06-30", "2025-07-15", id="housing-s1-acked-late-ni",
    ),
    # St Andrew's Day 2025 is Sunday 30 Nov, substitute Mon 1 Dec in Scotland only.
    # Scotland from Fri 28 Nov: 2-5, 8 Dec (5th); + 10 = 22 Dec; + 10 = 23, 24, 29-31,
    # 5-9 Jan (2 Jan is a Scottish holiday). England: 1-5 Dec (5th); + 10 = 19 Dec;
    # + 10 = 22-24, 29-31, 2, 5-7 Jan.
    pytest.param(
        "scotland", "housing", 1, "2025-11-28", None,
        "2025-12-08", "2025-12-22", "2026-01-09", id="housing-s1-st-andrews-scotland",
    ),
    pytest.param(
        "england-and-wales", "housing", 1, "2025-11-28", None,
        "2025-12-05", "2025-12-19", "2026-01-07", id="housing-s1-st-andrews-england",
    ),
    # Scotland's summer holiday is the first Monday in August (4 Aug 2025), England's
    # the last (25 Aug). Scotland from Fri 1 Aug: 5-8, 11 (5th), 12-15, 18-22, 25 Aug
    # (15th), 26-29, 1-5, 8 Sep (25th). England: 4-8 (5th), 11-15, 18-22 (15th),
    # 26-29, 1-5, 8 Sep (25th).
    pytest.param(
        "scotland", "corporate", 1, "2025-08-01", None,
        "2025-08-11", "2025-08-25", "2025-09-08", id="corporate-s1-august-scotland",
    ),
    pytest.param(
        "england-and-wales", "corporate", 1, "2025-08-01", None,
        "2025-08-08", "2025-08-22", "2025-09-08", id="corporate-s1-august-england",
    ),
    # St Patrick's Day, Mon 17 Mar 2025, in Northern Ireland only; Easter (18, 21 Apr)
    # in both. NI from Fri 14 Mar: 18-21, 24 (5th); + 10 = 7 Apr; + 10 = 8-11, 14-17,
    # 22, 23 Apr. England: 17-21 (5th); + 10 = 4 Apr; + 10 = 7-11, 14-17, 22 Apr.
    pytest.param(
        "northern-ireland", "housing", 1, "2025-03-14", None,
        "2025-03-24", "2025-04-07", "2025-04-23", id="housing-s1-st-patricks-ni",
    ),
    pytest.param(
        "england-and-wales", "housing", 1, "2025-03-14", None,
        "2025-03-21", "2025-04-04", "2025-04-22", id="housing-s1-st-patricks-england",
    ),
    # Battle of the Boyne, Fri 12 July 2024, in Northern Ireland only; NI's late summer
    # holiday (26 Aug) as in England. NI from Thu 11 July: 15-19 (5th), ..., 9 Aug
    # (20th); + 20 = 12-16, 19-23, 27-30, 2-6, 9 Sep. England: 12, 15-18 (5th), ...,
    # 8 Aug (20th); + 20 = 9, 12-16, 19-23, 27-30, 2-6 Sep.
    pytest.param(
        "northern-ireland", "corporate", 2, "2024-07-11", None,
        "2024-07-19", "2024-08-09", "2024-09-09", id="corporate-s2-boyne-ni",
    ),
    pytest.param(
        "england-and-wales", "corporate", 2, "2024-07-11", None,
        "2024-07-18", "2024-08-08", "2024-09-06", id="corporate-s2-boyne-england",
    ),
]
# fmt: on


@pytest.mark.parametrize(
    ("nation", "policy", "stage", "started", "acknowledged", "ack_by", "respond_by", "latest"),
    CASES,
)
def test_stage_deadlines(
    nation: str,
    policy: str,
    stage: int,
    started: str,
    acknowledged: str | None,
    ack_by: str,
    respond_by: str,
    latest: str,
) -> None:
    result = stage_deadlines(
        POLICIES[policy],
        stage,
        CALENDARS[nation],
        D(started),
        D(acknowledged) if acknowledged else None,
    )
    assert result == StageDeadlines(D(ack_by), D(respond_by), D(latest))


# -- closure days ---------------------------------------------------------------------------

CLOSURE = [D("2025-12-29"), D("2025-12-30"), D("2025-12-31")]


def test_closure_days_move_deadlines_and_removing_them_moves_them_back() -> None:
    received = D("2025-12-23")
    normal = StageDeadlines(D("2026-01-02"), D("2026-01-16"), D("2026-01-30"))
    # Closed 29-31 Dec: 24 Dec, 2, 5, 6, 7 Jan (5th), 8, 9, 12-16, 19-21 (15th),
    # 22, 23, 26-30, 2-4 Feb (25th).
    closed = StageDeadlines(D("2026-01-07"), D("2026-01-21"), D("2026-02-04"))

    assert stage_deadlines(HOUSING, 1, EW, received) == normal
    with_closure = EW.with_closure_days(CLOSURE)
    assert stage_deadlines(HOUSING, 1, with_closure, received) == closed
    assert stage_deadlines(HOUSING, 1, with_closure.with_closure_days([]), received) == normal


def test_closure_day_after_the_acknowledgement_moves_only_later_deadlines() -> None:
    # Closed Fri 23 Jan 2026 only: received Mon 5 Jan, ack by 12 Jan (unchanged),
    # respond 10 WD after 12 Jan = 13-16, 19-22, 26, 27 (instead of 26 Jan).
    calendar = EW.with_closure_days([D("2026-01-23")])
    result = stage_deadlines(HOUSING, 1, calendar, D("2026-01-05"))
    assert result.acknowledge_by == D("2026-01-12")
    assert result.respond_by == D("2026-01-27")
    assert stage_deadlines(HOUSING, 1, EW, D("2026-01-05")).respond_by == D("2026-01-26")


# -- helpers and errors ---------------------------------------------------------------------


def test_as_dict_uses_iso_dates() -> None:
    deadlines = StageDeadlines(D("2026-01-02"), D("2026-01-16"), D("2026-01-30"))
    assert deadlines.as_dict() == {
        "acknowledge_by": "2026-01-02",
        "respond_by": "2026-01-16",
        "latest_extended_respond_by": "2026-01-30",
    }


def test_extended_respond_by() -> None:
    # Fri 19 Dec 2025 + 5: 22, 23, 24, 29, 30 Dec.
    assert extended_respond_by(EW, D("2025-12-19"), 5) == D("2025-12-30")
    assert extended_respond_by(EW, D("2025-12-19"), 0) == D("2025-12-19")
    # Beyond the cap is allowed: the caller decides whether a good reason was recorded.
    assert extended_respond_by(EW, D("2026-01-16"), 30) == D("2026-02-27")


def test_unknown_stage() -> None:
    with pytest.raises(UnknownStage):
        stage_deadlines(HOUSING, 3, EW, D("2025-06-09"))


def test_acknowledged_before_started_is_an_error() -> None:
    with pytest.raises(ValueError, match="acknowledged_on 2025-06-08 is before started_on"):
        stage_deadlines(HOUSING, 1, EW, D("2025-06-09"), D("2025-06-08"))


@pytest.mark.parametrize(
    ("started", "acknowledged", "message"),
    [
        ("2014-06-02", None, "started_on 2014-06-02 is outside the working-day calendar"),
        ("2041-01-02", None, "started_on 2041-01-02 is outside the working-day calendar"),
        ("2040-12-03", None, "fall after 2040"),
        ("2040-06-01", "2041-01-02", "acknowledged_on 2041-01-02 is outside"),
    ],
)
def test_dates_outside_the_calendar(started: str, acknowledged: str | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        stage_deadlines(HOUSING, 1, EW, D(started), D(acknowledged) if acknowledged else None)


# -- the bulk path agrees with the definition -----------------------------------------------


def reference(policy, stage, calendar, started, acknowledged) -> StageDeadlines:
    """The policy rules spelt out with add_working_days, independent of the fast path."""
    rules = policy.stage(stage)
    ack_by = calendar.add_working_days(started, rules.acknowledge.working_days)
    if rules.respond.counts_from == "acknowledgement":
        respond_from = acknowledged if acknowledged is not None else ack_by
    else:
        respond_from = started
    respond_by = calendar.add_working_days(respond_from, rules.respond.working_days)
    latest = calendar.add_working_days(respond_by, rules.extension_cap_working_days)
    return StageDeadlines(ack_by, respond_by, latest)


@pytest.mark.parametrize("nation", sorted(CALENDARS))
def test_computer_matches_reference_every_day(nation: str) -> None:
    calendar = CALENDARS[nation].with_closure_days(CLOSURE)
    computers = {
        (name, stage): StageDeadlineComputer(policy, stage, calendar)
        for name, policy in POLICIES.items()
        for stage in (1, 2)
    }
    day = D("2021-11-01")
    while day < D("2026-02-01"):
        for (name, stage), compute in computers.items():
            for acknowledged in (None, day, day + timedelta(days=3)):
                expected = reference(POLICIES[name], stage, calendar, day, acknowledged)
                assert compute(day, acknowledged) == expected, (name, stage, day, acknowledged)
        day += timedelta(days=1)
