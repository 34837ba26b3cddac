"""The start page, and the pages every footer links to, over HTTP."""

from __future__ import annotations

import pytest

from tests.backoffice.test_sign_in_and_queue import sign_in
from tests.factories import make_staff
from tests.helpers import freeze, send_complaint

FOOTER_PAGES = {
    "/help": "Get help or information in another format",
    "/accessibility": "Accessibility statement",
    "/privacy": "Privacy notice",
    "/cookies": "Cookies",
}


def footer_links(page) -> dict[str, str]:
    return {
        a["href"]: a.get_text(" ", strip=True)
        for a in page.soup.select("footer .govuk-footer__inline-list a")
    }


# -- the start page ---------------------------------------------------------------------------


def test_start_page_says_what_a_complaint_is_not_and_where_to_ask_for_a_service(app, client):
    app.config["SERVICE_REQUEST_URL"] = "https://www.northshire.example.gov.uk/ask"
    page = client.page("/")

    assert page.h1 == "Make a complaint"
    assert "that is a service request, not a complaint" in page.text()
    link = page.soup.find("a", string="ask for the service")
    assert link["href"] == "https://www.northshire.example.gov.uk/ask"


def test_start_page_says_what_happens_next_by_when_with_todays_dates(client, monkeypatch):
    freeze(monkeypatch, "2026-11-03 10:00")  # a Tuesday
    page = client.page("/")

    text = page.text()
    assert "We will confirm what we will look into within 5 working days." in text
    assert "You will get our full response within 15 working days of your complaint." in text
    assert (
        "If you complain today, we will contact you by Tuesday 10 November 2026 and send you "
        "our full response by Tuesday 24 November 2026."
    ) in text
    assert page.soup.find("a", href="/when-will-i-hear-back")


def test_start_page_counts_from_the_service_areas_policies(app, client, monkeypatch):
    from shared.db import db
    from shared.reference.models import ServiceArea

    freeze(monkeypatch, "2026-11-03 10:00")
    # Only services on the corporate policy remain: its stage 1 response is 15 working
    # days after receipt, whatever the acknowledgement.
    for area in db.session.query(ServiceArea):
        area.active = area.sla_policy == "corporate-2019"
    db.session.commit()

    assert "full response within 15 working days" in client.page("/").text()


def test_start_page_lists_the_other_ways_to_complain_from_configuration(app, client):
    app.config.update(
        COUNCIL_PHONE="01632 960001",
        COUNCIL_EMAIL="complaints@northshire.example.gov.uk",
        COUNCIL_POSTAL_ADDRESS="Complaints, Civic Centre, Northshire, NS1 2AB",
        COUNCIL_VISIT_ADDRESS="Library, Market Square, Northshire",
    )
    text = client.page("/").text()

    assert "By phone: 01632 960001" in text
    assert "By Relay UK, if you cannot hear or speak on the phone: dial 18001 01632 960001" in text
    assert "By email: complaints@northshire.example.gov.uk" in text
    assert "By letter to Complaints, Civic Centre, Northshire, NS1 2AB" in text
    assert "In person at Library, Market Square, Northshire" in text
    assert "In another language" in text
    assert "councillor or MP. They can complain for you with your permission." in text


def test_start_page_links_to_help_and_compliments(client):
    page = client.page("/")
    assert page.soup.find("a", href="/help").get_text(strip=True) == (
        "Get help or information in another format"
    )
    assert page.soup.find("a", href="/compliment")


# -- the footer -------------------------------------------------------------------------------


def test_every_portal_page_links_the_support_pages_in_its_footer(client):
    for url in ["/", "/complaint/who", "/when-will-i-hear-back", "/compliment", *FOOTER_PAGES]:
        links = footer_links(client.page(url))
        assert links == {
            "/help": "Help and other formats",
            "/accessibility": "Accessibility statement",
            "/privacy": "Privacy",
            "/cookies": "Cookies",
        }, url


