"""A complaint's audit trail as a spreadsheet: every change, who made it, when, and what it
changed, in the order it happened (Code 5.12: a full record, exportable)."""

from __future__ import annotations

import json

from flask import Response, stream_with_context
from flask_babel import gettext

from backoffice import blueprint
from backoffice.access import requires
from backoffice.views import _complaint_or_404
from shared.cases import queries
from shared.cases.wording import action_label, status_label
from shared.people.permissions import Permission
from shared.web.spreadsheets import csv_lines


def _who(event) -> str:
    if event.staff_user:
        return event.staff_user.name
    return gettext("Resident") if event.actor_kind == "resident" else gettext("System")


@blueprint.get("/complaints/<reference>/audit-trail.csv")
@requires(Permission.VIEW_COMPLAINTS)
def audit_trail(reference: str):
    complaint = _complaint_or_404(reference)
    header = [
        gettext("When (UTC)"),
        gettext("Who"),
        gettext("What"),
        gettext("Status before"),
        gettext("Status after"),
        gettext("Details"),
        gettext("Recorded as"),
    ]
    rows = (
        [
            event.occurred_at.isoformat(),
            _who(event),
            action_label(event.action),
            status_label(event.from_status) if event.from_status else "",
            status_label(event.to_status) if event.to_status else "",
            json.dumps(event.details or {}, ensure_ascii=False, sort_keys=True, default=str),
            event.action,
        ]
        for event in queries.timeline(complaint)
    )
    return Response(
        stream_with_context(csv_lines(header, rows)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{complaint.reference}-audit-trail.csv"'
        },
    )
