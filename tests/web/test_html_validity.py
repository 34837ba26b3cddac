"""Every page's HTML passes the Nu HTML checker (the current one, npm's `vnu-jar`).

The pages are rendered over HTTP with the test client, in the states a resident or a member
of staff sees them, written to a folder and checked in one run of the checker (starting Java
costs a few seconds; checking a page costs little).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest

from shared.cases import Actor, close
from shared.db import db, unit_of_work
from shared.drafts import ComplaintDraft
from shared.equalities import QUESTIONS
from shared.notices.backends import email_html
from shared.notices.listing import notices_on_case
from shared.notices.render import render
from shared.ombudsman import OmbudsmanCase
from shared.surveys import record_survey
from tests import evidence_files
from tests.backoffice.test_case_actions import case_url, sign_in
from tests.conftest import Page, PageClient, make_test_app
from tests.decision_helpers import acknowledge_three_points, decide
from tests.evidence_files import form_file
from tests.factories import acknowledge, at, make_staff, respond, submit
from tests.helpers import (
    JOURNEY,
    REFUSED_ANSWERS,
    REPRESENTATIVE_JOURNEY,
    answer_questions,
    as_posted,
    deliver_notices,
    every_question,
    freeze,
)

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"


def checker() -> list[str]:
    """The command that runs the checker; skips (fails on CI) when it cannot run here."""
    java = shutil.which("java")
    if java and VNU_JAR.is_file():
        return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    missing = "Java" if not java else f"{VNU_JAR} (run `make setup`)"
    if os.environ.get("CI"):
        pytest.fail(f"The Nu HTML checker cannot run: {missing} is missing")
    pytest.skip(f"The Nu HTML checker cannot run: {missing} is missing")


# Messages the checker gives for GOV.UK Frontend's own markup that are not errors in it.
# Each entry is an exact message, with why it is allowed.
KNOWN_FALSE_POSITIVES: set[str] = set()


def track_url(sent) -> str:
    return f"/track/{sent.complaint.reference}/{sent.tracking_secret}"


class Pages:
    """The HTML of each page, by a name that says which page and in which state."""

    def __init__(self, client: PageClient):
        self.client = client
        self.html: dict[str, str] = {}

    def get(self, name: str, url: str, status: int = 200) -> None:
        response = self.client.get(url)
        assert response.status_code == status, f"{name}: {url} gave {response.status_code}"
        if name.endswith("-errors"):
            assert Page(response).soup.select(".govuk-error-message"), f"{name} shows no errors"
        self.keep(name, response)

    def post(self, name: str, url: str, data: dict) -> None:
        """Post a form as a browser would (with its page's hidden fields); keep the answer:
        the page with its error summary when the name ends in "-errors"."""
        page = self.client.submit(url, data, follow_redirects=True)
        if name.endswith("-errors"):
            assert page.error_summary(), f"{name}: {url} shows no errors"
        else:
            assert page.status_code == 200, f"{name}: {url} gave {page.status_code}"
            assert not page.error_summary(), f"{name}: {page.error_summary()}"
        self.keep(name, page.response)

    def keep(self, name: str, response) -> None:
        assert response.mimetype == "text/html", f"{name} is not an HTML page"
        for lang in {"ar", "cy"} & set(name.split("-")):
            assert f'<html lang="{lang}"' in response.get_data(as_text=True), (
                f"{name} not in {lang}"
            )
        self.html[name] = response.get_data(as_text=True)


# The pages are drawn on 6 March 2025 (see the test): dates before it.
BEFORE_MARCH_2025 = {
    "when": {"happened_on-day": "6", "happened_on-month": "1", "happened_on-year": "2025"},
    "found-out": {"found_out_on-day": "7", "found_out_on-month": "1", "found_out_on-year": "2025"},
    "consent": {
        **REPRESENTATIVE_JOURNEY["consent"],
        "given_on-day": "1",
        "given_on-month": "2",
        "given_on-year": "2025",
    },
}


def question_pages(pages: Pages, lang: str) -> None:
    """Every question page, empty and refusing an answer, then "Check your answers"."""
    answers = {**JOURNEY, **REPRESENTATIVE_JOURNEY, **BEFORE_MARCH_2025}
    for page in every_question():
        url = f"/complaint/{page}"
        pages.get(f"question-{page}-{lang}", url)
        pages.post(f"question-{page}-{lang}-errors", url, as_posted(REFUSED_ANSWERS[page]))
        hidden = pages.client.page(url).hidden_fields()
        if page == "evidence":  # with a file added: the list and its "Remove" forms
            photo = form_file(evidence_files.png(), "damp.png")
            assert pages.client.post(url, data={**hidden, "files": [photo]}).status_code == 302
            pages.get(f"question-evidence-{lang}-with-files", url)
            hidden = pages.client.page(url).hidden_fields()
        assert pages.client.post(url, data={**hidden, **answers[page]}).status_code == 302
    pages.get(f"check-answers-{lang}", "/complaint/check-your-answers")
    old = {"happened_on-day": "1", "happened_on-month": "1", "happened_on-year": "2020"}
    hidden = pages.client.page("/complaint/when").hidden_fields()
    pages.client.post("/complaint/when", data={**hidden, **old})
    pages.get(f"older-than-12-months-{lang}", "/complaint/more-than-12-months-ago")


def portal_pages(pages: Pages) -> None:
    for lang in ("en", "ar", "cy"):
        pages.get(f"start-{lang}", f"/?lang={lang}")
        question_pages(pages, lang)
        pages.get(f"hear-back-{lang}", "/when-will-i-hear-back")
        pages.get(f"not-found-{lang}", "/no-such-page", status=404)
    pages.client.get("/?lang=en")

    answer_questions(pages.client, {**JOURNEY, **BEFORE_MARCH_2025, "consent": {}})
    pages.post("complaint-sent", "/complaint/check-your-answers", {})
    # Answers kept, then gone (purged, say): the page that says so.
    hidden = pages.client.page("/complaint/who").hidden_fields()
    pages.client.post("/complaint/who", data={**hidden, "who": "myself"})
    db.session.execute(ComplaintDraft.__table__.delete())
    db.session.commit()
    pages.get("draft-expired", "/complaint/support")
    query = {"complaint_date-day": "3", "complaint_date-month": "3"}
    query |= {"complaint_date-year": "2025", "service_area_code": ""}
    pages.get("hear-back-dates", f"/when-will-i-hear-back?{urlencode(query)}")
    query["complaint_date-month"] = "13"
    pages.get("hear-back-errors", f"/when-will-i-hear-back?{urlencode(query)}", status=400)

    pages.get("compliment-form", "/compliment")
    pages.post("compliment-form-errors", "/compliment", {"what": " ", "service_area_code": ""})
    pages.post(
        "compliment-sent",
        "/compliment",
        {"what": "Sam fixed our boiler.", "service_area_code": "repairs_and_maintenance"},
    )
    for path in ("help", "accessibility", "privacy", "cookies"):
        pages.get(path, f"/{path}")

    staff = make_staff("complaints_officer")
    received = submit(received="2025-03-03 10:00")
    pages.get("track-received", track_url(received))
    answered = submit(received="2025-03-03 10:00")
    acknowledge(answered.complaint, staff, on="2025-03-05 10:00")
    respond(answered.complaint, staff, on="2025-03-14 10:00", outcome="not_upheld")
    for lang in ("en", "ar"):
        pages.client.get(f"/?lang={lang}")
        pages.get(f"track-answered-{lang}", track_url(answered))
        pages.get(f"stage-2-{lang}", f"{track_url(answered)}/stage-2")
    pages.client.get("/?lang=en")
    pages.post("stage-2-sent", f"{track_url(answered)}/stage-2", {"reason": "Still broken."})
    add = f"{track_url(received)}/add-information"
    pages.get("what-you-sent-nothing", f"{track_url(received)}/sent")
    pages.get("add-information", add)
    pages.post("add-information-errors", add, {"information": " "})
    pages.post(
        "track-with-information-sent",
        add,
        {"information": "Photo of the damp.", "files": [form_file(evidence_files.png(), "d.png")]},
    )
    equalities_and_survey_pages(pages, staff)


def equalities_and_survey_pages(pages: Pages, staff) -> None:
    """The optional equalities questions, and the survey after closing."""
    sent = submit(received="2025-03-03 10:00")
    equalities = f"{track_url(sent)}/equalities"
    for lang in ("en", "ar", "cy"):
        pages.client.get(f"/?lang={lang}")
        pages.get(f"equalities-start-{lang}", equalities)
        pages.get(f"equalities-questions-{lang}", f"{equalities}/questions")
        pages.post(f"equalities-questions-{lang}-errors", f"{equalities}/questions", {})
    pages.client.get("/?lang=en")
    answers = {q.code: q.codes[0] for q in QUESTIONS}
    pages.post("equalities-answered", f"{equalities}/questions", answers)
    pages.get("equalities-already-answered", equalities)

    closed = submit(received="2025-03-03 10:00")
    acknowledge(closed.complaint, staff, on="2025-03-04 10:00")
    respond(closed.complaint, staff, on="2025-03-05 10:00")
    with unit_of_work():
        close(Actor.staff(staff), closed.complaint, at=at("2025-03-05 12:00"))
    survey = f"{track_url(closed)}/survey"
    pages.get("track-closed", track_url(closed))
    for lang in ("en", "ar"):
        pages.client.get(f"/?lang={lang}")
        pages.get(f"survey-{lang}", survey)
        pages.post(f"survey-{lang}-errors", survey, {"comment": "x" * 2001})
    pages.client.get("/?lang=en")
    pages.post("survey-sent", survey, {"handling": "4", "kept_informed": "yes"})
    pages.get("survey-already-answered", survey)


def account_pages(pages: Pages) -> None:
    """Following complaints: asking for a link, signing in with it, and the signed-in pages."""
    client = pages.client
    client.get("/?lang=en")
    staff = make_staff("complaints_officer")
    answered = submit(received="2025-03-03 10:00", email="follow@example.com")
    acknowledge(answered.complaint, staff, on="2025-03-05 10:00")
    respond(answered.complaint, staff, on="2025-03-06 09:00", outcome="not_upheld")
    reference = answered.complaint.reference
    pages.get("account-start", "/account")
    pages.post("account-start-errors", "/account", {"reference": "", "email": "nope"})
    pages.post(
        "account-check-email", "/account", {"reference": reference, "email": "follow@example.com"}
    )
    link = next(
        re.search(r"http://localhost(/account/sign-in/\S+)", m["body"])[1]
        for m in deliver_notices()
        if "/account/sign-in/" in m["body"]
    )
    pages.get("account-sign-in", link)
    pages.post("account-complaints", link, {})
    pages.get("account-link-used", link, status=404)
    complaint = f"/account/complaints/{reference}"
    for lang in ("en", "ar"):
        client.get(f"/?lang={lang}")
        pages.get(f"account-complaint-{lang}", complaint)
        pages.get(f"account-withdraw-{lang}", f"{complaint}/withdraw")
        pages.get(f"account-stage-2-{lang}", f"{complaint}/stage-2")
    client.get("/?lang=en")
    pages.post("account-stage-2-sent", f"{complaint}/stage-2", {"reason": "Still broken."})
    pages.get("account-stage-2-unavailable", f"{complaint}/stage-2")
    signed_out = client.submit("/account/sign-out", {}, csrf_from=complaint, follow_redirects=True)
    assert signed_out.h1 == "You have signed out"
    pages.keep("account-signed-out", signed_out.response)


def backoffice_pages(pages: Pages) -> None:
    client = pages.client
    pages.get("sign-in", "/backoffice/sign-in")
    pages.post(
        "sign-in-errors", "/backoffice/sign-in", {"email": "nobody@council.example", "password": ""}
    )
    manager = make_staff("complaints_manager", name="Morgan Manager")
    officer = make_staff("complaints_officer", name="Olu Officer")
    sign_in(client, manager)

    received = submit(received="2025-03-03 10:00", complainant_name="Sam Resident")
    extended = submit(received="2025-03-03 10:00", complainant_name="Ezra Extended")
    acknowledge(extended.complaint, officer, on="2025-03-05 10:00")
    excluded = submit(received="2025-03-03 10:00", complainant_name="Nia Notaccepted")
    answered = submit(received="2025-03-03 10:00", complainant_name="Olga Ombudsman")
    acknowledge(answered.complaint, officer, on="2025-03-05 10:00")
    respond(answered.complaint, officer, on="2025-03-12 10:00")

    pages.get("queue", "/backoffice/")
    filters = {"q": "Sam", "status": "received", "service_area": "repairs_and_maintenance"}
    pages.get("queue-filtered", f"/backoffice/?{urlencode(filters)}")
    pages.get("queue-filter-errors", "/backoffice/?due_within=ten", status=400)
    pages.get("case-received", case_url(received))
    for action in ("acknowledge", "not-accept", "withdraw", "assign", "service-request"):
        pages.get(f"case-{action}", f"{case_url(received)}/{action}")
    pages.post("case-acknowledge-errors", f"{case_url(received)}/acknowledge", {})
    pages.post("case-not-accept-errors", f"{case_url(received)}/not-accept", {})
    pages.post("case-withdraw-errors", f"{case_url(received)}/withdraw", {})

    pages.get("case-extend", f"{case_url(extended)}/extend")
    pages.post("case-extend-errors", f"{case_url(extended)}/extend", {"working_days": "ten"})
    pages.post(
        "case-extended",
        f"{case_url(extended)}/extend",
        {"working_days": "5", "reason": "The roofing specialist cannot inspect before April."},
    )
    pages.get("case-respond", f"{case_url(extended)}/respond")
    pages.post("case-respond-errors", f"{case_url(extended)}/respond", {})
    pages.get("case-extended-page", case_url(extended))
    pages.post(
        "case-respond-another-remedy",
        f"{case_url(extended)}/respond",
        {"add_remedy": "Add another remedy", "remedies-0-detail": "An apology."},
    )
    pages.get("case-add-point", f"{case_url(extended)}/points/new")
    pages.post("case-add-point-errors", f"{case_url(extended)}/points/new", {"text": ""})
    pages.get("case-split-point", f"{case_url(extended)}/points/split")

    decided = submit(received="2025-03-03 10:00", complainant_name="Dora Decided")
    acknowledge_three_points(decided.complaint, officer)
    decide(decided.complaint, manager)
    db.session.rollback()
    action_id = decided.complaint.outstanding_actions[0].id
    pages.get("case-decided", case_url(decided))
    pages.get("case-action-update", f"{case_url(decided)}/actions/{action_id}")
    pages.post("case-action-update-errors", f"{case_url(decided)}/actions/{action_id}", {})
    pages.get("remedies-register", "/backoffice/remedies")
    pages.get("remedies-register-filtered", "/backoffice/remedies?status=overdue&owner=team")

    pages.post(
        "case-not-accepted",
        f"{case_url(excluded)}/not-accept",
        {"reasons": ["right_of_appeal"], "explanation": "Appeal the parking ticket."},
    )
    pages.get("case-reverse-exclusion", f"{case_url(excluded)}/reverse-exclusion")

    ombudsman = f"{case_url(answered)}/ombudsman"
    pages.get("ombudsman-new", f"{ombudsman}/new")
    pages.post("ombudsman-new-errors", f"{ombudsman}/new", {"enquiry_on": ["31", "2", "2025"]})
    pages.post(
        "case-with-ombudsman",
        f"{ombudsman}/new",
        {"ombudsman": "housing", "their_reference": "HOS-1", "enquiry_on": ["5", "3", "2025"]},
    )
    db.session.rollback()
    case_id = db.session.query(OmbudsmanCase).one().id
    pages.get("ombudsman-information-sent", f"{ombudsman}/{case_id}/information-sent")
    pages.get("ombudsman-determination", f"{ombudsman}/{case_id}/determination")
    pages.get("ombudsman-order", f"{ombudsman}/{case_id}/orders/new")
    pages.post(
        "case-with-ombudsman-order",
        f"{ombudsman}/{case_id}/orders/new",
        {"kind": "order", "description": "Pay £250.", "due_on": ["1", "7", "2025"]},
    )
    db.session.rollback()
    order_id = db.session.query(OmbudsmanCase).one().orders[0].id
    pages.get("ombudsman-order-done", f"{ombudsman}/orders/{order_id}/done")

    correspondence = f"{case_url(answered)}/correspondence/new"
    pages.get("correspondence-new", correspondence)
    pages.post("correspondence-new-errors", correspondence, {"summary": ""})
    pages.post(
        "case-with-correspondence",
        correspondence,
        {
            "direction": "out",
            "kind": "letter",
            "occurred_on": ["5", "3", "2025"],
            "summary": "Sent the repair schedule.",
            "files": [form_file(evidence_files.pdf(), "schedule.pdf")],
        },
    )
    links = f"{case_url(answered)}/links/new"
    pages.get("link-new", links)
    pages.post("link-new-errors", links, {"related_reference": "CMP-1999-000001"})
    pages.post(
        "case-with-link",
        links,
        {"related_reference": received.complaint.reference, "reason": "Same block."},
    )

    pages.get("staff-list", "/backoffice/staff")
    pages.get("staff-new", "/backoffice/staff/new")
    pages.post("staff-new-errors", "/backoffice/staff/new", {"name": ""})
    pages.get("staff-account", f"/backoffice/staff/{officer.id}")
    pages.get("staff-reset-password", f"/backoffice/staff/{officer.id}/reset-password")
    pages.get("closure-days", "/backoffice/closure-days")
    pages.post("closure-days-errors", "/backoffice/closure-days", {"day": ["31", "2", "2026"]})
    pages.get("figures", "/backoffice/figures")
    pages.get("equalities-analysis", "/backoffice/equalities")
    with unit_of_work():
        close(Actor.staff(officer), answered.complaint, at=at("2025-03-13 10:00"))
        record_survey(
            answered.complaint, handling=2, kept_informed="no", comment="Slow.\nBut fixed."
        )
    pages.get("case-with-survey", case_url(answered))
    pages.get("annual-report", "/backoffice/reports/annual")
    pages.get(
        "annual-report-errors",
        "/backoffice/reports/annual?from_on=31&from_on=2&from_on=2025&to_on=1&to_on=1"
        "&to_on=2025&scope=all&homes=many",
        status=400,
    )
    pages.get("compliments", "/backoffice/compliments")
    pages.get("conflicts-of-interest", "/backoffice/conflicts-of-interest")
    pages.get("letters-to-print", "/backoffice/letters")
    notice = notices_on_case(answered.complaint)[-1]  # the stage 1 response
    pages.get("notice-preview", f"{case_url(answered)}/notices/{notice.id}")
    for language in ("en", "ar"):  # the HTML part of an email, as sent
        notice.language = language
        pages.html[f"email-{language}"] = email_html(render(notice))
    db.session.rollback()
    pages.client.get("/?lang=cy")
    pages.get("queue-cy", "/backoffice/")
    pages.get("case-cy", case_url(answered))


def too_many_attempts_page(pages: Pages, migrated_database, tmp_path) -> None:
    limited = make_test_app(
        migrated_database,
        tmp_path / "limited",
        RATELIMIT_ENABLED=True,
        RATE_LIMIT_TRACKING_NOT_FOUND="1 per hour",
    )
    limited.test_client_class = PageClient
    client = limited.test_client()
    url = f"/track/X-0000/{'0' * 43}"
    client.get(url)
    try:
        response = client.get(url)
        assert response.status_code == 429
        pages.keep("too-many-attempts", response)
    finally:
        with limited.app_context():
            db.session.remove()
            db.engine.dispose()


def test_every_page_passes_the_nu_html_checker(client, monkeypatch, tmp_path, migrated_database):
    command = checker()
    freeze(monkeypatch, "2025-03-06 10:00")
    pages = Pages(client)
    portal_pages(pages)
    account_pages(pages)
    backoffice_pages(pages)
    too_many_attempts_page(pages, migrated_database, tmp_path)

    folder = tmp_path / "pages"
    folder.mkdir()
    for name, html in pages.html.items():
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
    run = subprocess.run(
        [*command, *sorted(str(p) for p in folder.glob("*.html"))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
        + (f" [{m['extract'].strip()}]" if m.get("extract") else "")
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
        and m["message"] not in KNOWN_FALSE_POSITIVES
    ]
    assert len(pages.html) > 60
    assert errors == [], "\n".join(errors)
