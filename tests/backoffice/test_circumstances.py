"""The resident's circumstances: a vulnerability or a restriction on contact is recorded from
one complaint, kept on the person and shown prominently on every complaint of theirs; a
restriction needs a reason and a review, is a manager's decision, and never stops a new
complaint."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from shared import clock
from shared.cases.audit import AuditEvent
from shared.db import db
from shared.people.circumstances import ContactRestriction, Vulnerability
from tests.backoffice.test_case_actions import sign_in
from tests.factories import make_staff, submit


def parts(day) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def in_days(days: int) -> list[str]:
    return parts(clock.today() + timedelta(days=days))


def case_url(complaint) -> str:
    return f"/backoffice/complaints/{complaint.reference}"


@pytest.fixture
def two_complaints(app):
    first = submit(email="ruth@example.com", complainant_name="Ruth Rees").complaint
    again = submit(complainant=first.complainant).complaint
    return first, again


def circumstances_panel(client, complaint) -> str:
    page = client.page(case_url(complaint))
    panel = page.soup.select_one(".app-circumstances")
    return " ".join(panel.get_text(" ").split()) if panel else ""


def test_a_vulnerability_recorded_on_one_complaint_shows_on_every_complaint_of_theirs(
    client, two_complaints
):
    first, again = two_complaints
    officer = make_staff("complaints_officer")
    sign_in(client, officer)

    page = client.submit(
        f"{case_url(first)}/vulnerabilities/new",
        {
            "description": "Recently bereaved; finds phone calls hard.\nPrefers email.",
            "support": "Write, do not phone.",
            "review_on": in_days(90),
        },
        follow_redirects=True,
    )

    assert "Vulnerability recorded. It shows on every complaint of this resident." in page.text()
    review = (clock.today() + timedelta(days=90)).strftime("%-d %B %Y")
    for complaint in (first, again):
        panel = circumstances_panel(client, complaint)
        assert "Recently bereaved; finds phone calls hard. Prefers email." in panel
        assert "Write, do not phone." in panel
        assert "Review by" in panel and review in panel
    # Written to the audit trail of the complaint it was recorded on, in plain words.
    assert "Vulnerability recorded" in client.page(case_url(first)).text()
    db.session.rollback()
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.complaint_id == first.id)
    ).all()
    assert actions[-1] == "vulnerability_recorded"


def test_a_vulnerability_needs_a_description_and_a_review_date_within_a_year(
    client, two_complaints
):
    first, _again = two_complaints
    sign_in(client, make_staff("complaints_officer"))
    url = f"{case_url(first)}/vulnerabilities/new"

    page = client.submit(url, {"description": "", "support": "Large print letters."})
    assert page.status_code == 400
    assert page.error_summary() == [
        "Describe what the resident told us",
        "Enter the date of the review",
    ]
    assert page.value_of("support") == "Large print letters."

    page = client.submit(url, {"description": "Sight loss.", "review_on": in_days(-1)})
    assert page.error_summary() == ["The review date must be in the future"]
    page = client.submit(url, {"description": "Sight loss.", "review_on": in_days(400)})
    assert page.error_summary() == ["The review date must be within a year"]
    page = client.submit(url, {"description": "Sight\x00loss.", "review_on": in_days(30)})
    assert page.status_code == 400
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Vulnerability)) == 0


def test_a_vulnerability_that_no_longer_applies_leaves_the_panel(client, two_complaints):
    first, again = two_complaints
    sign_in(client, make_staff("complaints_officer"))
    client.submit(
        f"{case_url(first)}/vulnerabilities/new",
        {"description": "In hospital until March.", "review_on": in_days(60)},
        follow_redirects=True,
    )
    link = client.page(case_url(again)).soup.select_one(".app-vulnerabilities a")
    assert link.get_text(" ", strip=True) == "No longer applies vulnerability 1"
    page = client.submit(link["href"], {}, follow_redirects=True)

    assert "Recorded as no longer applying." in page.text()
    assert "In hospital until March." not in circumstances_panel(client, first)
    # Kept on the record, not deleted.
    db.session.rollback()
    assert db.session.scalar(select(Vulnerability.ended_at)) is not None


def test_only_a_manager_restricts_contact_and_it_shows_as_a_warning_everywhere(
    client, two_complaints
):
    first, again = two_complaints
    sign_in(client, make_staff("complaints_officer"))
    assert "Restrict contact" not in circumstances_panel(client, first)
    assert client.get(f"{case_url(first)}/restrictions/new").status_code == 403
    client.post("/backoffice/sign-out", data=client.page(case_url(first)).hidden_fields())

    sign_in(client, make_staff("complaints_manager"))
    url = f"{case_url(first)}/restrictions/new"
    page = client.submit(url, {"kind": "written_contact_only", "scope": "Email only."})
    assert page.error_summary() == [
        "Give the reason for the restriction",
        "Enter the date of the review",
    ]
    assert page.value_of("scope") == "Email only."

    page = client.submit(
        url,
        {
            "kind": "written_contact_only",
            "scope": "Email only, to the complaints team inbox.",
            "reason": "Repeated abusive phone calls to staff in October.",
            "review_on": in_days(180),
        },
        follow_redirects=True,
    )
    assert "Restriction recorded." in page.text()
    for complaint in (first, again):
        warning = client.page(case_url(complaint)).soup.select_one(".app-restriction")
        text = " ".join(warning.get_text(" ").split())
        assert "Restriction on contact: Written contact only" in text
        assert "Email only, to the complaints team inbox." in text
        assert "Repeated abusive phone calls" in text


def test_a_restriction_never_stops_a_new_complaint(client, two_complaints):
    first, _again = two_complaints
    sign_in(client, make_staff("complaints_manager"))
    client.submit(
        f"{case_url(first)}/restrictions/new",
        {
            "kind": "single_point_of_contact",
            "scope": "Contact through Dee Davies only.",
            "reason": "Dozens of emails a day to many officers.",
            "review_on": in_days(90),
        },
        follow_redirects=True,
    )
    db.session.rollback()
    newest = submit(complainant=first.complainant).complaint
    assert newest.status == "received"
    assert "Contact through Dee Davies only." in circumstances_panel(client, newest)


def test_a_review_keeps_a_restriction_with_its_next_date_or_lifts_it(client, two_complaints):
    first, _again = two_complaints
    sign_in(client, make_staff("complaints_manager"))
    client.submit(
        f"{case_url(first)}/restrictions/new",
        {
            "kind": "limited_phone_contact",
            "scope": "Calls on Tuesday mornings.",
            "reason": "Calls several times an hour.",
            "review_on": in_days(30),
        },
        follow_redirects=True,
    )
    link = client.page(case_url(first)).soup.find("a", string="Review this restriction")

    page = client.submit(link["href"], {"outcome": "keep", "note": "Still needed."})
    assert page.error_summary() == ["Enter the date of the review"]
    page = client.submit(
        link["href"],
        {"outcome": "keep", "note": "Still needed.", "next_review_on": in_days(120)},
        follow_redirects=True,
    )
    assert "Review recorded." in page.text()
    later = (clock.today() + timedelta(days=120)).strftime("%-d %B %Y")
    assert later in circumstances_panel(client, first)

    page = client.submit(
        link["href"],
        {"outcome": "lift", "note": "Calls are back to normal."},
        follow_redirects=True,
    )
    assert "Restriction lifted." in page.text()
    assert "Calls on Tuesday mornings." not in circumstances_panel(client, first)
    assert "Restriction on contact lifted" in page.text()  # the timeline
    db.session.rollback()
    assert db.session.scalar(select(ContactRestriction.lifted_at)) is not None

    # Once lifted, a second review (from a tab left open) is refused.
    page = client.submit(link["href"], {"outcome": "lift", "note": "Again."})
    assert page.status_code == 400
    assert page.error_summary() == ["That restriction has already been lifted."]


def test_a_double_click_records_one_vulnerability(client, two_complaints):
    first, _again = two_complaints
    sign_in(client, make_staff("complaints_officer"))
    url = f"{case_url(first)}/vulnerabilities/new"
    form = client.page(url).hidden_fields()
    data = {**form, "description": "Hearing loss.", "review_on": in_days(30)}

    client.post(url, data=data)
    second = client.post(url, data=data, follow_redirects=True)

    assert "This case was changed by someone else" in second.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Vulnerability)) == 1


def test_an_investigating_officer_records_only_on_complaints_assigned_to_them(
    client, two_complaints
):
    first, _again = two_complaints
    sign_in(client, make_staff("investigating_officer"))
    assert client.get(f"{case_url(first)}/vulnerabilities/new").status_code == 403


def test_the_queue_filters_residents_with_a_vulnerability_or_a_restriction(client, two_complaints):
    first, again = two_complaints
    other = submit(email="someone@example.com").complaint
    sign_in(client, make_staff("complaints_manager"))
    client.submit(
        f"{case_url(first)}/vulnerabilities/new",
        {"description": "Sight loss.", "review_on": in_days(30)},
        follow_redirects=True,
    )

    def listed(query: str) -> set[str]:
        page = client.page(f"/backoffice/?{query}")
        return {a.get_text(strip=True) for a in page.soup.select("tbody a")}

    assert listed("vulnerable=y") == {first.reference, again.reference}
    assert other.reference in listed("")
    assert listed("restricted=y") == set()
    page = client.page("/backoffice/?vulnerable=y")
    assert page.soup.select_one("input[name=vulnerable]").has_attr("checked")
    # The filter travels with the export.
    export = client.get("/backoffice/open-complaints.csv?vulnerable=y").get_data(as_text=True)
    assert first.reference in export and other.reference not in export
