"""Figures about complaints with no personal data in them, for report viewers and managers:
counts only, never a name, a reference or what anyone wrote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from shared.cases.models import Complaint, ComplaintStatus
from shared.cases.state_machine import OPEN_STATUSES
from shared.db import db
from shared.people.models import StaffUser

S = ComplaintStatus
# The open statuses in the order a complaint passes through them, with their stage.
OPEN_STATUS_ORDER = [
    (1, S.RECEIVED),
    (1, S.ACKNOWLEDGED),
    (1, S.RESPONDED),
    (2, S.STAGE_2_REQUESTED),
    (2, S.STAGE_2_ACKNOWLEDGED),
    (2, S.STAGE_2_RESPONDED),
]


@dataclass(frozen=True)
class StatusCount:
    stage: int
    status: str
    open: int
    overdue: int  # the next deadline has passed


@dataclass(frozen=True)
class OpenComplaintFigures:
    by_status: list[StatusCount]
    on: date  # the day "overdue" is counted on

    def stage_total(self, stage: int) -> StatusCount:
        rows = [row for row in self.by_status if row.stage == stage]
        return StatusCount(stage, "", sum(r.open for r in rows), sum(r.overdue for r in rows))

    @property
    def total(self) -> StatusCount:
        return StatusCount(
            0,
            "",
            sum(r.open for r in self.by_status),
            sum(r.overdue for r in self.by_status),
        )


def open_complaint_figures(today: date) -> OpenComplaintFigures:
    """Open complaints by stage and status, and how many of each are overdue on ``today``:
    one grouped query over the open complaints."""
    overdue = func.sum(case((Complaint.next_deadline < today, 1), else_=0))
    rows = db.session.execute(
        select(Complaint.current_stage, Complaint.status, func.count(), overdue)
        .where(Complaint.status.in_([str(s) for s in OPEN_STATUSES]))
        .group_by(Complaint.current_stage, Complaint.status)
    ).all()
    counted = {(stage, status): (count, late or 0) for stage, status, count, late in rows}
    by_status = [
        StatusCount(stage, str(status), *counted.pop((stage, str(status)), (0, 0)))
        for stage, status in OPEN_STATUS_ORDER
    ]
    # A combination the order above does not foresee is still counted, never dropped.
    by_status += [
        StatusCount(stage, status, count, late)
        for (stage, status), (count, late) in sorted(counted.items())
    ]
    return OpenComplaintFigures(by_status, today)


@dataclass(frozen=True)
class HandlerLoad:
    name: str | None  # None: not assigned
    open: int
    overdue: int


def workload_by_handler(today: date) -> list[HandlerLoad]:
    """Open complaints per handler, the busiest first, those not assigned last: the
    manager's view of who has what (staff names only, no resident's details)."""
    overdue = func.sum(case((Complaint.next_deadline < today, 1), else_=0))
    rows = db.session.execute(
        select(StaffUser.name, func.count(), overdue)
        .select_from(Complaint)
        .outerjoin(StaffUser, StaffUser.id == Complaint.handler_id)
        .where(Complaint.status.in_([str(s) for s in OPEN_STATUSES]))
        .group_by(Complaint.handler_id, StaffUser.name)
    ).all()
    loads = [HandlerLoad(name, count, late or 0) for name, count, late in rows]
    return sorted(loads, key=lambda load: (load.name is None, -load.open, load.name or ""))
