"""The short satisfaction survey a resident is offered once their complaint is closed, kept
in its own table, shown to staff on the case and counted for reports."""

from shared.surveys.models import SatisfactionSurvey
from shared.surveys.records import (
    HANDLING,
    KEPT_INFORMED,
    MAX_COMMENT,
    AlreadyAnswered,
    SatisfactionSummary,
    handling_label,
    kept_informed_label,
    may_answer,
    record_survey,
    satisfaction_summary,
    survey_for,
)

__all__ = [
    "HANDLING",
    "KEPT_INFORMED",
    "MAX_COMMENT",
    "AlreadyAnswered",
    "SatisfactionSummary",
    "SatisfactionSurvey",
    "handling_label",
    "kept_informed_label",
    "may_answer",
    "record_survey",
    "satisfaction_summary",
    "survey_for",
]
