"""Sending a finished draft: it becomes a complaint through the one domain function that
receives complaints, and the draft is deleted, in the caller's unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from shared import clock
from shared.cases.actors import Actor
from shared.cases.models import Complaint
from shared.cases.moves import NewComplainant, NewRepresentative, submit_complaint
from shared.drafts.answers import RULES, PageInvalid
from shared.drafts.journey import for_someone_else, pages_for
from shared.drafts.models import ComplaintDraft
from shared.drafts.records import checked_draft_files, delete_draft
from shared.errors import DomainError
from shared.evidence.files import Uploader, store_files


class DraftIncomplete(DomainError):
    """A page of the draft is unanswered, or its answer no longer holds (a service since
    withdrawn, say): the resident is sent back to it."""

    def __init__(self, page: str):
        super().__init__(_l("Answer this question before you send your complaint"))
        self.page = page


def page_context(
    answers: dict, *, today: date, service_area_codes: Sequence[str], languages: Sequence[str]
) -> dict:
    """What a page's rules need to know beyond its own answers."""
    context = {
        "today": today,
        "someone_else": for_someone_else(answers),
        "service_area_codes": list(service_area_codes),
        "languages": list(languages),
    }
    try:
        context["happened_on"] = RULES["when"](answers.get("when") or {}, context)["happened_on"]
    except PageInvalid:
        context["happened_on"] = None
    context["correspondence_to"] = (answers.get("consent") or {}).get("correspondence_to")
    person = answers.get("details") or {}
    context["has_address"] = bool(str(person.get("address") or "").strip())
    context["has_phone"] = bool(str(person.get("phone") or "").strip())
    return context


def checked_answers(answers: dict, context: dict) -> dict[str, dict]:
    """Every page's clean values, or DraftIncomplete naming the first page to answer."""
    values = {}
    for page in pages_for(answers):
        if page not in answers:
            raise DraftIncomplete(page)
        try:
            values[page] = RULES[page](answers[page], context)
        except PageInvalid:
            raise DraftIncomplete(page) from None
    return values


def send_draft(
    draft: ComplaintDraft,
    *,
    today: date,
    service_area_codes: Sequence[str],
    languages: Sequence[str],
    representative_language: str = "en",
    at: datetime | None = None,
) -> Complaint:
    at = at or clock.now()
    answers = draft.answers or {}
    context = page_context(
        answers, today=today, service_area_codes=service_area_codes, languages=languages
    )
    values = checked_answers(answers, context)
    person = values["details"]
    support = values["support"]
    representative = None
    if for_someone_else(answers):
        role, agent, consent = values["your-role"], values["your-details"], values["consent"]
        representative = NewRepresentative(
            name=agent["name"],
            role=role["role"],
            organisation=role["organisation"],
            email=agent["email"],
            phone=agent["phone"],
            consent_given_how=consent["how"],
            consent_given_on=consent["given_on"],
            correspondence_to=consent["correspondence_to"],
            preferred_language=representative_language,
        )
    outcome = values["outcome"]
    complaint = submit_complaint(
        Actor.resident(),
        complainant=NewComplainant(
            name=person["name"],
            email=person["email"],
            phone=person["phone"],
            address=person["address"],
            postcode=person["postcode"],
            preferred_language=support["language"],
            contact_method=support["contact_method"],
            contact_format=support["contact_format"],
        ),
        service_area_codes=[values["services"]["main"], *values["services"]["others"]],
        description=values["what-happened"]["description"],
        # The resident's own words; when they chose from the list only, the codes stand in.
        outcome_sought=outcome["outcome_sought"] or ", ".join(outcome["outcomes"]),
        representative=representative,
        submission_token=draft.submission_token,
        at=at,
    )
    complaint.happened_on = values["when"]["happened_on"]
    complaint.found_out_on = values["found-out"]["found_out_on"]
    complaint.staff_involved = values["staff"]["staff_involved"]
    complaint.about_discrimination = values["unfair"]["unfair"]
    complaint.outcomes_sought = outcome["outcomes"]
    complaint.complainant.adjustments = support["adjustments"] or None
    complaint.complainant.adjustments_detail = support["adjustments_detail"]
    # Files added on the evidence page: kept with the complaint itself, as sent with it.
    uploader = Uploader.representative() if representative else Uploader.resident()
    store_files(complaint, checked_draft_files(draft), uploader, at=at)
    delete_draft(draft)
    return complaint


def over_twelve_months(happened_on: date | None, found_out_on: date | None, today: date) -> bool:
    """Whether the issue is older than the 12 months the procedure expects (Code 2.3):
    the resident is told the council may still accept it, and can still send it."""
    known = found_out_on or happened_on
    if known is None:
        return False
    try:
        a_year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        a_year_ago = today.replace(year=today.year - 1, day=28)
    return known < a_year_ago
