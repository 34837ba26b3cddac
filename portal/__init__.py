"""The public side: residents and their representatives make and follow complaints."""

from flask import Blueprint

blueprint = Blueprint("portal", __name__, template_folder="templates")

from portal import evidence_views, views  # noqa: E402,F401  (routes register on import)
