"""Equalities analysis (managers and report viewers): the monitoring answers counted by
stage and outcome, small counts hidden. And the satisfaction survey on the case page."""

from __future__ import annotations

from datetime import date

from flask import render_template, request

from backoffice import blueprint
from backoffice.access import requires
from shared import clock, surveys
from shared.equalities import equalities_analysis
from shared.equalities.analysis import NO_DECISION, NO_DECISION_LABEL
from shared.people.permissions import Permission

# How many financial years back the page offers.
YEARS_OFFERED = 6


def financial_year_of(day: date) -> int:
    """The year a council's financial year (1 April to 31 March) starts in."""
    return day.year if day.month >= 4 else day.year - 1


@blueprint.app_template_global()
def satisfaction_survey_for(complaint):
    return surveys.survey_for(complaint)


@blueprint.app_template_global()
def survey_handling_label(value):
    return surveys.handling_label(value)


@blueprint.app_template_global()
def survey_kept_informed_label(value):
    return surveys.kept_informed_label(value)


@blueprint.get("/equalities")
@requires(Permission.VIEW_EQUALITIES)
def equalities():
    current = financial_year_of(clock.today())
    years = list(range(current, current - YEARS_OFFERED, -1))
    year = request.args.get("year", type=int)
    if year not in years:
        year = current
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    return render_template(
        "backoffice/equalities.html",
        analysis=equalities_analysis(start, end),
        satisfaction=surveys.satisfaction_summary(start, end),
        years=years,
        year=year,
        no_decision=NO_DECISION,
        no_decision_label=NO_DECISION_LABEL,
    )
