"""Following complaints by signing in with a one-time link: asking for the link (the same
answer whether or not anything matched), the link's single use and expiry, the session and
signing out, what a resident and a representative see, and withdrawing or asking for a
stage 2 review from there."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from sqlalchemy import select

from shared import clock
from shared.accounts.models import AccountSession, SignInLink
from shared.cases import NewRepresentative
from shared.cases.audit import AuditEvent
from shared.cases.models import Complaint
from shared.db import db
from shared.notices.models import OutboxMessage
from shared.web.config import RATE_LIMITS
from shared.web.log_redaction import redact
from tests.conftest import Page, PageClient, make_test_app
from tests.factories import acknowledge, at, make_staff, respond, submit
from tests.helpers import count, deliver_notices, freeze

START = "/account"
LINK = re.compile(r"http://localhost(/account/sign-in/[A-Za-z0-9_-]{43})")
RESIDENT = "sam.resident@example.com"
SIGN_IN_NOTICE = select(OutboxMessage).where(OutboxMessage.kind == "sign_in_link")
CASEWORKER = "caseworker@parliament.example"


@pytest.fixture
def app(app):
    app.config["ACCOUNT_LINK_ANSWER_SECONDS"] = 0
    return app


@pytest.fixture
def staff(app):
    return make_staff("complaints_manager", name="Morgan Manager")


def for_someone(name: str, email: str, representative_email: str = CASEWORKER, **kwargs):
    return submit(
        complainant_name=name,
        email=email,
        representative=NewRepresentative(
            name="Pat Caseworker",
            email=representative_email,
            role="mp",
            consent_given_how="signed_form",
            consent_given_on=date(2025, 3, 1),
        ),
        **kwargs,
    )


def ask_for_link(client, reference: str, email: str) -> Page:
    return client.submit(START, {"reference": reference, "email": email}, follow_redirects=True)


def sign_in_links(to: str) -> list[str]:
    """The sign-in links in the emails delivered to this address, oldest first."""
    return [
        LINK.search(message["body"])[1]
        for message in deliver_notices()
        if message["to"] == to and LINK.search(message["body"])
    ]


def sign_in(client, reference: str, email: str) -> Page:
    ask_for_link(client, reference, email)
    link = sign_in_links(email)[-1]
    return use_link(client, link)


def use_link(client, link: str) -> Page:
    return client.submit(link, {}, follow_redirects=True)


def buttons(page: Page) -> list[str]:
    return [a.get_text(strip=True) for a in page.soup.select("a.govuk-button")]


def references_on(page: Page) -> list[str]:
    return re.findall(
        r"Complaint (CMP-\d{4}-\d{6})", " ".join(h.get_text() for h in page.soup.find_all("h2"))
    )


# -- Asking for a link ------------------------------------------------------------------------


def test_the_same_answer_whether_or_not_the_details_match_and_only_a_match_sends(client):
    sent = submit(email=RESIDENT)
    reference = sent.complaint.reference

    page = client.page(START)
    assert page.h1 == "Follow your complaint"
    answers = {}
    for case, (ref, email) in {
        "match": (reference, "Sam.Resident@Example.com "),
        "unknown reference": ("CMP-2025-999999", RESIDENT),
        "wrong email": (reference, "someone.else@example.com"),
    }.items():
        page = ask_for_link(client, ref, email)
        assert page.status_code == 200
        assert page.h1 == "Check your email"
        answers[case] = page.text().replace(email.strip(), "ADDRESS")
    assert len(set(answers.values())) == 1, "the page says nothing about whether it matched"
    assert "If the details match one of our complaints, we have sent a link to" in answers["match"]

    delivered = deliver_notices()
    sign_in_emails = [m for m in delivered if "sign in" in m["body"]]
    assert [m["to"] for m in sign_in_emails] == [RESIDENT], "one email, to the address we hold"
    assert sign_in_emails[0]["subject"] == f"Your link to follow your complaints ({reference})"


def test_the_outbox_row_holds_no_secret_and_only_a_hash_is_kept(client):
    sent = submit(email=RESIDENT)
    ask_for_link(client, sent.complaint.reference, RESIDENT)
    db.session.rollback()
    queued = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "sign_in_link")
    ).one()
    assert queued.body_text is None and queued.facts == {"stage": 1, "minutes": 30}
    assert count(SignInLink) == 0, "the link is made when the email is sent, not before"

    link = sign_in_links(RESIDENT)[0]
    secret = link.rsplit("/", 1)[1]
    db.session.rollback()
    stored = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "sign_in_link")
    ).one()
    assert secret not in stored.body_text and "[private link removed]" in stored.body_text
    row = db.session.scalars(select(SignInLink)).one()
    assert row.email == RESIDENT and row.secret_hash != secret and secret not in row.secret_hash


def test_a_representative_is_sent_the_link_at_their_own_address(client):
    sent = for_someone("Ada Resident", "ada@example.com")
    ask_for_link(client, sent.complaint.reference, CASEWORKER.upper())
    assert sign_in_links(CASEWORKER)


@pytest.mark.parametrize(
    ("reference", "email", "message"),
    [
        ("", "", "Enter your complaint reference"),
        ("CMP-2025-000001", "", "Enter your email address"),
        ("CMP-2025-000001\x00", RESIDENT, "Remove the special characters"),
        ("'; DROP TABLE complaints; --", RESIDENT, "Enter the reference as it is written"),
        ("CMP-2025-" + "9" * 5000, RESIDENT, "Enter the reference as it is written"),
        ("CMP-2025-000001", "not an address", "Enter an email address in the correct format"),
        ("CMP-2025-000001", "a@b.example\x07", "Remove the special characters"),
        ("CMP-2025-000001", "x" * 400 + "@example.com", "320 characters or fewer"),
    ],
)
def test_hostile_or_wrong_input_gets_a_clear_message_and_sends_nothing(
    client, reference, email, message
):
    submit(email=RESIDENT)
    page = client.submit(START, {"reference": reference, "email": email})
    assert page.status_code == 400
    assert any(message in error for error in page.error_summary()), page.error_summary()
    assert page.title.startswith("Error:")
    assert count(OutboxMessage) == 1  # the complaint's own "received" notice only


def test_a_reference_typed_in_lower_case_with_spaces_still_matches(client):
    sent = submit(email=RESIDENT)
    typed = " " + sent.complaint.reference.lower().replace("-", "- ", 1) + " "
    ask_for_link(client, typed, RESIDENT)
    assert sign_in_links(RESIDENT)


def test_matched_and_unmatched_answers_take_about_as_long(client, app):
    app.config["ACCOUNT_LINK_ANSWER_SECONDS"] = 0.3
    sent = submit(email=RESIDENT)
    timings = []
    for reference in (sent.complaint.reference, "CMP-2025-999999"):
        hidden = client.page(START).hidden_fields()
        started = time.monotonic()
        response = client.post(START, data={**hidden, "reference": reference, "email": RESIDENT})
        assert response.status_code == 302
        timings.append(time.monotonic() - started)
    # Each answer waits out the same floor, whatever the look-up found.
    assert all(t >= 0.3 for t in timings), timings


# -- The link -------------------------------------------------------------------------------


def test_the_link_works_once_and_not_twice(client):
    sent = submit(email=RESIDENT)
    ask_for_link(client, sent.complaint.reference, RESIDENT)
    link = sign_in_links(RESIDENT)[0]

    # Opening it (a mail scanner would) only shows a button: the link is not used up.
    page = client.page(link)
    assert page.h1 == "Sign in to follow your complaints"
    assert client.page(link).h1 == "Sign in to follow your complaints"

    page = use_link(client, link)
    assert page.h1 == "Your complaints"
    assert references_on(page) == [sent.complaint.reference]
    assert f"Signed in as {RESIDENT}" in page.text()

    other = client.application.test_client()
    again = Page(other.get(link))
    assert again.status_code == 404 and again.h1 == "This sign-in link does not work"
    again = client.submit(link, {}, csrf_from="/account/complaints")
    assert again.status_code == 404 and again.h1 == "This sign-in link does not work"
    assert count(AccountSession) == 1


def test_the_link_does_not_work_after_it_expires(client, monkeypatch):
    sent = submit(email=RESIDENT)
    now = at("2026-12-01 10:00")
    monkeypatch.setattr(clock, "now", lambda: now)
    ask_for_link(client, sent.complaint.reference, RESIDENT)
    link = sign_in_links(RESIDENT)[0]

    now = at("2026-12-01 10:29")
    assert client.page(link).h1 == "Sign in to follow your complaints"
    hidden = client.page(link).hidden_fields()
    now = at("2026-12-01 10:31")
    page = Page(client.post(link, data=hidden))
    assert page.status_code == 404 and page.h1 == "This sign-in link does not work"
    assert client.get("/account/complaints").status_code == 302


def test_made_up_or_malformed_links_open_nothing(client):
    for path in (
        "/account/sign-in/" + "A" * 43,
        "/account/sign-in/short",
        "/account/sign-in/" + "A" * 42 + "%27",
        "/account/sign-in/%E2%80%AE" + "A" * 40,
    ):
        page = client.page(path)
        assert page.status_code == 404, path
        assert page.h1 == "This sign-in link does not work"
    assert count(AccountSession) == 0


def test_signing_out_ends_the_session_and_any_unused_link(client):
    sent = submit(email=RESIDENT)
    ask_for_link(client, sent.complaint.reference, RESIDENT)
    ask_for_link(client, sent.complaint.reference, RESIDENT)
    first, second = sign_in_links(RESIDENT)
    page = use_link(client, first)
    with client.session_transaction() as cookie:
        token = cookie["account_session"]

    page = client.submit(
        "/account/sign-out", {}, csrf_from="/account/complaints", follow_redirects=True
    )
    assert page.h1 == "You have signed out"
    assert client.get("/account/complaints").status_code == 302

    # A copy of the signed-out cookie opens nothing: the server ended the session.
    with client.session_transaction() as cookie:
        cookie["account_session"] = token
    page = client.page("/account/complaints", follow_redirects=True)
    assert page.h1 == "Follow your complaint"
    assert "You were signed out" in page.text()
    # The link sent before signing out no longer works either.
    assert client.page(second).status_code == 404


def test_a_session_idle_too_long_ends(client, monkeypatch):
    sent = submit(email=RESIDENT)
    now = at("2026-12-01 10:00")
    monkeypatch.setattr(clock, "now", lambda: now)
    sign_in(client, sent.complaint.reference, RESIDENT)
    now = at("2026-12-01 10:25")
    assert client.page("/account/complaints").h1 == "Your complaints"  # active: clock restarts
    now = at("2026-12-01 10:50")
    assert client.page("/account/complaints").h1 == "Your complaints"
    now = at("2026-12-01 11:21")
    page = client.page("/account/complaints", follow_redirects=True)
    assert page.h1 == "Follow your complaint"
    assert "You were signed out" in page.text()


def test_pages_need_a_session_and_are_never_cached(client):
    sent = submit(email=RESIDENT)
    ref = sent.complaint.reference
    for path in (
        "/account/complaints",
        f"/account/complaints/{ref}",
        f"/account/complaints/{ref}/withdraw",
    ):
        response = client.get(path)
        assert response.status_code == 302 and response.location.endswith("/account")
    sign_in(client, ref, RESIDENT)
    response = client.get(f"/account/complaints/{ref}")
    assert response.headers["Cache-Control"] == "no-store"


# -- What a signed-in person sees ------------------------------------------------------------


def test_a_representative_sees_both_residents_complaints_and_no_others(client):
    ada = for_someone("Ada Resident", "ada@example.com")
    ben = for_someone("Ben Resident", "ben@example.com")
    other = for_someone("Cy Other", "cy@example.com", representative_email="other@example.org")
    own = submit(email="ada@example.com", complainant_name="Ada Resident")

    page = sign_in(client, ada.complaint.reference, CASEWORKER)
    assert sorted(references_on(page)) == sorted([ada.complaint.reference, ben.complaint.reference])
    assert "Made for Ada Resident" in page.text() and "Made for Ben Resident" in page.text()
    for hidden in (other.complaint.reference, own.complaint.reference):
        assert client.get(f"/account/complaints/{hidden}").status_code == 404
        assert client.get(f"/account/complaints/{hidden}/withdraw").status_code == 404

    page = client.page(f"/account/complaints/{ben.complaint.reference}")
    assert "You are making this complaint for Ben Resident." in page.text()

    # Ada herself sees her two complaints, the one made for her included.
    resident = client.application.test_client()
    page = sign_in(resident, own.complaint.reference, "ada@example.com")
    assert sorted(references_on(page)) == sorted([ada.complaint.reference, own.complaint.reference])


def test_the_complaint_page_tells_the_timeline_dates_and_notices_in_plain_words(client, staff):
    sent = submit(email=RESIDENT, received="2025-03-03 10:00")
    acknowledge(sent.complaint, staff, on="2025-03-05 10:00")
    deliver_notices()
    ref = sent.complaint.reference
    sign_in(client, ref, RESIDENT)

    page = client.page(f"/account/complaints/{ref}")
    assert page.h1 == f"Complaint {ref}"
    text = page.text()
    timeline = [li.get_text(" ", strip=True) for li in page.soup.select(".app-timeline li")]
    assert timeline == [
        "Monday 3 March 2025 : We received the complaint.",
        "Wednesday 5 March 2025 : We confirmed what we will look into at stage 1.",
    ]
    assert "Morgan Manager" not in text, "no staff names"
    assert "We will send you our response by" in text
    assert "Done on Wednesday 5 March 2025" in text
    subjects = [td.get_text(strip=True) for td in page.soup.select("tbody td:nth-child(2)")]
    assert subjects == [
        f"We have received your complaint {ref}",
        f"Your complaint {ref}: what we will look into",
    ]
    assert "follow your complaints" not in " ".join(subjects), "sign-in links are not listed"
    # Not answered yet: no stage 2 button, but withdrawing is offered.
    assert "Ask for a stage 2 review" not in [
        a.get_text(strip=True) for a in page.soup.select("a.govuk-button")
    ]
    assert "Withdraw this complaint" in [
        a.get_text(strip=True) for a in page.soup.select("a.govuk-button")
    ]


def test_the_private_page_is_one_click_away(client):
    sent = submit(email=RESIDENT)
    ref = sent.complaint.reference
    sign_in(client, ref, RESIDENT)
    hidden = client.page(f"/account/complaints/{ref}").hidden_fields()
    response = client.post(f"/account/complaints/{ref}/private-page", data=hidden)
    assert response.status_code == 302 and f"/track/{ref}/" in response.location
    assert client.page(response.location).h1 == "Your complaint"


# -- Acting from the account ------------------------------------------------------------------


def test_withdrawing_from_the_account(client):
    sent = submit(email=RESIDENT)
    ref = sent.complaint.reference
    sign_in(client, ref, RESIDENT)
    page = client.page(f"/account/complaints/{ref}/withdraw")
    assert page.h1 == f"Withdraw complaint {ref}"

    page = client.submit(
        f"/account/complaints/{ref}/withdraw",
        {"reason": "Sorted out now. Thank you ✓"},
        follow_redirects=True,
    )
    assert page.h1 == f"Complaint {ref}"
    assert "Your complaint has been withdrawn." in page.text()
    db.session.rollback()
    complaint = db.session.get(Complaint, sent.complaint.id)
    assert complaint.status == "withdrawn"
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "withdraw")).one()
    assert event.actor_kind == "resident"
    assert event.details == {"reason": "Sorted out now. Thank you ✓", "how": "online"}

    # Again: the resident's words, and nothing more is recorded.
    page = client.page(f"/account/complaints/{ref}/withdraw")
    assert "This complaint is already closed, so there is nothing to withdraw." in page.text()
    assert not page.soup.select("form textarea")


def test_a_change_made_meanwhile_is_refused_in_plain_words(client, staff):
    sent = submit(email=RESIDENT)
    ref = sent.complaint.reference
    sign_in(client, ref, RESIDENT)
    hidden = client.page(f"/account/complaints/{ref}/withdraw").hidden_fields()
    acknowledge(sent.complaint, staff, on="2025-03-05 10:00")
    page = Page(
        client.post(f"/account/complaints/{ref}/withdraw", data=hidden, follow_redirects=True)
    )
    assert "This complaint changed while you were looking at it." in page.text()
    db.session.rollback()
    assert db.session.get(Complaint, sent.complaint.id).status == "acknowledged"


def test_asking_for_stage_two_only_once_stage_one_is_answered_and_without_a_reason(client, staff):
    sent = submit(email=RESIDENT, received="2025-03-03 10:00")
    ref = sent.complaint.reference
    acknowledge(sent.complaint, staff, on="2025-03-05 10:00")
    sign_in(client, ref, RESIDENT)
    page = client.page(f"/account/complaints/{ref}/stage-2")
    assert "You can ask for a review once we have sent our response, which is due by" in page.text()
    assert not page.soup.select("form textarea")
    # Posting anyway changes nothing.
    client.post(f"/account/complaints/{ref}/stage-2", data=page.hidden_fields())
    db.session.rollback()
    assert db.session.get(Complaint, sent.complaint.id).status == "acknowledged"

    respond(sent.complaint, staff, on="2025-03-14 10:00", outcome="not_upheld")
    page = client.page(f"/account/complaints/{ref}")
    assert "Ask for a stage 2 review" in [
        a.get_text(strip=True) for a in page.soup.select("a.govuk-button")
    ]
    page = client.submit(
        f"/account/complaints/{ref}/stage-2", {"reason": ""}, follow_redirects=True
    )
    assert "We have received your request for a stage 2 review." in page.text()
    db.session.rollback()
    complaint = db.session.get(Complaint, sent.complaint.id)
    assert complaint.status == "stage_2_requested" and complaint.stage(2).escalation_reason is None
    assert "A stage 2 review was asked for." in client.page(f"/account/complaints/{ref}").text()

    page = client.page(f"/account/complaints/{ref}/stage-2")
    assert "A stage 2 review has already been asked for." in page.text()


def test_after_stage_two_they_are_told_which_ombudsman_and_how(client, staff, monkeypatch):
    freeze(monkeypatch, "2025-03-17 10:00")
    reviewer = make_staff("reviewer")
    sent = submit(email=RESIDENT, received="2025-03-03 10:00")
    ref = sent.complaint.reference
    acknowledge(sent.complaint, staff, on="2025-03-05 10:00")
    respond(sent.complaint, staff, on="2025-03-14 10:00")
    sign_in(client, ref, RESIDENT)
    assert "Ombudsman" not in client.page(f"/account/complaints/{ref}").text()
    client.submit(
        f"/account/complaints/{ref}/stage-2", {"reason": "Still broken."}, follow_redirects=True
    )
    acknowledge(sent.complaint, reviewer, on="2025-03-18 10:00", stage=2)
    respond(sent.complaint, reviewer, on="2025-04-01 10:00", stage=2)
    page = client.page(f"/account/complaints/{ref}")
    text = page.text()
    assert "You can ask the Housing Ombudsman Service to look at it." in text
    assert "0300 111 3000" in text and "www.housing-ombudsman.org.uk" in text


def test_forms_without_the_csrf_token_are_refused_and_change_nothing(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    sent = submit(email=RESIDENT)
    ref = sent.complaint.reference
    sign_in(client, ref, RESIDENT)
    assert (
        client.post(f"/account/complaints/{ref}/withdraw", data={"reason": ""}).status_code == 400
    )
    assert client.post("/account/sign-out").status_code == 400
    assert client.post(START, data={"reference": ref, "email": RESIDENT}).status_code == 400
    db.session.rollback()
    assert db.session.get(Complaint, sent.complaint.id).status == "received"
    assert client.page("/account/complaints").h1 == "Your complaints"


def test_the_pages_in_welsh(client):
    client.get("/?lang=cy")
    page = client.page(START)
    assert page.soup.html["lang"] == "cy"
    assert page.h1 != "Follow your complaint"
    page = client.submit(START, {"reference": "", "email": ""})
    assert page.error_summary() and "Enter your complaint reference" not in page.error_summary()[0]


# -- Rate limits ------------------------------------------------------------------------------


@pytest.fixture
def limited(app, migrated_database, tmp_path):
    """A client of an app of its own with rate limits on: these, the others out of reach."""
    made = []

    def make(**overrides):
        settings = {name: "1000 per minute" for name in RATE_LIMITS} | overrides
        limited_app = make_test_app(
            migrated_database,
            tmp_path / f"limited-{len(made)}",
            RATELIMIT_ENABLED=True,
            ACCOUNT_LINK_ANSWER_SECONDS=0,
            **settings,
        )
        limited_app.test_client_class = PageClient
        made.append(limited_app)
        return limited_app.test_client()

    yield make
    for each in made:
        with each.app_context():
            db.session.remove()
            db.engine.dispose()


def _ask(client, reference: str, email: str):
    hidden = client.page(START).hidden_fields()
    return client.post(START, data={**hidden, "reference": reference, "email": email})


def test_links_for_one_email_address_are_limited_whoever_asks(limited):
    sent = submit(email=RESIDENT)
    client = limited(RATE_LIMIT_ACCOUNT_LINK_EMAIL="2 per hour")
    for _ in range(2):
        assert _ask(client, sent.complaint.reference, RESIDENT).status_code == 302
    refused = _ask(client, sent.complaint.reference, " SAM.resident@example.com")
    page = Page(refused)
    assert page.status_code == 429 and page.h1 == "Too many attempts"
    assert "Try again in" in page.text()
    # A miss counts the same as a match, so the limit tells nothing about the details.
    assert _ask(client, "CMP-2025-999999", "nobody@example.com").status_code == 302
    assert _ask(client, "CMP-2025-999999", "nobody@example.com").status_code == 302
    assert _ask(client, "CMP-2025-999999", "nobody@example.com").status_code == 429
    # Reading the page is never limited.
    assert client.get(START).status_code == 200
    db.session.rollback()
    assert len(db.session.scalars(SIGN_IN_NOTICE).all()) == 2


def test_links_asked_for_from_one_address_are_limited(limited):
    client = limited(RATE_LIMIT_ACCOUNT_LINK_ADDRESS="3 per hour")
    for number in range(3):
        assert _ask(client, "CMP-2025-999999", f"guess{number}@example.com").status_code == 302
    assert _ask(client, "CMP-2025-999999", "guess9@example.com").status_code == 429


def test_guessing_sign_in_links_is_limited(limited):
    client = limited(RATE_LIMIT_TRACKING_NOT_FOUND="2 per hour")
    for _ in range(2):
        assert client.get("/account/sign-in/" + "B" * 43).status_code == 404
    assert client.get("/account/sign-in/" + "C" * 43).status_code == 429
    # The budget is shared with tracking links that match nothing.
    assert client.get("/track/CMP-2025-000001/" + "D" * 43).status_code == 429


def test_the_link_email_is_in_the_language_the_page_was_in(client):
    sent = submit(email=RESIDENT)
    client.get("/?lang=cy")
    ask_for_link(client, sent.complaint.reference, RESIDENT)
    delivered = [m for m in deliver_notices() if LINK.search(m["body"])]
    assert delivered[0]["subject"] == (
        f"Eich dolen i ddilyn eich cwynion ({sent.complaint.reference})"
    )
    assert "Defnyddiwch y ddolen hon i fewngofnodi" in delivered[0]["body"]
    assert "o fewn 30 munud" in delivered[0]["body"]


def test_a_sign_in_link_never_reaches_a_log_line():
    secret = "Ab3_" + "x" * 39
    line = f'"GET /account/sign-in/{secret} HTTP/1.1" 200'
    assert secret not in redact(line)
