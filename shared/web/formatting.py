"""Template filters: how dates, counts and codes read on pages and in notices, in the
reader's language. The words themselves live in the domain (`shared.cases.wording`)."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask_babel import format_date, format_datetime

from shared.cases import exclusions, wording


def short_date(value: date | None) -> str:
    return format_date(value, format="d MMM y") if value else ""


def date_time(value) -> str:
    return format_datetime(value, format="d MMM y, HH:mm") if value else ""


def register(app: Flask) -> None:
    app.add_template_filter(wording.long_date, "long_date")
    app.add_template_filter(short_date)
    app.add_template_filter(date_time)
    app.add_template_filter(wording.working_days_left, "working_days_left")
    app.add_template_filter(wording.status_label, "status_label")
    app.add_template_filter(wording.extension_status_label, "extension_status_label")
    app.add_template_filter(exclusions.reason_label, "exclusion_reason_label")
    app.add_template_filter(wording.outcome_label, "outcome_label")
    app.add_template_filter(wording.outcome_sought_label, "outcome_sought_label")
    app.add_template_filter(wording.action_label, "action_label")
    app.add_template_global(wording.next_step, "next_step")
    app.add_template_global(wording.final_response_sent, "final_response_sent")
    app.add_template_global(wording.may_go_to_the_ombudsman, "may_go_to_the_ombudsman")
