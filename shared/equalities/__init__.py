"""Equalities monitoring: optional answers a resident gives after making a complaint, kept
apart from it (see `models.py` for how), never shown on a case, counted only in aggregate
with small counts hidden (`analysis.py`)."""

from shared.equalities.analysis import (
    SUPPRESSED,
    Count,
    EqualitiesAnalysis,
    equalities_analysis,
    equalities_report,
    suppress,
)
from shared.equalities.models import EqualitiesResponse, EqualitiesResponseLink
from shared.equalities.questions import PREFER_NOT_TO_SAY, QUESTIONS
from shared.equalities.records import AlreadyAnswered, has_answered, record_answers

__all__ = [
    "PREFER_NOT_TO_SAY",
    "QUESTIONS",
    "SUPPRESSED",
    "AlreadyAnswered",
    "Count",
    "EqualitiesAnalysis",
    "EqualitiesResponse",
    "EqualitiesResponseLink",
    "equalities_analysis",
    "equalities_report",
    "has_answered",
    "record_answers",
    "suppress",
]
