"""Every page's HTML passes the Nu HTML checker (the current one, npm's `vnu-jar`).

The pages are rendered over HTTP with the test client, in the states a resident or a member
of staff sees them, written to a folder and checked in one run of the checker (starting Java
costs a few seconds; checking a page costs little).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest

from shared.db import db
from shared.ombudsman import OmbudsmanCase
from tests.backoffice.test_case_actions import case_url, sign_in
from tests.conftest import Page, PageClient, make_test_app
from tests.factories import acknowledge, make_staff, respond, submit
from tests.helpers import COMPLAINT_FORM, freeze

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


def portal_pages(pages: Pages) -> None:
    for lang in ("en", "ar", "cy"):
        pages.get(f"start-{lang}", f"/?lang={lang}")
        pages.get(f"complaint-form-{lang}", "/complaint")
        pages.post(f"complaint-form-{lang}-errors", "/complaint", {"complainant_name": ""})
        pages.get(f"hear-back-{lang}", "/when-will-i-hear-back")
        pages.get(f"not-found-{lang}", "/no-such-page", status=404)
    pages.client.get("/?lang=en")

    pages.post("complaint-sent", "/complaint", COMPLAINT_FORM)
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

    pages.get("staff-list", "/backoffice/staff")
    pages.get("staff-new", "/backoffice/staff/new")
    pages.post("staff-new-errors", "/backoffice/staff/new", {"name": ""})
    pages.get("staff-account", f"/backoffice/staff/{officer.id}")
    pages.get("staff-reset-password", f"/backoffice/staff/{officer.id}/reset-password")
    pages.get("closure-days", "/backoffice/closure-days")
    pages.post("closure-days-errors", "/backoffice/closure-days", {"day": ["31", "2", "2026"]})
    pages.get("figures", "/backoffice/figures")
    pages.get("annual-report", "/backoffice/reports/annual")
    pages.get(
        "annual-report-errors",
        "/backoffice/reports/annual?from_on=31&from_on=2&from_on=2025&to_on=1&to_on=1"
        "&to_on=2025&scope=all&homes=many",
        status=400,
    )
    pages.get("compliments", "/backoffice/compliments")
    pages.get("conflicts-of-interest", "/backoffice/conflicts-of-interest")
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
