"""Staff sessions: revoked everywhere on sign-out, password change or deactivation; ended
after a pause; renewed at sign-in."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from shared.db import db, unit_of_work
from shared.people import staff
from shared.people.models import StaffUser
from tests.conftest import PageClient
from tests.factories import PASSWORD, make_staff, submit
from tests.helpers import freeze

SIGN_IN = "/backoffice/sign-in"
QUEUE = "/backoffice/"
IDLE_MESSAGE = (
    "You were signed out because you had not used the back office for 30 minutes. "
    "Sign in again to carry on."
)


@pytest.fixture
def manager(app):
    return make_staff("complaints_manager", name="Morgan Manager")


def sign_in(client, user, password: str = PASSWORD):
    page = client.submit(
        SIGN_IN, {"email": user.email, "password": password}, follow_redirects=True
    )
    assert page.h1 == "Open complaints", page.text()
    return page


def is_signed_in(client) -> bool:
    return client.get(QUEUE).status_code == 200


def sign_in_redirect(response) -> tuple[str, dict]:
    """The sign-in page's path and query a redirect points at."""
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    return location.path, parse_qs(location.query)


def sign_out(client) -> None:
    token = client.page(QUEUE).csrf_token()
    response = client.post("/backoffice/sign-out", data={"csrf_token": token})
    assert response.status_code == 302


def reloaded(user: StaffUser) -> StaffUser:
    db.session.rollback()
    return db.session.get(StaffUser, user.id)


@pytest.fixture
def two_browsers(app, manager):
    """The same person signed in on two devices."""
    app.test_client_class = PageClient
    first, second = app.test_client(), app.test_client()
    sign_in(first, manager)
    sign_in(second, manager)
    assert is_signed_in(first) and is_signed_in(second)
    return first, second


# -- revoking every session of a person -----------------------------------------------------


def test_signing_out_on_one_device_signs_out_the_other(two_browsers):
    first, second = two_browsers

    sign_out(first)

    assert not is_signed_in(first)
    path, _ = sign_in_redirect(second.get(QUEUE))
    assert path == SIGN_IN
    page = second.page(QUEUE, follow_redirects=True)
    assert page.h1 == "Sign in"
    assert "Sign in to see that page." in page.text()


def test_a_password_change_signs_out_every_session(two_browsers, manager):
    first, second = two_browsers

    with unit_of_work():
        staff.change_password(reloaded(manager), "a brand new passphrase")

    assert not is_signed_in(first)
    assert not is_signed_in(second)
    # The new password works; the old one does not.
    page = first.submit(SIGN_IN, {"email": manager.email, "password": PASSWORD})
    assert page.status_code == 400
    sign_in(first, manager, password="a brand new passphrase")
    assert is_signed_in(first)
    assert not is_signed_in(second)


def test_deactivating_a_person_signs_out_every_session_and_refuses_sign_in(two_browsers, manager):
    first, second = two_browsers

    with unit_of_work():
        staff.deactivate(reloaded(manager))

    assert not is_signed_in(first)
    assert not is_signed_in(second)
    page = first.submit(SIGN_IN, {"email": manager.email, "password": PASSWORD})
    assert page.status_code == 400
    assert not is_signed_in(first)


def test_someone_elses_sign_out_leaves_my_session_alone(app, manager):
    colleague = make_staff("complaints_officer")
    app.test_client_class = PageClient
    mine, theirs = app.test_client(), app.test_client()
    sign_in(mine, manager)
    sign_in(theirs, colleague)

    sign_out(theirs)

    assert is_signed_in(mine)


# -- ending a session after a pause ---------------------------------------------------------


