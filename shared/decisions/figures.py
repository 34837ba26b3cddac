"""Figures of decisions for reports, worked out in SQL and free of personal data: remedies
by kind, findings per point, and the lessons learned in a period (Code 8.1, 9.1-9.3).

The reports and the annual report call these; each takes a period of decision dates,
both ends included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from shared.cases.models import Complaint, ComplaintStage
from shared.db import db
from shared.decisions.models import DefinitionPoint, Lesson, Remedy


def remedies_by_kind(start: date, end: date) -> dict[tuple[int, str], dict]:
    """(stage, remedy kind) -> {"count", "amount_pence"} for remedies of decisions made in
    the period; the amount is the total of financial remedies."""
    query = (
        select(
            Remedy.stage_number,
            Remedy.kind,
            func.count(Remedy.id),
            func.coalesce(func.sum(Remedy.amount_pence), 0),
        )
        .join(
            ComplaintStage,
            (ComplaintStage.complaint_id == Remedy.complaint_id)
            & (ComplaintStage.number == Remedy.stage_number),
        )
        .where(ComplaintStage.responded_on.between(start, end))
        .group_by(Remedy.stage_number, Remedy.kind)
    )
    return {
        (stage, kind): {"count": count, "amount_pence": int(amount)}
        for stage, kind, count, amount in db.session.execute(query)
    }


def findings_per_point(start: date, end: date) -> dict[tuple[int, str], int]:
    """(stage, finding) -> the number of points with that finding, for stages decided in
    the period. Points moved to another complaint are counted there, not here."""
    query = (
        select(ComplaintStage.number, DefinitionPoint.finding, func.count(DefinitionPoint.id))
        .join(ComplaintStage, ComplaintStage.id == DefinitionPoint.stage_id)
        .where(
            ComplaintStage.responded_on.between(start, end),
            DefinitionPoint.finding.isnot(None),
            DefinitionPoint.moved_to_complaint_id.is_(None),
        )
        .group_by(ComplaintStage.number, DefinitionPoint.finding)
    )
    return {(stage, finding): count for stage, finding, count in db.session.execute(query)}


@dataclass(frozen=True)
class LessonLearned:
    """A lesson for a report: what was learned and the improvement, without the resident."""

    recorded_on: date
    stage: int
    service_area_code: str
    lessons: str
    improvement_action: str | None
    improvement_due_on: date | None
    improvement_done_on: date | None


def lessons_learned(start: date, end: date) -> list[LessonLearned]:
    """The lessons learned from decisions made in the period, oldest first."""
    query = (
        select(Lesson, Complaint.service_area_code)
        .join(Complaint, Complaint.id == Lesson.complaint_id)
        .where(Lesson.recorded_on.between(start, end))
        .order_by(Lesson.recorded_on, Lesson.id)
    )
    return [
        LessonLearned(
            recorded_on=lesson.recorded_on,
            stage=lesson.stage_number,
            service_area_code=area,
            lessons=lesson.lessons,
            improvement_action=lesson.improvement_action,
            improvement_due_on=lesson.improvement_due_on,
            improvement_done_on=lesson.improvement_done_on,
        )
        for lesson, area in db.session.execute(query)
    ]
