"""Writing a checked decision onto a stage, inside the respond move (`shared.cases.moves`),
which holds the lock, checks the version and records the audit event."""

from __future__ import annotations

from datetime import date, datetime

from shared.decisions.models import Lesson, OutstandingAction, Remedy
from shared.decisions.rules import Checked


def record_decision(complaint, stage, checked: Checked, at: datetime, on: date) -> dict:
    """Store the findings, remedies, actions and lesson; return the facts the resident's
    notice needs (the decision letter states them: Code 6.9, 6.19)."""
    findings = []
    for point in stage.live_points:
        point.finding, point.finding_reasons = checked.findings[point.id]
        findings.append({"number": point.number, "finding": point.finding})
    remedies = []
    for values in checked.remedies:
        remedy = Remedy(stage_number=stage.number, created_at=at, **values)
        complaint.remedies.append(remedy)
        remedies.append(
            {
                "kind": remedy.kind,
                "detail": remedy.detail,
                "amount_pence": remedy.amount_pence,
                "due_on": remedy.due_on.isoformat(),
            }
        )
    actions = []
    for values in checked.actions:
        complaint.outstanding_actions.append(
            OutstandingAction(stage_number=stage.number, created_at=at, **values)
        )
        actions.append({"what": values["what"], "due_on": values["due_on"].isoformat()})
    if checked.lesson:
        complaint.lessons.append(
            Lesson(stage_number=stage.number, recorded_on=on, **checked.lesson)
        )
    return {"findings": findings, "remedies": remedies, "outstanding_actions": actions}
