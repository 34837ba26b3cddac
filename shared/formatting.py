"""How dates, counts and codes read on pages and in letters, in the reader's language."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask_babel import format_date, format_datetime, ngettext
from flask_babel import lazy_gettext as _l

from shared.lifecycle.state_machine import STATUS_LABELS
from shared.models import ComplaintStatus, Outcome, OutcomeSought

OUTCOME_LABELS = {
    Outcome.UPHELD: _l("Upheld"),
    Outcome.PARTIALLY_UPHELD: _l("Partially upheld"),
    Outcome.NOT_UPHELD: _l("Not upheld"),
}

OUTCOME_SOUGHT_LABELS = {
    OutcomeSought.EXPLANATION: _l("An explanation"),
    OutcomeSought.APOLOGY: _l("An apology"),
    OutcomeSought.PUT_THINGS_RIGHT: _l("Put things right"),
    OutcomeSought.COMPENSATION: _l("Compensation"),
    OutcomeSought.CHANGE_OF_POLICY: _l("A change of policy or practice"),
    OutcomeSought.OTHER: _l("Something else"),
}


def long_date(value: date | None) -> str:
    """'Monday 5 January 2026' in English, the locale's own form elsewhere."""
    if value is None:
        return ""
    return format_date(value, format="EEEE d MMMM y")


def short_date(value: date | None) -> str:
    return format_date(value, format="d MMM y") if value else ""


def date_time(value) -> str:
    return format_datetime(value, format="d MMM y, HH:mm") if value else ""


def working_days_left(days: int) -> str:
    """How a queue reads time left: 'Due today', '3 working days left', '2 working days overdue'."""
    if days == 0:
        return str(_l("Due today"))
    if days > 0:
        return ngettext("%(num)d working day left", "%(num)d working days left", days)
    return ngettext("%(num)d working day overdue", "%(num)d working days overdue", -days)


def status_label(status: str) -> str:
    return str(STATUS_LABELS[ComplaintStatus(status)])


def outcome_label(outcome: str | None) -> str:
    return str(OUTCOME_LABELS[Outcome(outcome)]) if outcome else ""


def outcome_sought_label(code: str) -> str:
    return str(OUTCOME_SOUGHT_LABELS[OutcomeSought(code)])


def register(app: Flask) -> None:
    app.add_template_filter(long_date)
    app.add_template_filter(short_date)
    app.add_template_filter(date_time)
    app.add_template_filter(working_days_left)
    app.add_template_filter(status_label)
    app.add_template_filter(outcome_label)
    app.add_template_filter(outcome_sought_label)
    app.add_template_filter(action_label)


ACTION_LABELS = {
    "submit": _l("Complaint received"),
    "acknowledge": _l("Stage 1 acknowledged"),
    "respond": _l("Stage 1 response sent"),
    "request_stage_2": _l("Stage 2 review requested"),
    "acknowledge_stage_2": _l("Stage 2 acknowledged"),
    "respond_stage_2": _l("Stage 2 response sent"),
    "close": _l("Closed"),
    "withdraw": _l("Withdrawn"),
}


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label else action
