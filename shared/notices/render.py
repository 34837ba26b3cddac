"""Rendering a queued notice into its subject and text, in the recipient's language."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from shared.notices.models import OutboxMessage
from shared.reference.ombudsmen import ombudsman_for

if TYPE_CHECKING:
    from shared.cases.models import Complaint, ComplaintStage

SUBJECTS = {
    "complaint_received": _l("We have received your complaint %(reference)s"),
    "stage_1_acknowledgement": _l("Your complaint %(reference)s: what we will look into"),
    "stage_1_response": _l("Our response to your complaint %(reference)s"),
    "stage_2_requested": _l("We have received your request for a review of %(reference)s"),
    "stage_2_acknowledgement": _l("Your stage 2 review %(reference)s: what we will look into"),
    "stage_2_response": _l("Our final response to your complaint %(reference)s"),
    "complaint_withdrawn": _l("Your complaint %(reference)s has been withdrawn"),
    "extension": _l("We need more time to respond to your complaint %(reference)s"),
    "not_accepted": _l("Your complaint %(reference)s: our decision not to accept it"),
    "service_request": _l("Your complaint %(reference)s: we are treating it as a request"),
    "exclusion_reversed": _l("Your complaint %(reference)s: we will now consider it"),
    # To the member of staff handling the complaint (shared.evidence.records).
    "information_added": _l("New information on complaint %(reference)s"),
}
# What the stored copy of a notice shows where its private link was.
REDACTED_LINK = "[private link removed]"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def public_url(endpoint: str, **values) -> str:
    """An absolute link for a notice, built without needing a request."""
    adapter = current_app.url_map.bind("localhost", url_scheme="https")
    return current_app.config["PUBLIC_BASE_URL"] + adapter.build(endpoint, values)


def _stage_and_facts(message: OutboxMessage, complaint: Complaint) -> tuple[ComplaintStage, dict]:
    """The stage the notice is about and what it tells: the facts fixed when it was queued,
    over what the stage holds now (a notice queued before facts were kept has none)."""
    stored = message.facts or {}
    stage = complaint.stage(stored.get("stage") or complaint.current_stage) or complaint.current
    facts = {
        "stage": stage.number,
        "acknowledge_by": stage.acknowledge_by,
        "respond_by": stage.respond_by,
        "outcome": stage.outcome,
    }
    for key, value in stored.items():
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            value = date.fromisoformat(value)
        facts[key] = value
    return stage, facts


def render_notice(message: OutboxMessage, tracking_url: str | None = None) -> tuple[str, str]:
    """The subject and text of a notice in the recipient's language. Without a tracking URL
    the text shows where the link would be, as the stored copy does."""
    complaint = message.complaint
    stage, facts = _stage_and_facts(message, complaint)
    language = message.language or "en"
    config = current_app.config
    council_name = config.get("COUNCIL_NAMES", {}).get(language) or config["COUNCIL_NAME"]
    with force_locale(language):
        subject = str(SUBJECTS[message.kind]) % {"reference": complaint.reference}
        body = render_template(
            f"emails/{message.kind}.txt",
            complaint=complaint,
            stage=stage,
            facts=facts,
            recipient_name=message.recipient_name,
            council_name=council_name,
            tracking_url=tracking_url or REDACTED_LINK,
            ombudsman=ombudsman_for(complaint.is_housing_landlord),
        )
    return subject, body


def redact(text: str, tracking_url: str | None) -> str:
    """The text with the private link, and its secret on its own, taken out."""
    if not tracking_url:
        return text
    text = text.replace(tracking_url, REDACTED_LINK)
    secret = tracking_url.rstrip("/").rpartition("/")[2]
    return text.replace(secret, REDACTED_LINK) if len(secret) >= 32 else text
