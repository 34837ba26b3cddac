"""Complaints: the record, its state machine and every move that changes it.

Every change to a complaint goes through `shared.cases.moves`; pages and commands import
what they need from here.
"""

from shared.cases import circumstances  # noqa: E402,F401  (its models register on import)
from shared.cases.actors import Actor
from shared.cases.closure_days import add_closure_day, remove_closure_day
from shared.cases.deadlines import refresh_deadlines
from shared.cases.moves import (
    NewComplainant,
    NewRepresentative,
    acknowledge,
    acknowledge_stage_two,
    assign,
    close,
    complaint_from_submission,
    decide_extension,
    extend,
    lock,
    not_accept,
    request_stage_two,
    respond,
    respond_stage_two,
    reverse_exclusion,
    submit_complaint,
    treat_as_service_request,
    withdraw,
)
from shared.cases.state_machine import MOVES, OPEN_STATUSES, Move, moves_available, why_not
from shared.cases.tracking import find_tracked_complaint, issue_tracking_link
from shared.errors import CaseChanged, DomainError, IllegalMove, InvalidInput, NotPermitted

__all__ = [
    "MOVES",
    "OPEN_STATUSES",
    "Actor",
    "CaseChanged",
    "DomainError",
    "IllegalMove",
    "InvalidInput",
    "Move",
    "NewComplainant",
    "NewRepresentative",
    "NotPermitted",
    "acknowledge",
    "acknowledge_stage_two",
    "assign",
    "add_closure_day",
    "close",
    "complaint_from_submission",
    "decide_extension",
    "extend",
    "find_tracked_complaint",
    "issue_tracking_link",
    "lock",
    "not_accept",
    "moves_available",
    "refresh_deadlines",
    "remove_closure_day",
    "request_stage_two",
    "respond",
    "respond_stage_two",
    "reverse_exclusion",
    "submit_complaint",
    "treat_as_service_request",
    "why_not",
    "withdraw",
]
