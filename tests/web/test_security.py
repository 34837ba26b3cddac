"""Security steps of the app factory: forwarded headers, the CSP, page numbers."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from flask import request, request_started

from shared.db import db
from shared.web.config import ConfigurationError
from tests.conftest import PageClient, make_test_app
from tests.factories import PASSWORD, make_staff, submit


def remote_addresses(app, headers: dict) -> list[str]:
    """The client address the app sees for one request with these headers."""
    seen: list[str] = []

    def note(sender, **extra):
        seen.append(request.remote_addr)

    app.test_client_class = PageClient
    with request_started.connected_to(note, app):
        response = app.test_client().get(
            "/", headers=headers, environ_base={"REMOTE_ADDR": "192.0.2.10"}
        )
    assert response.status_code == 200
    return seen


@contextmanager
def app_with(database_url: str, instance_path, **overrides):
    """Another app on the test database, configured differently, tidied away after."""
    app = make_test_app(database_url, instance_path, **overrides)
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app_behind_proxy(migrated_database, tmp_path):
    with app_with(migrated_database, tmp_path, BEHIND_PROXY=True) as app:
        yield app


def test_x_forwarded_for_is_ignored_unless_behind_a_proxy(app):
    assert remote_addresses(app, {"X-Forwarded-For": "203.0.113.7"}) == ["192.0.2.10"]


def test_x_forwarded_for_is_honoured_behind_a_proxy(app_behind_proxy):
    # One proxy: the address it adds, the last one, is the client; earlier ones are claims.
    headers = {"X-Forwarded-For": "198.51.100.1, 203.0.113.7", "X-Forwarded-Proto": "https"}
    assert remote_addresses(app_behind_proxy, headers) == ["203.0.113.7"]


# -- the content security policy ------------------------------------------------------------


def img_src(response) -> str:
    directives = dict(
        part.strip().split(" ", 1)
        for part in response.headers["Content-Security-Policy"].split(";")
    )
    return directives["img-src"]


def test_the_csp_allows_images_from_this_site_only_by_default(client):
    response = client.get("/")
    assert img_src(response) == "'self' data:"
    assert "script-src 'self' 'nonce-" in response.headers["Content-Security-Policy"]


def test_the_csp_admits_the_configured_logos_origin(migrated_database, tmp_path):
    with app_with(
        migrated_database,
        tmp_path,
        COUNCIL_LOGO_URL="https://www.Riverside.example.gov.uk:8443/images/crest.svg?v=2",
    ) as app:
        response = app.test_client().get("/")

    assert img_src(response) == "'self' data: https://www.riverside.example.gov.uk:8443"
    assert 'src="https://www.Riverside.example.gov.uk:8443/images/crest.svg?v=2"' in (
        response.get_data(as_text=True)
    )


def test_a_logo_on_this_site_needs_no_extra_source(migrated_database, tmp_path):
    with app_with(migrated_database, tmp_path, COUNCIL_LOGO_URL="/static/crest.svg") as app:
        assert img_src(app.test_client().get("/")) == "'self' data:"


@pytest.mark.parametrize(
    "logo_url",
    [
        "javascript:alert(1)",
        "https://evil.example; script-src *",
        "ftp://files.example/logo.png",
        "//cdn.example/logo.png",
        "https://user:pw@cdn.example/logo.png",
    ],
)
def test_a_logo_address_that_cannot_be_a_csp_source_is_refused(
    migrated_database, tmp_path, logo_url
):
    with pytest.raises(ConfigurationError, match="COUNCIL_LOGO_URL"):
        make_test_app(migrated_database, tmp_path, COUNCIL_LOGO_URL=logo_url)


# -- page numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize("page_number", ["99999999999999999999", "-5", "abc", "0", "1e9", "", "٣"])
def test_any_page_number_on_the_queue_is_answered(app, client, page_number):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    reference = submit().complaint.reference
    manager = make_staff("complaints_manager")
    client.submit(
        "/backoffice/sign-in",
        {"email": manager.email, "password": PASSWORD},
        follow_redirects=True,
    )

    page = client.page(f"/backoffice/?page={page_number}")

    assert page.status_code == 200
    assert page.h1 == "Open complaints"
    # Past the end, or nonsense: the queue's only page, not an empty one.
    assert reference in page.text()
