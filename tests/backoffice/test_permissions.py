"""Every back-office route, for every role and for a visitor not signed in: allowed or
refused exactly as the permission table says.

The routes are read from the app's URL map, so a route added without a permission fails
here, and so does one whose permission the guard does not apply.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from flask import current_app

from backoffice import access
from shared import clock, evidence, ombudsman
from shared.cases import Actor, add_closure_day, assign, circumstances, queries
from shared.db import unit_of_work
from shared.notices.listing import notices_on_case as complaint_notices
from shared.people.models import StaffRole
from shared.people.permissions import allows_any, sees_only_assigned
from tests.conftest import Page
from tests.factories import PASSWORD, make_staff, submit

SIGN_IN = "/backoffice/sign-in"
# What each part of a back-office address stands for, in this test's data.
URL_VALUES = {
    "reference",
    "staff_id",
    "day",
    "case_id",
    "order_id",
    "vulnerability_id",
    "restriction_id",
    "action_id",
    "remedy_id",
    "lesson_id",
    "notice_id",
    "file_id",
}


def back_office_routes(app) -> list[tuple[str, str, str]]:
    """(endpoint, rule, method) of every back-office route; signing out last, since it
    ends the session the walk runs in."""
    routes = [
        (rule.endpoint, rule.rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("backoffice.")
        for method in sorted(rule.methods & {"GET", "POST"})
    ]
    return sorted(routes, key=lambda route: (route[0] == "backoffice.sign_out", route))


@pytest.fixture
def world(app):
    """A complaint with an Ombudsman case and order, another member of staff and a closure
    day for the addresses to name."""
    manager = make_staff("complaints_manager")
    complaint = submit().complaint
    other = make_staff("complaints_officer", name="Other Officer")
    with unit_of_work():
        add_closure_day(Actor.staff(manager), date(2039, 12, 29), "Office closed")
        case = ombudsman.open_case(
            Actor.staff(manager),
            complaint,
            ombudsman="housing",
            their_reference=None,
            enquiry_on=date(2025, 4, 1),
        )
        order = ombudsman.add_order(
            Actor.staff(manager),
            case,
            kind="order",
            description="Apologise.",
            due_on=date(2025, 6, 1),
        )
        vulnerability = circumstances.record_vulnerability(
            Actor.staff(manager),
            complaint,
            description="Recently bereaved.",
            support_given=None,
            review_on=clock.today() + timedelta(days=90),
        )
        restriction = circumstances.impose_restriction(
            Actor.staff(manager),
            complaint,
            kind="written_contact_only",
            scope="Email only.",
            reason="Abusive calls.",
            review_on=clock.today() + timedelta(days=90),
        )
        entry = evidence.add_information(
            complaint, information="A photo of the damp.", files=[_text_file()]
        )
    from shared.notices.outbox import send_due_messages

    send_due_messages()  # so the complaint's first notice has a copy kept of what was sent
    notice = complaint_notices(complaint)[0]
    return {
        "file_id": entry.attachments[0].id,
        "reference": complaint.reference,
        "notice_id": notice.id,
        "staff_id": other.id,
        "day": "2039-12-29",
        "case_id": case.id,
        "order_id": order.id,
        "vulnerability_id": vulnerability.id,
        "restriction_id": restriction.id,
        # Records that need not exist: a route refused answers 403 before looking.
        "action_id": 1,
        "remedy_id": 1,
        "lesson_id": 1,
    }


def assign_to(user, world) -> None:
    manager = make_staff("complaints_manager", name="Assigning Manager")
    with unit_of_work():
        complaint = queries.complaint_by_reference(world["reference"])
        assign(Actor.staff(manager), complaint, handler_id=user.id)


def _text_file():
    from werkzeug.datastructures import FileStorage

    return FileStorage(io.BytesIO(b"Notes from the visit."), filename="notes.txt")


def url_for_rule(rule: str, values: dict) -> str:
    from flask import url_for

    found = next(r for r in current_app.url_map.iter_rules() if r.rule == rule)
    missing = set(found.arguments) - URL_VALUES
    assert not missing, f"{rule}: say in URL_VALUES what {missing} stands for"
    with current_app.test_request_context():
        return url_for(found.endpoint, **{name: values[name] for name in found.arguments})


def is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path == SIGN_IN


def test_every_back_office_route_says_who_may_open_it(app):
    unmarked = [
        endpoint
        for endpoint, _rule, _method in back_office_routes(app)
        if access.permissions_of(app.view_functions[endpoint]) is None
        and not access.is_public(app.view_functions[endpoint])
    ]
    assert unmarked == [], "give each route @requires(...), @any_staff or @public"
    public = {
        endpoint
        for endpoint, _rule, _method in back_office_routes(app)
        if access.is_public(app.view_functions[endpoint])
    }
    assert public == {"backoffice.sign_in"}


def test_a_visitor_not_signed_in_is_sent_to_sign_in_from_every_route(app, client, world):
    token = client.page(SIGN_IN).csrf_token()
    wrong = []
    for endpoint, rule, method in back_office_routes(app):
        if access.is_public(app.view_functions[endpoint]):
            continue
        url = url_for_rule(rule, world)
        response = client.open(url, method=method, data={"csrf_token": token})
        if not is_sign_in_redirect(response):
            wrong.append((method, url, response.status_code))
    assert wrong == []


@pytest.mark.parametrize("role", list(StaffRole))
def test_every_route_allows_or_refuses_each_role_as_the_table_says(app, client, world, role):
    user = make_staff(role)
    if sees_only_assigned(role):
        # An investigating officer sees only what is assigned to them (walked below).
        assign_to(user, world)
    response = client.post(
        SIGN_IN,
        data={
            "csrf_token": client.page(SIGN_IN).csrf_token(),
            "email": user.email,
            "password": PASSWORD,
        },
    )
    assert response.status_code == 302
    token = client.page(response.headers["Location"]).csrf_token()  # the sign-out form's

    wrong, refused, allowed = [], [], []
    for endpoint, rule, method in back_office_routes(app):
        view = app.view_functions[endpoint]
        if access.is_public(view):
            continue
        needed = access.permissions_of(view)
        expected = needed == access.ANY_STAFF or allows_any(role, needed)
        url = url_for_rule(rule, world)
        response = client.open(url, method=method, data={"csrf_token": token})
        if response.status_code == 403:
            page = Page(response)  # the council's layout, one h1, a title that starts with it
            assert page.h1 == "You cannot see this page"
            assert page.soup.select_one("header.govuk-header")
            assert "You do not have permission to see this page." in page.text()
            refused.append((method, endpoint))
        else:
            # Still signed in, but for signing out itself, which leads to signing in.
            assert endpoint == "backoffice.sign_out" or not is_sign_in_redirect(response), url
            allowed.append((method, endpoint))
        if (response.status_code != 403) != expected:
            wrong.append(
                (
                    method,
                    url,
                    response.status_code,
                    "expected allowed" if expected else "expected 403",
                )
            )
    assert wrong == []
    # The walk saw both kinds of answer for every role but the manager, who may do all.
    assert allowed
    assert bool(refused) == (role != StaffRole.COMPLAINTS_MANAGER)


def test_an_investigating_officer_opens_no_page_of_a_complaint_not_assigned_to_them(
    app, client, world
):
    officer = make_staff("investigating_officer")
    client.submit(SIGN_IN, {"email": officer.email, "password": PASSWORD}, follow_redirects=True)
    token = client.page("/backoffice/").csrf_token()
    opened = []
    for _endpoint, rule, method in back_office_routes(app):
        if "<reference>" not in rule:
            continue
        url = url_for_rule(rule, world)
        response = client.open(url, method=method, data={"csrf_token": token})
        if response.status_code != 403:
            opened.append((method, url, response.status_code))
    assert opened == []
    queue = client.page("/backoffice/")
    assert world["reference"] not in queue.text()

    assign_to(officer, world)
    case = client.page(f"/backoffice/complaints/{world['reference']}")
    assert case.status_code == 200
    assert world["reference"] in client.page("/backoffice/").text()


def test_a_report_viewer_sees_no_complaint_and_starts_on_the_figures(client, world):
    viewer = make_staff("report_viewer")
    page = client.submit(
        SIGN_IN, {"email": viewer.email, "password": PASSWORD}, follow_redirects=True
    )
    assert page.h1 == "Figures"
    navigation = [a.get_text(strip=True) for a in page.soup.select("#navigation a")]
    assert navigation == ["Figures", "Annual report"]
    assert client.get("/backoffice/").status_code == 403
    assert client.get(f"/backoffice/complaints/{world['reference']}").status_code == 403
    # The service name in the header leads to the figures, not to a refusal.
    assert page.soup.select_one(".govuk-header__link--homepage")["href"] == "/backoffice/figures"


@pytest.mark.parametrize(
    ("role", "links"),
    [
        (
            "complaints_officer",
            [
                "Open complaints",
                "Figures",
                "Annual report",
                "Compliments",
                "Remedies",
                "Letters to print",
                "Conflicts of interest",
            ],
        ),
        (
            "investigating_officer",
            [
                "Open complaints",
                "Figures",
                "Annual report",
                "Compliments",
                "Remedies",
                "Conflicts of interest",
            ],
        ),
        (
            "reviewer",
            ["Open complaints", "Figures", "Annual report", "Remedies", "Conflicts of interest"],
        ),
        (
            "complaints_manager",
            [
                "Open complaints",
                "Figures",
                "Annual report",
                "Compliments",
                "Remedies",
                "Letters to print",
                "Conflicts of interest",
                "Staff",
                "Closure days",
            ],
        ),
    ],
)
def test_the_menu_offers_only_the_pages_the_role_may_open(client, role, links):
    user = make_staff(role)
    page = client.submit(
        SIGN_IN, {"email": user.email, "password": PASSWORD}, follow_redirects=True
    )
    assert [a.get_text(strip=True) for a in page.soup.select("#navigation a")] == links
    current = page.soup.select('#navigation a[aria-current="page"]')
    assert [a.get_text(strip=True) for a in current] == ["Open complaints"]
