"""The staff side: queues, case pages and the actions that move a complaint on."""

from flask import Blueprint

blueprint = Blueprint("backoffice", __name__, template_folder="templates")

from backoffice import (  # noqa: E402,F401  (routes register on import)
    audit_views,
    circumstances_views,
    correspondence_views,
    decision_views,
    equalities_views,
    notices_views,
    report_views,
    service_views,
    staff_views,
    views,
)
