"""Notices to residents: rendered in their language and queued in the outbox, inside the
transaction of the change they tell of. `complaints outbox send` delivers them."""

from __future__ import annotations

import uuid

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from shared.extensions import db
from shared.models import Complaint, OutboxMessage

SUBJECTS = {
    "complaint_received": _l("We have received your complaint %(reference)s"),
    "stage_1_acknowledgement": _l("Your complaint %(reference)s: what we will look into"),
    "stage_1_response": _l("Our response to your complaint %(reference)s"),
    "stage_2_requested": _l("We have received your request for a review of %(reference)s"),
    "stage_2_acknowledgement": _l("Your stage 2 review %(reference)s: what we will look into"),
    "stage_2_response": _l("Our final response to your complaint %(reference)s"),
    "complaint_withdrawn": _l("Your complaint %(reference)s has been withdrawn"),
}

OMBUDSMEN = {
    True: {
        "name": _l("Housing Ombudsman Service"),
        "phone": "0300 111 3000",
        "web": "www.housing-ombudsman.org.uk",
    },
    False: {
        "name": _l("Local Government and Social Care Ombudsman"),
        "phone": "0300 061 0614",
        "web": "www.lgo.org.uk",
    },
}


def public_url(endpoint: str, **values) -> str:
    """An absolute link for an email, built without needing a request."""
    adapter = current_app.url_map.bind("localhost", url_scheme="https")
    return current_app.config["PUBLIC_BASE_URL"] + adapter.build(endpoint, values)


def ombudsman_for(complaint: Complaint) -> dict:
    return OMBUDSMEN[bool(complaint.service_area and complaint.service_area.is_housing_landlord)]


def queue(complaint: Complaint, kind: str, tracking_secret: str | None = None) -> OutboxMessage:
    """Render a notice in the resident's language and add it to the outbox (no commit)."""
    tracking_url = (
        public_url("portal.track", reference=complaint.reference, secret=tracking_secret)
        if tracking_secret
        else None
    )
    with force_locale(complaint.locale or "en"):
        subject = str(SUBJECTS[kind]) % {"reference": complaint.reference}
        body = render_template(
            f"emails/{kind}.txt",
            complaint=complaint,
            stage=complaint.current,
            council_name=current_app.config["COUNCIL_NAME"],
            tracking_url=tracking_url,
            ombudsman=ombudsman_for(complaint),
        )
    domain = current_app.config["MAIL_FROM"].rpartition("@")[2] or "localhost"
    message = OutboxMessage(
        complaint_id=complaint.id,
        kind=kind,
        recipient=complaint.contact_email,
        subject=subject,
        body_text=body,
        message_id=f"<{uuid.uuid4()}@{domain}>",
    )
    db.session.add(message)
    return message