def test_a_session_ends_after_30_idle_minutes_with_a_message(client, manager, monkeypatch):
    reference = submit().complaint.reference
    case_url = f"/backoffice/complaints/{reference}"
    freeze(monkeypatch, "2025-03-03 09:00")
    sign_in(client, manager)

    # Each page seen restarts the clock: 29 minutes after the last one is still fine.
    for instant in ("2025-03-03 09:29", "2025-03-03 09:58", "2025-03-03 10:28"):
        freeze(monkeypatch, instant)
        assert client.get(case_url).status_code == 200, instant

    freeze(monkeypatch, "2025-03-03 10:58")  # exactly 30 minutes: still signed in
    assert client.get(QUEUE).status_code == 200

    freeze(monkeypatch, "2025-03-03 11:29")  # 31 minutes
    response = client.get(case_url)
    path, query = sign_in_redirect(response)
    assert path == SIGN_IN
    assert query["next"] == [case_url]

    page = client.page(response.headers["Location"])
    assert page.h1 == "Sign in"
    assert IDLE_MESSAGE in page.text()
    assert "Sign in to see that page." not in page.text()
    assert not is_signed_in(client)

    # Signing in again goes back to the page asked for.
    response = client.post(
        SIGN_IN,
        data={"csrf_token": page.csrf_token(), "email": manager.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == case_url
    assert client.get(case_url).status_code == 200


def test_an_idle_session_cannot_send_a_form(client, manager, monkeypatch):
    complaint = submit().complaint
    freeze(monkeypatch, "2025-03-03 09:00")
    sign_in(client, manager)
    token = client.page(QUEUE).csrf_token()

    freeze(monkeypatch, "2025-03-03 10:00")
    response = client.post(
        f"/backoffice/complaints/{complaint.reference}/close", data={"csrf_token": token}
    )

    path, query = sign_in_redirect(response)
    assert path == SIGN_IN
    assert "next" not in query  # a form is not sent again after signing in
    assert IDLE_MESSAGE.replace("30", "60") not in client.page(SIGN_IN).text()


def test_the_idle_limit_is_configurable(app, client, manager, monkeypatch):
    app.config["STAFF_IDLE_MINUTES"] = 5
    freeze(monkeypatch, "2025-03-03 09:00")
    sign_in(client, manager)

    freeze(monkeypatch, "2025-03-03 09:05")
    assert is_signed_in(client)
    freeze(monkeypatch, "2025-03-03 09:11")
    response = client.get(QUEUE)
    assert sign_in_redirect(response)[0] == SIGN_IN
    page = client.page(SIGN_IN)
    assert (
        "You were signed out because you had not used the back office for 5 minutes." in page.text()
    )


def test_signing_out_after_a_pause_still_ends_every_session(two_browsers, monkeypatch):
    first, second = two_browsers
    token = first.page(QUEUE).csrf_token()
    freeze(monkeypatch, "2099-01-01 00:00")  # long after both signed in

    response = first.post("/backoffice/sign-out", data={"csrf_token": token})

    assert sign_in_redirect(response)[0] == SIGN_IN
    assert "You have signed out." in first.page(SIGN_IN).text()
    # The other device is refused for its revoked session, not for idling.
    page = second.page(QUEUE, follow_redirects=True)
    assert "Sign in to see that page." in page.text()


# -- a new session at sign-in ---------------------------------------------------------------


def test_signing_in_renews_the_session_and_the_csrf_token(client, manager):
    client.page("/?lang=en")  # a language chosen before signing in is the visitor's to keep
    before_page = client.page(SIGN_IN)
    with client.session_transaction() as session:
        session["planted_by_someone_else"] = "fixation"
        before = dict(session)
    assert before["csrf_token"]

    response = client.post(
        SIGN_IN,
        data={
            "csrf_token": before_page.csrf_token(),
            "email": manager.email,
            "password": PASSWORD,
        },
    )
    assert response.status_code == 302

    after_page = client.page(QUEUE)
    with client.session_transaction() as session:
        after = dict(session)
    assert "planted_by_someone_else" not in after
    assert after["csrf_token"] != before["csrf_token"]
    assert after_page.csrf_token() != before_page.csrf_token()
    assert after["lang"] == "en"
    assert set(after) <= {"lang", "csrf_token", "_user_id", "_id", "_fresh", "staff_seen_at"}

    # The token from before signing in no longer works.
    response = client.post("/backoffice/sign-out", data={"csrf_token": before_page.csrf_token()})
    assert response.status_code == 400
    assert is_signed_in(client)
