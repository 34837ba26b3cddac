"""Storing a complaint's deadlines from the SLA engine, so queues and reports read columns."""

from __future__ import annotations

from shared.cases.models import Complaint, ComplaintStatus
from shared.sla import WorkingDayCalendar, get_policy, stage_deadlines

S = ComplaintStatus
# States in which the council owes the resident something with a deadline.
AWAITING_ACKNOWLEDGEMENT = frozenset({S.RECEIVED, S.STAGE_2_REQUESTED})
AWAITING_RESPONSE = frozenset({S.ACKNOWLEDGED, S.STAGE_2_ACKNOWLEDGED})


def refresh_deadlines(complaint: Complaint, calendar: WorkingDayCalendar) -> None:
    """Store the deadlines still to be met, and the one the council must meet next.

    Deadlines already met stay as they were, so the record shows what was owed at the time.
    """
    policy = get_policy(complaint.sla_policy)
    for stage in complaint.stages:
        deadlines = stage_deadlines(
            policy, stage.number, calendar, stage.started_on, stage.acknowledged_on
        )
        if stage.acknowledged_on is None:
            stage.acknowledge_by = deadlines.acknowledge_by
        if stage.responded_on is None:
            stage.respond_by = extended(calendar, deadlines.respond_by, stage)
            stage.latest_extended_respond_by = deadlines.latest_extended_respond_by
    complaint.next_deadline = next_deadline(complaint)


def extended(calendar: WorkingDayCalendar, respond_by, stage) -> object:
    """The response deadline with the stage's extensions in force added."""
    days = stage.extension_working_days or 0
    return calendar.add_working_days(respond_by, days) if days else respond_by


def next_deadline(complaint: Complaint):
    if complaint.status in AWAITING_ACKNOWLEDGEMENT:
        return complaint.current.acknowledge_by
    if complaint.status in AWAITING_RESPONSE:
        return complaint.current.respond_by
    return None
