"""Every staff sign-in and every failed attempt is an append-only audit event: which account
or email address, when, from which address and how it went; never the password."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from shared.cases.audit import AuditEvent, AuditEventIsAppendOnly
from shared.db import db
from tests.conftest import PageClient, make_test_app
from tests.factories import PASSWORD, at, make_staff
from tests.helpers import freeze

SIGN_IN = "/backoffice/sign-in"


@pytest.fixture
def manager(app):
    return make_staff("complaints_manager", name="Morgan Manager")


def sign_in_events() -> list[AuditEvent]:
    db.session.rollback()
    return db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action.in_(["staff_signed_in", "staff_sign_in_failed"]))
        .order_by(AuditEvent.id)
    ).all()


def everything_audited() -> str:
    db.session.rollback()
    rows = db.session.scalars(select(AuditEvent)).all()
    return json.dumps([[e.action, e.actor_kind, e.details] for e in rows])


def test_signing_in_is_recorded_with_who_when_and_where(client, manager, monkeypatch):
    freeze(monkeypatch, "2026-03-02 09:15")

    page = client.submit(
        SIGN_IN, {"email": manager.email.upper(), "password": PASSWORD}, follow_redirects=True
    )

    assert "Sign out" in page.text()
    [event] = sign_in_events()
    assert event.action == "staff_signed_in"
    assert (event.actor_kind, event.staff_user_id) == ("staff", manager.id)
    assert event.complaint_id is None
    assert event.occurred_at == at("2026-03-02 09:15")
    assert event.details == {
        "email": manager.email,
        "from_address": "127.0.0.1",
        "outcome": "signed_in",
    }
    assert PASSWORD not in everything_audited()


@pytest.mark.parametrize(
    ("email", "password", "reason", "is_the_managers"),
    [
        (None, "not the password at all", "wrong_password", True),
        ("nobody@council.example", PASSWORD, "unknown_email", False),
    ],
    ids=["wrong-password", "unknown-email"],
)
def test_a_failed_sign_in_is_recorded_without_the_password(
    client, manager, monkeypatch, email, password, reason, is_the_managers
):
    freeze(monkeypatch, "2026-03-02 09:20")
    email = email or manager.email

    page = client.submit(SIGN_IN, {"email": email, "password": password})

    assert page.status_code == 400  # the page says the same whatever went wrong
    assert page.error_summary() == ["Enter a correct email address and password"]
    [event] = sign_in_events()
    assert event.action == "staff_sign_in_failed"
    # Nobody is proven to be anyone: the account tried is named in the details.
    assert (event.actor_kind, event.staff_user_id) == ("anonymous", None)
    assert event.occurred_at == at("2026-03-02 09:20")
    assert event.details == {
        "email": email,
        "from_address": "127.0.0.1",
        "outcome": "refused",
        "reason": reason,
        "account_id": manager.id if is_the_managers else None,
    }
    assert password not in everything_audited()


def test_a_deactivated_account_signing_in_is_recorded_as_such(client, manager):
    manager.active = False
    db.session.commit()

    page = client.submit(SIGN_IN, {"email": manager.email, "password": PASSWORD})

    assert page.status_code == 400
    [event] = sign_in_events()
    assert event.action == "staff_sign_in_failed"
    assert (event.details["reason"], event.details["account_id"]) == (
        "account_deactivated",
        manager.id,
    )


def test_a_password_typed_into_the_email_box_is_not_kept(client, manager):
    typed = "Summer2026!Secret"

    page = client.submit(SIGN_IN, {"email": typed, "password": typed})

    assert page.status_code == 400
    [event] = sign_in_events()
    assert event.details["email"] is None
    assert event.details["reason"] == "unknown_email"
    assert typed.lower() not in everything_audited().lower()


def test_each_attempt_is_its_own_event_and_events_cannot_be_changed(client, manager):
    client.submit(SIGN_IN, {"email": manager.email, "password": "wrong one"})
    client.submit(SIGN_IN, {"email": manager.email, "password": "wrong two"})
    client.submit(SIGN_IN, {"email": manager.email, "password": PASSWORD}, follow_redirects=True)

    events = sign_in_events()
    assert [e.action for e in events] == [
        "staff_sign_in_failed",
        "staff_sign_in_failed",
        "staff_signed_in",
    ]
    events[0].details = {"outcome": "signed_in"}
    with pytest.raises(AuditEventIsAppendOnly):
        db.session.flush()
    db.session.rollback()


def test_a_form_sent_without_a_password_is_not_an_attempt(client, manager):
    page = client.submit(SIGN_IN, {"email": manager.email, "password": ""})

    assert page.status_code == 400
    assert sign_in_events() == []


@pytest.mark.parametrize(
    ("behind_proxy", "recorded"), [(False, "192.0.2.10"), (True, "203.0.113.7")]
)
def test_the_address_recorded_is_the_forwarded_one_only_behind_a_proxy(
    app, migrated_database, tmp_path, manager, behind_proxy, recorded
):
    other = make_test_app(migrated_database, tmp_path / "other", BEHIND_PROXY=behind_proxy)
    other.test_client_class = PageClient
    client = other.test_client()
    request = {
        "headers": {"X-Forwarded-For": "203.0.113.7"},
        "environ_base": {"REMOTE_ADDR": "192.0.2.10"},
    }
    try:
        hidden = client.page(SIGN_IN, **request).hidden_fields()
        response = client.post(
            SIGN_IN, data={**hidden, "email": manager.email, "password": "wrong"}, **request
        )
    finally:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()

    assert response.status_code == 400
    [event] = sign_in_events()
    assert event.details["from_address"] == recorded
