"""The equalities analysis: counts by answer, stage and outcome made in SQL, with every count
under 5 hidden and any count that would reveal a hidden one hidden too. Numbers small enough
to check by hand."""

from __future__ import annotations

from datetime import date

import pytest

from shared.cases import Actor, close
from shared.db import unit_of_work
from shared.equalities import (
    PREFER_NOT_TO_SAY,
    QUESTIONS,
    SUPPRESSED,
    equalities_analysis,
    equalities_report,
    record_answers,
    suppress,
)
from tests.factories import acknowledge, at, make_staff, respond, submit

# -- hiding counts, on tables given by hand ----------------------------------------------------


def hidden_cells(grid):
    cells, _rows, _columns, _overall = suppress(grid)
    return [
        [("x" if h else n) for n, h in zip(row, hide, strict=True)]
        for row, hide in zip(grid, cells, strict=True)
    ]


def test_nothing_is_hidden_when_every_count_is_5_or_more():
    grid = [[5, 6], [7, 8]]
    cells, rows, columns, overall = suppress(grid)
    assert cells == [[False, False], [False, False]]
    assert rows == [False, False] and columns == [False, False] and overall is False


def test_a_count_under_5_hides_the_counts_that_would_give_it_away():
    # 3 is under 5. Row 0 (3 + 10 = 13) would give it away, so 10 is hidden too; column 0
    # (3 + 20 = 23) likewise hides 20; and then row 1 (20 + 30 = 50) would give the 20 away,
    # so 30 is hidden as well. The totals stay: no line has exactly one hidden count.
    grid = [[3, 10], [20, 30]]
    cells, rows, columns, overall = suppress(grid)
    assert cells == [[True, True], [True, True]]
    assert rows == [False, False]
    assert columns == [False, False]
    assert overall is False


def test_a_hidden_count_takes_the_smallest_other_count_in_its_row_and_column():
    # 2 is hidden; in its row the smallest other count is 6, in its column 7; then row 1
    # has 7 hidden and takes its smallest other, 8 (not 40), and column 1 has 6 and 8
    # hidden (two), so 9 and 40 stay.
    assert hidden_cells([[2, 6, 9], [7, 8, 40], [12, 13, 14]]) == [
        ["x", "x", 9],
        ["x", "x", 40],
        [12, 13, 14],
    ]


def test_zero_counts_as_under_5():
    assert hidden_cells([[0, 9, 9], [9, 9, 9], [9, 9, 9]]) == [
        ["x", "x", 9],
        ["x", "x", 9],
        [9, 9, 9],
    ]


def test_a_total_under_5_is_hidden_and_so_is_another_total_beside_it():
    # Row totals 4 and 20 and 30: 4 is hidden; the row totals add up to the overall total,
    # so the smallest other row total (20) is hidden too.
    grid = [[2, 2], [10, 10], [15, 15]]
    cells, rows, columns, overall = suppress(grid)
    assert rows == [True, True, False]
    assert cells[0] == [True, True]
    assert overall is False
    assert columns == [False, False]


def test_no_line_is_left_with_exactly_one_hidden_count():
    grid = [[1, 7, 12, 30], [6, 2, 40, 9], [25, 18, 3, 11], [8, 50, 6, 4]]
    cells, rows, columns, overall = suppress(grid)
    for r, row in enumerate(cells):
        assert sum(row) + rows[r] != 1
    for c in range(4):
        assert sum(cells[r][c] for r in range(4)) + columns[c] != 1
    assert sum(columns) + overall != 1
    assert sum(rows) + overall != 1
    # Every count under 5 is hidden.
    assert all(cells[r][c] for r in range(4) for c in range(4) if grid[r][c] < 5)


# -- counted from the record ------------------------------------------------------------------


def answers(**given) -> dict[str, str]:
    return {q.code: given.get(q.code, PREFER_NOT_TO_SAY) for q in QUESTIONS}


@pytest.fixture
def answered(app):
    """Twelve complaints received in April 2025 with answers, and one received outside the
    period. Age: 25 to 34 for eight (six answered at stage 1 upheld, two still with no
    decision), 35 to 44 for three (stage 1, no decision), prefer not to say for one
    (stage 2, not upheld)."""
    staff = make_staff("complaints_manager")
    reviewer = make_staff("reviewer")  # independent of stage 1

    def make(age, outcome=None, stage_two_outcome=None, received="2025-04-07 10:00"):
        sent = submit(received=received)
        complaint = sent.complaint
        if outcome:
            acknowledge(complaint, staff, on="2025-04-08 10:00")
            respond(complaint, staff, on="2025-04-10 10:00", outcome=outcome)
        if stage_two_outcome:
            from shared.cases import request_stage_two

            with unit_of_work():
                request_stage_two(Actor.resident(), complaint, at=at("2025-04-11 10:00"))
            acknowledge(complaint, reviewer, on="2025-04-14 10:00", stage=2)
            respond(complaint, reviewer, on="2025-04-16 10:00", stage=2, outcome=stage_two_outcome)
        with unit_of_work():
            record_answers(complaint, answers(age_band=age, sex="female"))
        return complaint

    for _ in range(6):
        make("25_to_34", outcome="upheld")
    for _ in range(2):
        make("25_to_34")
    for _ in range(3):
        make("35_to_44")
    make(PREFER_NOT_TO_SAY, outcome="not_upheld", stage_two_outcome="not_upheld")
    make("25_to_34", outcome="upheld", received="2025-03-31 10:00")  # before the period
    return staff


