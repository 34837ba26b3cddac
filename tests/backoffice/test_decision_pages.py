"""The decision page, adding and splitting points, following actions through, and the
remedies register, as staff use them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shared.cases.models import Complaint
from shared.db import db
from shared.decisions.models import Remedy
from shared.notices.models import OutboxMessage
from tests.backoffice.test_case_actions import case_url, flash, sign_in
from tests.conftest import Page
from tests.decision_helpers import THREE_POINTS, acknowledge_three_points, decide
from tests.factories import assign_to, make_staff, submit
from tests.helpers import deliver_notices, freeze, summary

CHANGED = "This case was changed by someone else while you were working on it."


def reload(complaint: Complaint) -> Complaint:
    db.session.rollback()
    return db.session.get(Complaint, complaint.id)


@pytest.fixture
def manager(app):
    return make_staff("complaints_manager", name="Morgan Manager")


@pytest.fixture
def three_points(manager):
    sent = submit(received="2025-03-03 10:00")
    acknowledge_three_points(sent.complaint, manager)
    return sent


FINDINGS = {
    "findings-0-finding": "upheld",
    "findings-0-reasons": "The repair took 19 working days, not 5.",
    "findings-1-finding": "partially_upheld",
    "findings-1-reasons": "Two of the three calls were logged.",
    "findings-2-finding": "not_upheld",
    "findings-2-reasons": "The photographs show no mud.",
    "outcome": "partially_upheld",
    "reasons": "We upheld part of your complaint.",
}
REMEDIES = {
    "remedies-0-kind": "apology",
    "remedies-0-point_id": "",
    "remedies-0-detail": "A written apology from the repairs manager.",
    "remedies-0-owner": "Repairs manager",
    "remedies-0-due_on": ["21", "3", "2025"],
    "remedies-1-kind": "financial",
    "remedies-1-detail": "£150 for the time and trouble of chasing the repair.",
    "remedies-1-amount": "150",
    "remedies-1-financial_purpose": "time_and_trouble",
    "remedies-1-owner": "Repairs team",
    "remedies-1-due_on": ["28", "3", "2025"],
}
ACTIONS = {
    "actions-0-what": "Fit the new boiler.",
    "actions-0-owner": "Gas servicing team",
    "actions-0-due_on": ["4", "4", "2025"],
    "lessons": "Call-backs were not logged when the line was busy.",
    "improvement_action": "Log every call-back request.",
    "improvement_owner": "Customer services manager",
    "improvement_due_on": ["30", "6", "2025"],
}


def test_a_full_decision_on_three_points_through_the_page(
    client, monkeypatch, manager, three_points
):
    freeze(monkeypatch, "2025-03-14 15:00")
    sign_in(client, manager)
    url = f"{case_url(three_points)}/respond"
    page = client.page(url)
    assert page.h1 == "Decide stage 1"
    assert [h.get_text(strip=True) for h in page.soup.select(".app-decision-point h2")] == [
        "Point 1",
        "Point 2",
        "Point 3",
    ]
    assert [p.get_text(strip=True) for p in page.soup.select(".app-decision-point > p")] == (
        THREE_POINTS
    )

    # "Add another remedy": one more empty row, and nothing typed is lost.
    first_remedy = {k: v for k, v in REMEDIES.items() if k.startswith("remedies-0")}
    more = client.submit(url, {**FINDINGS, **first_remedy, "add_remedy": "Add another remedy"})
    assert more.status_code == 200
    assert more.soup.select(".govuk-error-summary") == []
    assert more.value_of("remedies-0-detail").strip() == first_remedy["remedies-0-detail"]
    assert more.value_of("findings-1-reasons").strip() == FINDINGS["findings-1-reasons"]
    assert more.soup.select_one('input[name="findings-2-finding"][checked]')["value"] == (
        "not_upheld"
    )
    assert more.soup.find(attrs={"name": "remedies-1-detail"}) is not None
    assert more.soup.find(attrs={"name": "remedies-2-detail"}) is None
    more_actions = client.submit(url, {**FINDINGS, "add_action": "Add another action"})
    assert more_actions.soup.find(attrs={"name": "actions-1-what"}) is not None

    page = client.submit(
        url,
        {**FINDINGS, **REMEDIES, **ACTIONS, "actions-1-what": "", "actions-1-owner": ""},
        follow_redirects=True,
    )
    assert flash(page) == "Response sent to the resident."
    complaint = reload(three_points.complaint)
    assert [p.finding for p in complaint.stage(1).points] == [
        "upheld",
        "partially_upheld",
        "not_upheld",
    ]
    assert [(r.kind, r.amount_pence) for r in complaint.remedies] == [
        ("apology", None),
        ("financial", 15000),
    ]
    assert [a.what for a in complaint.outstanding_actions] == ["Fit the new boiler."]

    # The case page: the points with their findings, the remedies and actions with status.
    points = page.soup.select(".app-definition-points > li")
    assert "Upheld" in points[0].get_text(" ") and "19 working days" in points[0].get_text(" ")
    assert "Not upheld" in points[2].get_text(" ")
    remedies = [li.get_text(" ", strip=True) for li in page.soup.select("ul.app-remedies > li")]
    assert "A financial remedy : £150.00 (Time and trouble)" in remedies[1]
    assert "Outstanding" in remedies[1]
    actions = page.soup.select("ul.app-actions > li")
    assert "Fit the new boiler." in actions[0].get_text(" ")
    assert "Log every call-back request." in page.text()

    # The resident's letter states the decision.
    email = deliver_notices()[-1]
    assert "Our decision: Partially upheld" in email["body"]


def test_bad_input_is_refused_with_every_message_and_nothing_typed_lost(
    client, monkeypatch, manager, three_points
):
    freeze(monkeypatch, "2025-03-14 15:00")
    sign_in(client, manager)
    url = f"{case_url(three_points)}/respond"
    data = {
        **FINDINGS,
        "findings-1-reasons": " ",
        "outcome": "upheld",
        **REMEDIES,
        "remedies-1-amount": "",
        "remedies-0-due_on": ["1", "3", "2025"],
        "actions-0-what": "Fit the new boiler.",
        "actions-0-owner": "",
        "actions-0-due_on": ["31", "2", "2025"],
    }
    page = client.submit(url, data)

    assert page.status_code == 400
    # Every problem at once, in the order of the page.
    assert summary(page) == [
        "Give the reasons for the finding on point 2",
        "The decision does not match the findings on the points: "
        "choose ‘Partially upheld’ or change the findings",
        "The due date must be today or in the future",
        "Enter the amount of a financial remedy",
        "Enter who will see it done",
        "The date must be a real date",
    ]
    assert page.field_error("remedies-1-amount") == "Error: Enter the amount of a financial remedy"
    # Everything typed is still there.
    assert page.value_of("findings-0-reasons").strip() == FINDINGS["findings-0-reasons"]
    assert page.value_of("remedies-1-detail").strip() == REMEDIES["remedies-1-detail"]
    assert page.value_of("remedies-1-owner") == "Repairs team"
    assert page.value_of("actions-0-what").strip() == "Fit the new boiler."
    assert page.value_of("lessons").strip() == ""
    assert reload(three_points.complaint).status == "acknowledged"

    # Once the rows are right, the outcome is checked against the findings.
    fixed = {**FINDINGS, "outcome": "upheld", **REMEDIES}
    page = client.submit(url, fixed)
    assert page.status_code == 400
    assert summary(page) == [
        "The decision does not match the findings on the points: "
        "choose ‘Partially upheld’ or change the findings"
    ]
    assert reload(three_points.complaint).status == "acknowledged"
    assert db.session.scalars(select(Remedy)).all() == []


def test_two_staff_deciding_at_once_one_wins(app, client, monkeypatch, manager, three_points):
    freeze(monkeypatch, "2025-03-14 15:00")
    other = make_staff("complaints_officer", name="Ola Officer")
    url = f"{case_url(three_points)}/respond"
    sign_in(client, manager)
    mine = client.page(url).hidden_fields()
    theirs_client = app.test_client()
    sign_in(theirs_client, other)
    theirs = theirs_client.page(url).hidden_fields()

    first = client.post(url, data={**mine, **FINDINGS})
    assert first.status_code == 302
    second = theirs_client.post(
        url, data={**theirs, **FINDINGS, "reasons": "Mine too."}, follow_redirects=True
    )
    page = Page(second)
    assert flash(page).startswith(CHANGED)
    assert reload(three_points.complaint).stage(1).decision_reasons == (
        "We upheld part of your complaint."
    )
    assert (
        len(
            db.session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind == "stage_1_response")
            ).all()
        )
        == 1
    )


def test_adding_a_point_before_the_response(client, manager, three_points):
    sign_in(client, manager)
    case = client.page(case_url(three_points))
    link = case.soup.find("a", string="Add a point to the definition")
    assert link is not None
    refused = client.submit(link["href"], {"text": " "})
    assert refused.status_code == 400
    assert summary(refused) == ["Enter the new point"]

    page = client.submit(
        link["href"],
        {"text": "The new boiler is noisy.", "outcome_sought": "put_things_right"},
        follow_redirects=True,
    )
    assert flash(page) == "Point 4 added. The resident has been told."
    points = page.soup.select(".app-definition-points > li")
    assert len(points) == 4 and "The new boiler is noisy." in points[3].get_text(" ")
    notice = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "definition_point_added")
    ).one()
    assert notice.facts["number"] == 4
    assert "We have added point 4" in deliver_notices()[-1]["body"]


def test_splitting_an_unrelated_point_into_a_new_complaint(client, manager, three_points):
    sign_in(client, manager)
    url = f"{case_url(three_points)}/points/split"
    page = client.page(url)
    assert len(page.soup.select('input[name="point_id"]')) == 3
    assert summary(client.submit(url, {})) == ["Select the point to move to a new complaint"]
    third = reload(three_points.complaint).stage(1).points[2]

    page = client.submit(url, {"point_id": str(third.id)}, follow_redirects=True)

    complaint = reload(three_points.complaint)
    new = complaint.stage(1).points[2].moved_to
    assert flash(page) == (
        f"The point is now complaint {new.reference}, received the day it was raised."
    )
    moved = page.soup.select(".app-definition-points > li")[2].get_text(" ", strip=True)
    assert "Moved" in moved and new.reference in moved
    # The new complaint links back to the one it was made from.
    new_case = client.page(f"/backoffice/complaints/{new.reference}")
    origin = new_case.soup.select_one(".app-split-from a")
    assert origin.get_text(strip=True) == three_points.complaint.reference
    # The decision page no longer asks about the moved point.
    decide_page = client.page(f"{case_url(three_points)}/respond")
    assert len(decide_page.soup.select(".app-decision-point")) == 2


def test_an_investigating_officer_cannot_split_points(client, three_points):
    officer = make_staff("investigating_officer")
    assign_to(three_points.complaint, officer)  # they see only what is assigned to them
    sign_in(client, officer)
    assert client.get(f"{case_url(three_points)}/points/split").status_code == 403
    case = client.page(case_url(three_points))
    assert case.soup.find("a", string="Make an unrelated point a new complaint") is None
    assert case.soup.find("a", string="Add a point to the definition") is not None


def test_actions_and_remedies_followed_through(client, monkeypatch, manager, three_points):
    decide(three_points.complaint, manager)
    freeze(monkeypatch, "2025-03-31 09:00")
    sign_in(client, manager)
    case = client.page(case_url(three_points))
    link = case.soup.find("a", string="Updates on action 1")
    empty = client.submit(link["href"], {"text": ""})
    assert summary(empty) == ["Enter the update the resident will be sent"]

    page = client.submit(
        link["href"],
        {"text": "The boiler is ordered.", "update": "Send the update"},
        follow_redirects=True,
    )
    assert flash(page) == "The resident has been sent the update."
    assert "1 update sent" in page.soup.select("ul.app-actions > li")[0].get_text(" ")
    page = client.submit(
        link["href"],
        {"text": "The boiler was fitted today.", "complete": "Send it and mark the action done"},
        follow_redirects=True,
    )
    assert flash(page) == "Action marked done. The resident has been sent the update."
    assert "Done" in page.soup.select("ul.app-actions > li")[0].get_text(" ")
    bodies = [e["body"] for e in deliver_notices()]
    sent = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "action_update")
    ).all()
    assert [(m.status, m.last_error) for m in sent] == [("sent", None), ("sent", None)]
    assert any("The boiler was fitted today." in body for body in bodies)

    # Both remedies are overdue on 31 March; marking the payment done moves it.
    def register(query: str) -> list[str]:
        page = client.page(f"/backoffice/remedies?{query}")
        return [" ".join(row.get_text(" ").split()) for row in page.soup.select("tbody tr")]

    overdue = register("status=overdue")
    assert len(overdue) == 2 and all("Overdue" in row for row in overdue)
    case = client.page(case_url(three_points))
    form = case.soup.find("button", string="Mark remedy 2 done").find_parent("form")
    page = client.post(
        form["action"],
        data={i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")},
        follow_redirects=True,
    )
    assert flash(Page(page)) == "Remedy marked done."
    overdue = register("status=overdue")
    assert len(overdue) == 1 and "An apology" in overdue[0]
    done = register("status=done&owner=REPAIRS+team")
    assert len(done) == 1 and "£150.00" in done[0] and "Done" in done[0]
    assert register("owner=nobody") == []


def test_the_register_is_not_for_report_viewers(client, manager, three_points):
    decide(three_points.complaint, manager)
    viewer = make_staff("report_viewer")
    page = client.submit(
        "/backoffice/sign-in",
        {"email": viewer.email, "password": "correct horse battery staple"},
        follow_redirects=True,
    )
    assert page.h1 == "Figures"
    assert client.get("/backoffice/remedies").status_code == 403