def test_back_office_pages_and_error_pages_have_the_same_footer(client):
    assert set(footer_links(client.page("/backoffice/sign-in"))) == set(FOOTER_PAGES)
    assert set(footer_links(client.page("/no-such-page"))) == set(FOOTER_PAGES)
    sign_in(client, make_staff("complaints_officer"))
    assert set(footer_links(client.page("/backoffice/"))) == set(FOOTER_PAGES)


@pytest.mark.parametrize(("url", "heading"), FOOTER_PAGES.items())
def test_each_footer_page_has_its_heading(client, url, heading):
    page = client.page(url)
    assert page.status_code == 200
    assert page.h1 == heading


def test_the_accessibility_statement_covers_what_the_regulations_ask(app, client):
    app.config["ACCESSIBILITY_STATEMENT_DATE"] = __import__("datetime").date(2026, 10, 5)
    text = client.page("/accessibility").text()

    assert "Web Content Accessibility Guidelines (WCAG) version 2.2 AA standard" in text
    assert "What we know does not work yet" in text
    assert "Reporting accessibility problems with this service" in text
    assert "The Equality and Human Rights Commission (EHRC) is responsible for enforcing" in text
    assert "Equality Advisory and Support Service (EASS)" in text
    assert "This statement was prepared on Monday 5 October 2026." in text
    assert "zoom in up to 400% without the text spilling off the screen" in text


def test_the_privacy_notice_says_why_how_long_who_and_your_rights(app, client):
    app.config.update(RECORDS_RETENTION_YEARS=7, DATA_PROTECTION_EMAIL="dpo@northshire.example")
    page = client.page("/privacy")
    text = page.text()

    assert "Our lawful basis" in text and "Article 6(1)(e)" in text
    assert "We keep a complaint's records for 7 years after the complaint is closed" in text
    assert "the Housing Ombudsman or the Local Government and Social Care Ombudsman" in text
    assert "Under UK GDPR you have the right to:" in text
    assert page.soup.find("a", href="mailto:dpo@northshire.example")
    assert page.soup.find("a", href="https://ico.org.uk/make-a-complaint/")


def test_the_cookies_page_lists_every_cookie_the_service_sets(client):
    """Go through the forms a resident and a member of staff use, and collect every cookie
    set on the way: each must be on the cookies page, with its purpose and expiry."""
    client.page("/?lang=en")
    send_complaint(client)
    client.submit(
        "/compliment", {"what": "Thank you", "service_area_code": "parking"}, follow_redirects=True
    )
    sign_in(client, make_staff("complaints_manager"))
    set_by_the_service = {cookie.key for cookie in client._cookies.values()}
    assert set_by_the_service, "the journey sets at least the session cookie"

    page = client.page("/cookies")
    rows = {
        row.select("td")[0].get_text(strip=True): [
            cell.get_text(" ", strip=True) for cell in row.select("td")[1:]
        ]
        for row in page.soup.select("tbody tr")
    }
    assert set(rows) == set_by_the_service
    for purpose, expires in rows.values():
        assert purpose and expires == "When you close your browser"
    # None of them outlives the browser: no Expires or Max-Age.
    response = client.get("/?lang=en")
    for header in response.headers.getlist("Set-Cookie"):
        assert "expires=" not in header.lower() and "max-age" not in header.lower()


def test_help_page_covers_other_formats_languages_and_bsl(client):
    text = client.page("/help").text()
    for wanted in ["in large print", "in easy read", "an interpreter", "British Sign Language"]:
        assert wanted in text


def test_a_council_with_no_services_set_up_yet_still_has_a_start_page(client):
    from shared.db import db
    from shared.reference.models import ServiceArea

    for area in db.session.query(ServiceArea):
        area.active = False
    db.session.commit()

    page = client.page("/")
    assert "We will confirm what we will look into within 5 working days." in page.text()


def test_the_statement_says_the_pages_are_in_english_only_while_they_are(app, client):
    app.config["LANGUAGES"] = ("en",)
    assert "The pages are in English only." in client.page("/accessibility").text()
    app.config["LANGUAGES"] = ("en", "cy")
    assert "The pages are in English only." not in client.page("/accessibility").text()
