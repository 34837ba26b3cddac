"""The complaints manager runs staff accounts: list, create, change role and service areas,
reset a password, deactivate. Over HTTP, as a manager's browser would."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from shared.cases.audit import AuditEvent
from shared.db import db
from shared.people.models import StaffUser
from tests.factories import PASSWORD, make_staff
from tests.helpers import count

SIGN_IN = "/backoffice/sign-in"
NEW = "/backoffice/staff/new"


def sign_in(client, user, password: str = PASSWORD):
    page = client.submit(
        SIGN_IN, {"email": user.email, "password": password}, follow_redirects=True
    )
    assert page.status_code == 200
    return page


def signed_out(client) -> bool:
    response = client.get("/backoffice/figures")
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path == SIGN_IN


def fresh(user) -> StaffUser:
    db.session.rollback()
    return db.session.get(StaffUser, user.id)


@pytest.fixture
def manager(app, client):
    user = make_staff("complaints_manager", name="Morgan Manager")
    sign_in(client, user)
    return user


@pytest.fixture
def other_client(app):
    """A second browser, for the person whose account the manager changes."""
    return app.test_client()


NEW_ACCOUNT = {
    "name": "Ines Investigator",
    "email": "Ines.Investigator@council.example",
    "role": "investigating_officer",
    "service_areas": ["repairs_and_maintenance", "parking"],
}


def test_the_list_shows_every_account_with_its_role_and_areas(client, manager):
    make_staff("report_viewer", name="Rae Viewer")
    page = client.page("/backoffice/staff")
    assert page.h1 == "Staff"
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.soup.select("tbody tr")
    ]
    assert ["Morgan Manager", manager.email, "Complaints manager", "None", "Active"] in rows
    assert any(row[0] == "Rae Viewer" and row[2] == "Report viewer" for row in rows)


def test_creating_an_account_with_a_generated_password_shows_it_once(client, manager, other_client):
    page = client.submit(NEW, NEW_ACCOUNT)

    assert page.status_code == 200
    assert page.h1.startswith("Account created")
    password = page.soup.select_one("#password").get_text()
    assert len(password) >= 20
    assert "This is the only time the password is shown." in page.text()
    # Only in that response: not in the account page, the list or the session cookie.
    account = db.session.scalar(
        db.select(StaffUser).where(StaffUser.email == "ines.investigator@council.example")
    )
    assert password not in client.get(f"/backoffice/staff/{account.id}").get_data(as_text=True)
    assert password not in client.get("/backoffice/staff").get_data(as_text=True)
    assert all(password not in cookie.value for cookie in client._cookies.values())

    assert account.role == "investigating_officer"
    assert [a.code for a in account.service_areas] == ["repairs_and_maintenance", "parking"]
    # They can sign in with it.
    other_client.application.test_client_class = type(client)
    response = other_client.post(
        SIGN_IN,
        data={
            "csrf_token": _token(other_client),
            "email": "ines.investigator@council.example",
            "password": password,
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == "/backoffice/"
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "staff_created"))
    assert event.staff_user_id == manager.id and event.details["staff_user_id"] == account.id


def _token(test_client) -> str:
    from tests.conftest import Page

    return Page(test_client.get(SIGN_IN)).csrf_token()


def test_creating_an_account_with_a_chosen_password_does_not_show_it(client, manager):
    page = client.submit(NEW, {**NEW_ACCOUNT, "password": "a chosen password 123"})
    assert page.h1.startswith("Account created")
    assert "a chosen password 123" not in page.text()
    assert page.soup.select_one("#password") is None
    assert "They sign in with the password you chose." in page.text()


def test_creating_with_nothing_filled_in_says_what_is_missing(client, manager):
    page = client.submit(NEW, {})

    assert page.status_code == 400
    assert page.title.startswith("Error: Add a member of staff")
    assert page.error_summary() == [
        "Enter their full name",
        "Enter their email address",
        "Select a role",
    ]
    assert count(StaffUser) == 1


def test_a_wrong_email_a_short_password_and_an_unknown_area_keep_what_was_typed(client, manager):
    page = client.submit(
        NEW,
        {
            **NEW_ACCOUNT,
            "email": "not an email",
            "password": "short",
            "service_areas": ["parking", "no_such_area"],
        },
    )
    assert page.status_code == 400
    assert page.field_error("email") == (
        "Error: Enter an email address in the correct format, like name@example.com"
    )
    assert page.field_error("password") == "Error: The password must be at least 12 characters."
    assert page.field_error("service_areas") == "Error: Select service areas from the list"
    assert page.value_of("name") == "Ines Investigator"
    assert page.value_of("email") == "not an email"
    assert page.value_of("password") == ""  # never sent back
    assert page.soup.find(
        "input", attrs={"name": "role", "value": "investigating_officer"}
    ).has_attr("checked")
    assert count(StaffUser) == 1


def test_an_email_already_in_use_is_refused(client, manager):
    page = client.submit(NEW, {**NEW_ACCOUNT, "email": manager.email.upper()})
    assert page.status_code == 400
    assert (
        page.field_error("email") == "Error: There is already an account with that email address."
    )
    assert count(StaffUser) == 1


def test_changing_role_and_service_areas(client, manager):
    officer = make_staff("complaints_officer", name="Casey Officer")
    url = f"/backoffice/staff/{officer.id}"
    page = client.page(url)
    assert page.h1 == "Casey Officer"

    page = client.submit(
        url, {"role": "reviewer", "service_areas": ["parking"]}, follow_redirects=True
    )

    assert "Role and service areas saved." in page.text()
    officer = fresh(officer)
    assert officer.role == "reviewer"
    assert [a.code for a in officer.service_areas] == ["parking"]
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "staff_changed"))
    assert event.details["before"]["role"] == "complaints_officer"
    assert event.details["after"] == {"role": "reviewer", "service_areas": ["parking"]}


def test_a_change_from_a_stale_page_is_refused_and_says_so(client, manager):
    officer = make_staff("complaints_officer", name="Casey Officer")
    url = f"/backoffice/staff/{officer.id}"
    stale = client.page(url).hidden_fields()
    # Someone else changes the account meanwhile.
    client.submit(url, {"role": "reviewer"}, follow_redirects=True)

    page = client.submit(
        url, {**stale, "role": "complaints_manager"}, csrf_from=url, follow_redirects=True
    )

    assert "This account was changed by someone else while you were working on it." in page.text()
    assert fresh(officer).role == "reviewer"


def test_a_form_without_its_version_is_refused(client, manager):
    officer = make_staff("complaints_officer")
    url = f"/backoffice/staff/{officer.id}"
    page = client.submit(url, {"version": "", "role": "reviewer"})
    assert page.status_code == 400
    assert "This page is out of date." in page.text()
    assert fresh(officer).role == "complaints_officer"


def test_the_last_active_manager_cannot_be_demoted(client, manager):
    url = f"/backoffice/staff/{manager.id}"
    page = client.submit(url, {"role": "complaints_officer"})

    assert page.status_code == 400
    assert page.field_error("role") == (
        "Error: Morgan Manager is the only active complaints manager. "
        "Make someone else a complaints manager first."
    )
    assert fresh(manager).role == "complaints_manager"


def test_a_manager_may_step_down_when_another_is_active(client, manager):
    make_staff("complaints_manager", name="Second Manager")
    page = client.submit(
        f"/backoffice/staff/{manager.id}", {"role": "complaints_officer"}, follow_redirects=True
    )
    assert fresh(manager).role == "complaints_officer"
    assert page.h1 == "Open complaints"
    assert "Role and service areas saved." in page.text()
    # Now without the permission, the staff pages are refused.
    assert client.get("/backoffice/staff").status_code == 403


def test_deactivating_ends_every_session_and_sign_in(client, manager, other_client):
    officer = make_staff("complaints_officer", name="Casey Officer")
    other_client.post(
        SIGN_IN,
        data={"csrf_token": _token(other_client), "email": officer.email, "password": PASSWORD},
    )
    assert not signed_out(other_client)
    url = f"/backoffice/staff/{officer.id}"

    page = client.submit(f"{url}/deactivate", {}, csrf_from=url, follow_redirects=True)

    assert "Casey Officer’s account was deactivated and every session they had ended." in (
        page.text()
    )
    assert fresh(officer).active is False
    assert signed_out(other_client)
    response = other_client.post(
        SIGN_IN,
        data={"csrf_token": _token(other_client), "email": officer.email, "password": PASSWORD},
    )
    assert response.status_code == 400
    listed = client.page("/backoffice/staff").text()
    assert "Deactivated" in listed


def test_nobody_deactivates_themselves(client, manager):
    make_staff("complaints_manager", name="Second Manager")
    url = f"/backoffice/staff/{manager.id}"
    page = client.page(url)
    assert "Deactivate account" not in page.text()  # not offered
    token = page.csrf_token()

    response = client.post(
        f"{url}/deactivate", data={"csrf_token": token, "version": str(fresh(manager).version)}
    )
    page = client.page(url)
    assert response.status_code == 303
    assert "You cannot deactivate your own account." in page.text()
    assert fresh(manager).active is True
    assert not signed_out(client)


def test_a_stale_deactivation_is_refused(client, manager):
    officer = make_staff("complaints_officer", name="Casey Officer")
    url = f"/backoffice/staff/{officer.id}"
    stale = client.page(url).hidden_fields()
    client.submit(url, {"role": "reviewer"}, follow_redirects=True)

    page = client.submit(f"{url}/deactivate", stale, csrf_from=url, follow_redirects=True)

    assert "This account was changed by someone else" in page.text()
    assert fresh(officer).active is True


def test_resetting_a_password_shows_the_new_one_once_and_ends_their_sessions(
    client, manager, other_client
):
    officer = make_staff("complaints_officer", name="Casey Officer")
    other_client.post(
        SIGN_IN,
        data={"csrf_token": _token(other_client), "email": officer.email, "password": PASSWORD},
    )
    url = f"/backoffice/staff/{officer.id}/reset-password"
    assert client.page(url).h1 == "Reset password"

    page = client.submit(url, {})

    assert page.h1.startswith("Password reset")
    password = page.soup.select_one("#password").get_text()
    assert signed_out(other_client)
    response = other_client.post(
        SIGN_IN,
        data={"csrf_token": _token(other_client), "email": officer.email, "password": password},
    )
    assert response.status_code == 302


def test_a_reset_password_too_short_is_refused(client, manager):
    officer = make_staff("complaints_officer")
    url = f"/backoffice/staff/{officer.id}/reset-password"
    page = client.submit(url, {"password": "short"})
    assert page.status_code == 400
    assert page.error_summary() == ["The password must be at least 12 characters."]


def test_a_stale_reset_is_refused(client, manager):
    officer = make_staff("complaints_officer")
    url = f"/backoffice/staff/{officer.id}/reset-password"
    stale = client.page(url).hidden_fields()
    client.submit(f"/backoffice/staff/{officer.id}", {"role": "reviewer"}, follow_redirects=True)
    before = fresh(officer).password_hash

    page = client.submit(url, stale, csrf_from=url, follow_redirects=True)

    assert "This account was changed by someone else" in page.text()
    assert fresh(officer).password_hash == before


def test_resetting_your_own_password_signs_you_in_again(client, manager):
    url = f"/backoffice/staff/{manager.id}/reset-password"
    page = client.submit(url, {"password": "my new password 2026"}, follow_redirects=True)
    assert page.h1 == "Sign in"
    assert "Your password was changed. Sign in with the new one." in page.text()
    page = client.submit(
        SIGN_IN,
        {"email": manager.email, "password": "my new password 2026"},
        follow_redirects=True,
    )
    assert page.h1 == "Open complaints"


def test_an_unknown_account_is_not_found(client, manager):
    assert client.get("/backoffice/staff/999999").status_code == 404
