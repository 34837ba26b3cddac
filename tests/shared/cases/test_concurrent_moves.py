"""Two people, or two copies of one request, making the same move at the same moment: exactly
one change, one audit event and one notice; the other gets a clear answer, never a 500.

Run on SQLite (the version counter refuses the loser) and on PostgreSQL (the row lock makes
the loser wait, then see the change).
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from shared.cases.audit import AuditEvent
from shared.cases.models import Complaint, ComplaintStage
from shared.db import db
from shared.notices.models import OutboxMessage
from tests.conftest import Page, PageClient
from tests.factories import PASSWORD, make_staff, respond, submit

CHANGED = "This case was changed by someone else while you were working on it."


def rows(model, **where) -> int:
    db.session.rollback()
    query = select(func.count()).select_from(model)
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    return db.session.scalar(query)


def signed_in_client(app, user):
    client = app.test_client()
    page = client.submit(
        "/backoffice/sign-in", {"email": user.email, "password": PASSWORD}, follow_redirects=True
    )
    assert page.h1 == "Open complaints"
    return client


def at_once(*posts):
    """Run each post in its own thread, released together; return their responses in order."""
    barrier = threading.Barrier(len(posts))
    results: list = [None] * len(posts)
    errors: list[BaseException] = []

    def run(index, post):
        try:
            barrier.wait(timeout=10)
            results[index] = post()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, p)) for i, p in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


def flash_text(page: Page) -> str:
    banner = page.soup.select_one(".govuk-notification-banner__content")
    return banner.get_text(" ", strip=True) if banner else ""


@pytest.fixture(autouse=True)
def page_clients(app):
    app.test_client_class = PageClient


@pytest.fixture
def received(app):
    return submit(received="2025-03-03 10:00").complaint


def test_two_officers_acknowledging_at_once_make_one_change(app, received):
    officers = [make_staff("complaints_officer", name=n) for n in ("Ada Officer", "Bo Officer")]
    clients = [signed_in_client(app, officer) for officer in officers]
    url = f"/backoffice/complaints/{received.reference}/acknowledge"
    # Both open the form before either sends it: both pages carry the same version.
    forms = [client.page(url).hidden_fields() for client in clients]
    assert forms[0]["version"] == forms[1]["version"]

    def post(client, form, point):
        def send():
            response = client.post(
                url,
                data={**form, "points": point, "outcomes_sought": ["apology"]},
                follow_redirects=True,
            )
            return Page(response)

        return send

    pages = at_once(
        post(clients[0], forms[0], "Ada's reading of the complaint."),
        post(clients[1], forms[1], "Bo's reading of the complaint."),
    )

    assert all(page.status_code == 200 for page in pages)
    messages = sorted(flash_text(page) for page in pages)
    assert messages[0].startswith("Complaint acknowledged") and messages[1].startswith(CHANGED), (
        messages
    )
    # Exactly one change, one audit event and one notice.
    assert rows(AuditEvent, action="acknowledge") == 1
    assert rows(OutboxMessage, kind="stage_1_acknowledgement") == 1
    stage = db.session.scalars(select(ComplaintStage)).one()
    winner = next(p for p in pages if flash_text(p).startswith("Complaint acknowledged"))
    loser = next(p for p in pages if p is not winner)
    # The definition kept is the winner's, and the loser sees it on the case page.
    assert stage.definition["points"][0] in winner.text()
    assert stage.definition["points"][0] in loser.text()
    assert db.session.get(Complaint, received.id).version == 2


def test_a_form_drawn_before_someone_else_acted_is_refused(app, received):
    first, second = (make_staff("complaints_officer") for _ in range(2))
    slow, quick = signed_in_client(app, first), signed_in_client(app, second)
    url = f"/backoffice/complaints/{received.reference}/acknowledge"
    stale_form = slow.page(url).hidden_fields()
    quick.submit(
        url, {"points": "Quick's reading.", "outcomes_sought": ["apology"]}, follow_redirects=True
    )

    page = Page(
        slow.post(
            url,
            data={**stale_form, "points": "Slow's reading.", "outcomes_sought": ["apology"]},
            follow_redirects=True,
        )
    )

    assert flash_text(page).startswith(CHANGED)
    assert page.h1 == f"Complaint {received.reference}"
    assert "Quick's reading." in page.text()
    assert rows(AuditEvent, action="acknowledge") == 1


def test_two_responses_at_once_make_one_decision(app, received):
    manager = make_staff("complaints_manager")
    from tests.factories import acknowledge

    acknowledge(received, manager, on="2025-03-04 10:00")
    investigators = [make_staff("complaints_officer") for _ in range(2)]
    clients = [signed_in_client(app, person) for person in investigators]
    url = f"/backoffice/complaints/{received.reference}/respond"
    forms = [client.page(url).hidden_fields() for client in clients]

    def post(client, form, outcome):
        finding = {"findings-0-finding": outcome, "findings-0-reasons": outcome}
        return lambda: client.post(
            url, data={**form, **finding, "outcome": outcome, "reasons": outcome}
        )

    responses = at_once(
        post(clients[0], forms[0], "upheld"), post(clients[1], forms[1], "not_upheld")
    )

    assert sorted(r.status_code for r in responses) == [303, 303] or sorted(
        r.status_code for r in responses
    ) == [302, 303]
    assert rows(AuditEvent, action="respond") == 1
    assert rows(OutboxMessage, kind="stage_1_response") == 1


def test_a_resident_asking_for_stage_two_twice_at_once_gets_one_review(app):
    manager = make_staff("complaints_manager")
    sent = submit(received="2025-03-03 10:00")
    from tests.factories import acknowledge

    acknowledge(sent.complaint, manager, on="2025-03-04 10:00")
    respond(sent.complaint, manager, on="2025-03-10 10:00")
    url = f"/track/{sent.complaint.reference}/{sent.tracking_secret}/stage-2"
    clients = [app.test_client() for _ in range(2)]
    forms = [client.page(url).hidden_fields() for client in clients]

    def post(client, form):
        return lambda: Page(client.post(url, data={**form, "reason": ""}, follow_redirects=True))

    pages = at_once(post(clients[0], forms[0]), post(clients[1], forms[1]))

    assert sorted(page.status_code for page in pages) == [200, 400]
    refused = next(page for page in pages if page.status_code == 400)
    assert refused.error_summary()[0] in {
        "A stage 2 review has already been asked for.",
        CHANGED + " Here is what it looks like now. Check it before you try again.",
    }
    assert rows(ComplaintStage, number=2) == 1
    assert rows(AuditEvent, action="request_stage_2") == 1
    assert rows(OutboxMessage, kind="stage_2_requested") == 1


def test_the_same_complaint_form_sent_twice_at_once_makes_one_complaint(app):
    from tests.helpers import answer_questions

    client = app.test_client()
    answer_questions(client)
    data = client.page("/complaint/check-your-answers").hidden_fields()

    # The same browser session sends the same answers twice (a double click).
    def post():
        return Page(client.post("/complaint/check-your-answers", data=data, follow_redirects=True))

    pages = at_once(post, post)

    assert [page.h1 for page in pages] == ["Complaint sent", "Complaint sent"]
    references = {page.soup.select_one(".govuk-panel strong").get_text() for page in pages}
    assert len(references) == 1
    assert rows(Complaint) == 1
    assert rows(OutboxMessage, kind="complaint_received") == 1
