"""The demo data shows the equalities analysis with counts and hidden cells, and survey
results, once loaded (twice loads nothing more)."""

from __future__ import annotations

from shared import clock
from shared.demo import load_demo_data
from shared.equalities import EqualitiesResponse, equalities_analysis
from shared.surveys import SatisfactionSurvey, satisfaction_summary
from tests.helpers import count


def test_the_demo_has_answers_with_counts_shown_and_hidden_and_surveys(app):
    load_demo_data()
    load_demo_data()
    assert count(EqualitiesResponse) == 14
    assert count(SatisfactionSurvey) == 8
    today = clock.today()
    start = today.replace(year=today.year - 1)
    analysis = equalities_analysis(start, today)
    assert analysis.responses.shown == 14
    age = next(t for t in analysis.tables if t.question.code == "age_band")
    rows = {row.code: row for row in age.rows}
    assert rows["25_to_34"].cells[0].shown == 8  # upheld at stage 1
    assert rows["45_to_54"].total.suppressed
    summary = satisfaction_summary(start, today)
    assert summary.answered == 8
    assert summary.closed >= 12
    assert summary.satisfied == 5
