"""Working-day SLA engine: calendars, policies (data) and stage deadlines.

Pure functions of dates: no Flask, no database and no clock reads, so "today" is always
passed in by the caller.
"""

from shared.sla.calendar import NATION_SUBDIVISIONS, UnknownNation, WorkingDayCalendar
from shared.sla.deadlines import (
    StageDeadlineComputer,
    StageDeadlines,
    extended_respond_by,
    stage_deadlines,
)
from shared.sla.policy import (
    COUNTS_FROM,
    DEFAULT_POLICIES_PATH,
    DEFAULT_POLICY,
    DeadlineRule,
    PolicyError,
    SlaPolicy,
    StagePolicy,
    UnknownPolicy,
    UnknownStage,
    default_policies,
    get_policy,
    load_policies,
)

__all__ = [
    "COUNTS_FROM",
    "DEFAULT_POLICIES_PATH",
    "DEFAULT_POLICY",
    "NATION_SUBDIVISIONS",
    "DeadlineRule",
    "PolicyError",
    "SlaPolicy",
    "StageDeadlineComputer",
    "StageDeadlines",
    "StagePolicy",
    "UnknownNation",
    "UnknownPolicy",
    "UnknownStage",
    "WorkingDayCalendar",
    "default_policies",
    "extended_respond_by",
    "get_policy",
    "load_policies",
    "stage_deadlines",
]
