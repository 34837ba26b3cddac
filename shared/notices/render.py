"""Rendering a queued notice in the recipient's language: its subject, and its wording as
Notify-style markup that `formats` turns into plain text, an HTML email and a letter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from shared.db import db
from shared.notices import formats
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
}
# Notices to staff, about no one complaint.
STAFF_SUBJECTS = {
    "sla_reminder": _l("Your complaint deadlines on %(day)s"),
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


@dataclass(frozen=True)
class RenderedNotice:
    subject: str
    markup: str  # Notify's plain markup: what a Notify template receives
    language: str
    council_name: str

    @property
    def text(self) -> str:
        return formats.plain_text(self.markup)

    @property
    def html(self):
        return formats.html_fragment(self.markup)


def _decision(stage: ComplaintStage, facts: dict) -> dict:
    """What a decision notice tells, point by point. Today a stage records one outcome and
    one text of reasons; a notice queued with `points`, `remedies` or `actions` in its
    facts (each point as {point, outcome, reasons}, each action as {action, due}) shows
    those instead."""
    points = facts.get("points")
    if points:
        points = [
            {
                "point": p.get("point", ""),
                "outcome": p.get("outcome") or facts.get("outcome"),
                "reasons": p.get("reasons"),
            }
            for p in points
        ]
    else:
        points = [
            {"point": point, "outcome": facts.get("outcome"), "reasons": None}
            for point in ((stage.definition or {}).get("points") or [])
        ]
    actions = []
    for action in facts.get("actions") or []:
        if isinstance(action, str):
            action = {"action": action}
        due = action.get("due")
        if isinstance(due, str) and _ISO_DATE.fullmatch(due):
            due = date.fromisoformat(due)
        actions.append({"action": action.get("action", ""), "due": due})
    remedies = [
        r if isinstance(r, str) else r.get("description", "") for r in facts.get("remedies") or []
    ]
    return {
        "points": points,
        "reasons": facts.get("reasons_text") or stage.decision_reasons,
        "remedies": remedies,
        "actions": actions,
    }


def council_name_in(language: str) -> str:
    config = current_app.config
    return config.get("COUNCIL_NAMES", {}).get(language) or config["COUNCIL_NAME"]


def render(message: OutboxMessage, tracking_url: str | None = None) -> RenderedNotice:
    """A notice in the recipient's language, dates in its locale. Without a tracking URL
    the text shows where the link would be, as the stored copy does."""
    if message.kind in STAFF_SUBJECTS:
        return _render_for_staff(message)
    complaint = message.complaint
    stage, facts = _stage_and_facts(message, complaint)
    language = message.language or "en"
    config = current_app.config
    council_name = council_name_in(language)
    handler = complaint.handler
    if handler is None and stage.acknowledged_by_id:
        # No one assigned yet: whoever acknowledged the stage is dealing with it.
        from shared.people.models import StaffUser

        handler = db.session.get(StaffUser, stage.acknowledged_by_id)
    with force_locale(language):
        subject = str(SUBJECTS[message.kind]) % {"reference": complaint.reference}
        markup = render_template(
            f"emails/{message.kind}.txt",
            complaint=complaint,
            stage=stage,
            facts=facts,
            decision=_decision(stage, facts),
            handler_name=facts.get("handler") or (handler.name if handler else ""),
            recipient_name=message.recipient_name,
            council_name=council_name,
            contact={
                "phone": config.get("COUNCIL_PHONE", ""),
                "address": config.get("COUNCIL_POSTAL_ADDRESS", ""),
            },
            tracking_url=tracking_url or REDACTED_LINK,
            ombudsman=ombudsman_for(complaint.is_housing_landlord),
        )
    return RenderedNotice(subject, markup, language, council_name)


def _dated(value):
    """ISO dates in a notice's facts, at any depth, as dates."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return date.fromisoformat(value)
    if isinstance(value, list):
        return [_dated(v) for v in value]
    if isinstance(value, dict):
        return {k: _dated(v) for k, v in value.items()}
    return value


def _render_for_staff(message: OutboxMessage) -> RenderedNotice:
    from shared.cases.wording import long_date  # shared.cases imports the notices

    language = message.language or "en"
    facts = _dated(message.facts or {})
    council_name = council_name_in(language)
    with force_locale(language):
        subject = str(STAFF_SUBJECTS[message.kind]) % {"day": long_date(facts.get("day"))}
        markup = render_template(
            f"emails/{message.kind}.txt",
            facts=facts,
            recipient_name=message.recipient_name,
            council_name=council_name,
            queue_url=public_url("backoffice.queue"),
        )
    return RenderedNotice(subject, markup, language, council_name)


def render_notice(message: OutboxMessage, tracking_url: str | None = None) -> tuple[str, str]:
    """The subject and plain text of a notice in the recipient's language."""
    rendered = render(message, tracking_url)
    return rendered.subject, rendered.text


def redact(text: str, tracking_url: str | None) -> str:
    """The text with the private link, and its secret on its own, taken out."""
    if not tracking_url:
        return text
    text = text.replace(tracking_url, REDACTED_LINK)
    secret = tracking_url.rstrip("/").rpartition("/")[2]
    return text.replace(secret, REDACTED_LINK) if len(secret) >= 32 else text