APRIL = (date(2025, 4, 1), date(2025, 4, 30))


def table(analysis, code):
    return next(t for t in analysis.tables if t.question.code == code)


def shown(row):
    return [cell.shown for cell in row.cells], row.total.shown


def test_counts_by_answer_stage_and_outcome_with_small_counts_hidden(answered):
    analysis = equalities_analysis(*APRIL)
    assert analysis.responses.shown == 12
    age = table(analysis, "age_band")
    rows = {row.code: row for row in age.rows}
    # Columns: stage 1 upheld, partially upheld, not upheld, no decision; then stage 2.
    # 25 to 34: 6 upheld at stage 1 (shown), 2 with no decision (hidden, under 5). Its row
    # total (8) would give the 2 away, so the next smallest count in the row, a 0, is hidden.
    assert shown(rows["25_to_34"]) == ([6, None, None, None, None, None, None, None], 8)
    # 35 to 44: all 3 are under 5, and so is its total.
    assert shown(rows["35_to_44"]) == ([None] * 8, None)
    assert shown(rows[PREFER_NOT_TO_SAY]) == ([None] * 8, None)
    # Column totals: stage 1 upheld 6 is shown; stage 1 no decision is 5 (2 + 3), shown; the
    # rest are under 5. Overall 12.
    assert [cell.shown for cell in age.column_totals] == [6, None, None, 5, None, None, None, None]
    assert age.total.shown == 12
    # Sex: 12 "female", so the row for female shows what the column totals show.
    sex = {row.code: row for row in table(analysis, "sex").rows}
    assert sex["female"].total.shown == 12
    assert sex["male"].total.shown is None


def test_no_published_count_lets_a_hidden_one_be_worked_out(answered):
    for t in equalities_analysis(*APRIL).tables:
        lines = [[*row.cells, row.total] for row in t.rows]
        lines += [[row.cells[c] for row in t.rows] + [t.column_totals[c]] for c in range(8)]
        lines.append([*t.column_totals, t.total])
        lines.append([*(row.total for row in t.rows), t.total])
        for line in lines:
            assert sum(cell.suppressed for cell in line) != 1, t.question.code


def test_the_period_is_of_the_date_each_complaint_was_received(answered):
    march = equalities_analysis(date(2025, 3, 1), date(2025, 3, 31))
    assert march.responses.shown is None  # one answer: fewer than 5
    empty = equalities_analysis(date(2024, 4, 1), date(2025, 3, 30))
    assert empty.responses.shown is None


def test_the_report_section_writes_hidden_counts_as_fewer_than_5(answered):
    report = equalities_report(*APRIL)
    assert report["responses"] == 12
    assert report["columns"][0] == "stage1_upheld"
    age = report["questions"]["age_band"]
    assert age["categories"]["25_to_34"]["stage1_upheld"] == 6
    assert age["categories"]["25_to_34"]["stage1_no_decision"] == SUPPRESSED
    assert age["categories"]["35_to_44"]["total"] == SUPPRESSED
    assert age["totals"] == {
        "total": 12,
        "stage1_upheld": 6,
        "stage1_partially_upheld": SUPPRESSED,
        "stage1_not_upheld": SUPPRESSED,
        "stage1_no_decision": 5,
        "stage2_upheld": SUPPRESSED,
        "stage2_partially_upheld": SUPPRESSED,
        "stage2_not_upheld": SUPPRESSED,
        "stage2_no_decision": SUPPRESSED,
    }
    # Nothing in it names or points at a complaint or a person.
    text = repr(report)
    assert "Sam Resident" not in text and "resident@example.com" not in text


def test_a_closed_complaint_counts_under_its_last_stage_and_outcome(answered):
    staff = answered
    sent = submit(received="2025-04-20 10:00")
    acknowledge(sent.complaint, staff, on="2025-04-21 10:00")
    respond(sent.complaint, staff, on="2025-04-22 10:00", outcome="upheld")
    with unit_of_work():
        close(Actor.staff(staff), sent.complaint, at=at("2025-04-23 10:00"))
        record_answers(sent.complaint, answers(age_band="25_to_34"))
    age = table(equalities_analysis(*APRIL), "age_band")
    rows = {row.code: row for row in age.rows}
    assert rows["25_to_34"].cells[0].shown == 7
