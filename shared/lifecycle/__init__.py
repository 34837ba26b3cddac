"""The complaint lifecycle: every change to a complaint goes through these functions."""

from shared.lifecycle.actors import Actor
from shared.lifecycle.closure_days import add_closure_day, remove_closure_day
from shared.lifecycle.complaints import (
    SubmittedComplaint,
    acknowledge,
    acknowledge_stage_two,
    close,
    find_tracked_complaint,
    refresh_deadlines,
    request_stage_two,
    respond,
    respond_stage_two,
    submit_complaint,
    withdraw,
)
from shared.lifecycle.errors import DomainError, IllegalMove, InvalidInput, NotPermitted
from shared.lifecycle.state_machine import (
    MOVES,
    OPEN_STATUSES,
    STATUS_LABELS,
    Move,
    moves_available,
    why_not,
)

__all__ = [
    "MOVES",
    "OPEN_STATUSES",
    "STATUS_LABELS",
    "Actor",
    "DomainError",
    "IllegalMove",
    "InvalidInput",
    "Move",
    "NotPermitted",
    "SubmittedComplaint",
    "acknowledge",
    "acknowledge_stage_two",
    "add_closure_day",
    "close",
    "find_tracked_complaint",
    "moves_available",
    "refresh_deadlines",
    "remove_closure_day",
    "request_stage_two",
    "respond",
    "respond_stage_two",
    "submit_complaint",
    "why_not",
    "withdraw",
]
