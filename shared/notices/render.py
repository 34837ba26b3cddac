"""Rendering a queued notice in the recipient's language: its subject, and its wording as
Notify-style markup that `formats` turns into plain text, an HTML email and a letter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from flask import current_app, render_template
from flask_babel import force_locale, format_currency, gettext
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
    "sign_in_link": _l("Your link to follow your complaints (%(reference)s)"),
    "definition_point_added": _l("Your complaint %(reference)s: a point added"),
    "definition_point_moved": _l("Your complaint %(reference)s: a point made a new complaint"),
    "action_update": _l("Your complaint %(reference)s: an update on what we promised"),
    # To the member of staff handling the complaint (shared.evidence.records).
    "information_added": _l("New information on complaint %(reference)s"),
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
    """What a decision notice tells, point by point: the finding and reasons recorded on each
    point of the definition (shared.decisions), the remedies and the outstanding actions
    queued with the notice. A stage decided without findings per point (an imported one)
    gives its one outcome for every point and its one text of reasons."""
    findings = {f["number"]: f["finding"] for f in facts.get("findings") or []}
    if findings:
        points = [
            {"point": p.text, "outcome": findings[p.number], "reasons": p.finding_reasons}
            for p in stage.live_points
            if p.number in findings
        ]
    else:
        points = [
            {"point": point, "outcome": facts.get("outcome"), "reasons": None}
            for point in ((stage.definition or {}).get("points") or [])
        ]
    actions = [
        {"action": action["what"], "due": date.fromisoformat(action["due_on"])}
        for action in facts.get("outstanding_actions") or []
    ]
    remedies = [
        _remedy_text(remedy["detail"], remedy.get("amount_pence"))
        for remedy in facts.get("remedies") or []
    ]
    return {
        "points": points,
        "reasons": stage.decision_reasons,
        "remedies": remedies,
        "actions": actions,
    }


def _remedy_text(detail: str, amount_pence: int | None) -> str:
    if not amount_pence:
        return detail
    return gettext(
        "%(detail)s (%(amount)s)",
        detail=detail,
        amount=format_currency(amount_pence / 100, "GBP"),
    )


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
