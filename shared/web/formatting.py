"""Template filters: how dates, counts and codes read on pages and in notices, in the
reader's language. The words themselves live in the domain (`shared.cases.wording`)."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask_babel import format_date, format_datetime, gettext

from shared.cases import exclusions, wording
from shared.drafts import wording as support_wording
from shared.evidence import wording as evidence_wording
from shared.ombudsman import wording as ombudsman_wording
from shared.reference.ombudsmen import ombudsman_name
from shared.web import i18n


def short_date(value: date | None) -> str:
    return format_date(value, format="d MMM y") if value else ""


def date_time(value) -> str:
    return format_datetime(value, format="d MMM y, HH:mm") if value else ""


def service_area_name(name: str | None) -> str:
    """A service area's stored name in the reader's language (see ServiceArea.display_name)."""
    return gettext(name) if name else ""


def register(app: Flask) -> None:
    app.add_template_filter(service_area_name)
    app.add_template_filter(wording.long_date, "long_date")
    app.add_template_filter(short_date)
    app.add_template_filter(date_time)
    app.add_template_filter(wording.working_days_left, "working_days_left")
    app.add_template_filter(wording.status_label, "status_label")
    app.add_template_filter(wording.extension_status_label, "extension_status_label")
    app.add_template_filter(exclusions.reason_label, "exclusion_reason_label")
    app.add_template_filter(ombudsman_wording.determination_label, "determination_label")
    app.add_template_filter(ombudsman_wording.order_kind_label, "order_kind_label")
    app.add_template_global(ombudsman_name, "ombudsman_name")
    app.add_template_filter(wording.outcome_label, "outcome_label")
    app.add_template_filter(wording.outcome_sought_label, "outcome_sought_label")
    app.add_template_filter(wording.action_label, "action_label")
    app.add_template_filter(support_wording.adjustment_label, "adjustment_label")
    app.add_template_filter(support_wording.contact_method_label, "contact_method_label")
    app.add_template_filter(support_wording.contact_format_label, "contact_format_label")
    app.add_template_filter(support_wording.role_label, "representative_role_label")
    app.add_template_filter(i18n.language_name, "language_name")
    for name in ("direction_label", "kind_label", "sent_by_label", "file_size"):
        app.add_template_filter(getattr(evidence_wording, name), name)
    app.add_template_global(wording.next_step, "next_step")
    app.add_template_global(wording.final_response_sent, "final_response_sent")
    app.add_template_global(wording.may_go_to_the_ombudsman, "may_go_to_the_ombudsman")
