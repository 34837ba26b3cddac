"""The public side: residents and their representatives make and follow complaints."""

from flask import Blueprint

blueprint = Blueprint("portal", __name__, template_folder="templates")

from portal import (  # noqa: E402,F401  (routes register on import)
    account_views,
    equalities_views,
    evidence_views,
    journey_evidence_views,
    journey_views,
    views,
)
