"""How staff roles read on pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from shared.people.models import StaffRole

R = StaffRole

ROLE_LABELS = {
    R.COMPLAINTS_OFFICER: _l("Complaints officer"),
    R.INVESTIGATING_OFFICER: _l("Investigating officer"),
    R.REVIEWER: _l("Stage 2 reviewer"),
    R.COMPLAINTS_MANAGER: _l("Complaints manager"),
    R.REPORT_VIEWER: _l("Report viewer"),
}

ROLE_DESCRIPTIONS = {
    R.COMPLAINTS_OFFICER: _l("Logs, acknowledges and closes complaints, and chases them."),
    R.INVESTIGATING_OFFICER: _l("Investigates and answers stage 1 complaints in a service."),
    R.REVIEWER: _l("Reviews complaints at stage 2, independently of stage 1."),
    R.COMPLAINTS_MANAGER: _l(
        "Does everything, and manages staff accounts and the council's closure days."
    ),
    R.REPORT_VIEWER: _l("Sees figures and reports only, never a resident's personal data."),
}


def role_label(role: str) -> str:
    return str(ROLE_LABELS[StaffRole(role)])
