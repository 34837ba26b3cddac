"""Rate limits: sending complaints, opening tracking links, asking for stage 2 and staff
signing in. The rest of the suite runs with limits off; each test here turns them on, with
small numbers, on an app of its own.
"""

from __future__ import annotations

import os
import secrets

import pytest
import redis
from flask import Flask

from shared.cases.models import Complaint, ComplaintStage
from shared.db import db
from shared.web import rate_limits
from shared.web.config import RATE_LIMITS, ConfigurationError, load_config
from shared.web.error_pages import wait_in_words
from tests.conftest import Page, PageClient, make_test_app
from tests.factories import PASSWORD, acknowledge, make_staff, respond, submit
from tests.helpers import answer_questions, count

SIGN_IN = "/backoffice/sign-in"


@pytest.fixture
def limited(app, migrated_database, tmp_path):
    """Make a client of an app of its own with rate limits on, with these limits."""
    made: list[Flask] = []

    def make(**overrides) -> PageClient:
        # Every limit out of reach but those the test sets.
        settings = {name: "1000 per minute" for name in RATE_LIMITS} | overrides
        limited_app = make_test_app(
            migrated_database, tmp_path / f"limited-{len(made)}", RATELIMIT_ENABLED=True, **settings
        )
        limited_app.test_client_class = PageClient
        made.append(limited_app)
        return limited_app.test_client()

    yield make
    for each in made:
        with each.app_context():
            db.session.remove()
            db.engine.dispose()


def send(client, url: str, data: dict, csrf_from: str | None = None, **kwargs):
    """Post a form as a browser would, with the hidden fields of its page; the raw response."""
    hidden = client.page(csrf_from or url, **kwargs).hidden_fields()
    return client.post(url, data={**hidden, **data}, **kwargs)


def assert_too_many_attempts(response, wait: str) -> Page:
    page = Page(response)
    assert page.status_code == 429
    assert page.h1 == "Too many attempts"
    assert wait in page.text()
    assert "Nothing you sent just now was saved." in page.text()
    assert "Traceback" not in page.text()
    seconds = int(response.headers["Retry-After"])
    assert seconds > 0
    assert response.headers["Cache-Control"] == "no-store"
    return page


# -- sending a complaint ----------------------------------------------------------------------


CHECK = "/complaint/check-your-answers"


def test_complaints_beyond_the_limit_are_refused_and_not_saved(limited):
    client = limited(RATE_LIMIT_COMPLAINT="2 per hour")

    for _ in range(2):
        answer_questions(client)
        assert send(client, CHECK, {}).status_code == 302
    answer_questions(client)
    refused = send(client, CHECK, {})

    page = assert_too_many_attempts(refused, "Try again in 1 hour.")
    assert 3500 < int(refused.headers["Retry-After"]) <= 3601
    assert page.soup.find("a", string="Go to the start page")["href"] == "/"
    assert count(Complaint) == 2
    # Reading the answers is not limited: the resident can still see them, kept.
    assert client.get(CHECK).status_code == 200


def test_a_send_that_saves_nothing_still_counts_as_an_attempt(limited):
    client = limited(RATE_LIMIT_COMPLAINT="2 per hour")
    csrf = client.page("/complaint/who").csrf_token()

    for _ in range(2):
        # No answers kept for this browser: nothing is sent, and it is still an attempt.
        response = client.post(CHECK, data={"csrf_token": csrf, "submission_token": "x"})
        assert response.status_code == 302
    answer_questions(client)
    refused = send(client, CHECK, {})

    assert refused.status_code == 429
    assert count(Complaint) == 0


# -- tracking links ---------------------------------------------------------------------------


@pytest.fixture
def answered(app):
    staff = make_staff("complaints_manager")
    sent = submit(received="2025-03-03 10:00")
    acknowledge(sent.complaint, staff, on="2025-03-05 10:00")
    respond(sent.complaint, staff, on="2025-03-14 10:00", outcome="not_upheld")
    return sent


def track_url(sent, secret: str | None = None) -> str:
    return f"/track/{sent.complaint.reference}/{secret or sent.tracking_secret}"


def guess(number: int) -> str:
    """A well-formed secret that is not the complaint's."""
    return f"{number:043d}"


def test_guessing_tracking_secrets_is_stopped_even_for_the_right_one(limited, answered):
    client = limited(RATE_LIMIT_TRACKING_NOT_FOUND="3 per hour")

    # Looking at one's own complaint does not count towards the guesses.
    for _ in range(5):
        assert client.get(track_url(answered)).status_code == 200
    # The stage 2 page's address holds the secret too: guesses there count with the others.
    assert client.get(track_url(answered, guess(1))).status_code == 404
    assert client.get(track_url(answered, guess(2)) + "/stage-2").status_code == 404
    assert client.get(track_url(answered, guess(3))).status_code == 404

    assert_too_many_attempts(client.get(track_url(answered, guess(4))), "Try again in 1 hour.")
    assert_too_many_attempts(client.get(track_url(answered)), "Try again in 1 hour.")
    assert client.get(track_url(answered) + "/stage-2").status_code == 429


def test_opening_tracking_links_too_often_is_stopped(limited, answered):
    client = limited(RATE_LIMIT_TRACKING="4 per minute")

    for url in [track_url(answered), track_url(answered) + "/stage-2"] * 2:
        assert client.get(url).status_code == 200, url

    assert_too_many_attempts(client.get(track_url(answered)), "Try again in 1 minute.")


def test_asking_for_stage_two_beyond_the_limit_is_refused(limited, answered, monkeypatch):
    from tests.helpers import freeze

    freeze(monkeypatch, "2025-03-17 12:00")
    client = limited(RATE_LIMIT_STAGE_2="1 per hour")
    url = track_url(answered) + "/stage-2"

    assert send(client, url, {"reason": "The fix did not last."}).status_code == 302
    # The page no longer offers the form; a copy kept open in another tab would send this.
    again = send(client, url, {"reason": "Again."}, csrf_from="/complaint/who")

    assert_too_many_attempts(again, "Try again in 1 hour.")
    db.session.rollback()
    assert count(ComplaintStage) == 2
    # The pages themselves are still there.
    assert client.get(url).status_code == 200
    assert client.get(track_url(answered)).status_code == 200


# -- staff signing in ---------------------------------------------------------------------


@pytest.fixture
def accounts(app) -> list[str]:
    """Email addresses of four staff accounts. Wrong passwords are tried on real accounts:
    an unknown address is checked against a full-strength hash, which is slow on purpose."""
    return [make_staff("complaints_officer").email for _ in range(4)]


def sign_in(client, email: str, password: str, **kwargs):
    return send(client, SIGN_IN, {"email": email, "password": password}, **kwargs)


def test_failed_sign_ins_for_one_account_are_limited(limited, app):
    manager = make_staff("complaints_manager")
    officer = make_staff("complaints_officer")
    client = limited(RATE_LIMIT_SIGN_IN_ACCOUNT="3 per 15 minutes")

    for _ in range(3):
        refused = Page(sign_in(client, manager.email, "not the password"))
        assert refused.status_code == 400
        assert refused.error_summary() == ["Enter a correct email address and password"]

    # Now even the right password is refused, in any case of the address...
    page = assert_too_many_attempts(
        sign_in(client, manager.email.upper(), PASSWORD), "Try again in 15 minutes."
    )
    assert page.soup.find("a", string="Go to the sign-in page")["href"] == SIGN_IN
    # ...while another account from the same address signs in, and the page still shows.
    assert client.get(SIGN_IN).status_code == 200
    assert sign_in(client, officer.email, PASSWORD).status_code == 302


def test_failed_sign_ins_from_one_address_are_limited_whatever_the_account(limited, accounts):
    client = limited(RATE_LIMIT_SIGN_IN_ADDRESS="3 per 15 minutes")

    for email in accounts[:3]:
        assert sign_in(client, email, "not the password").status_code == 400

    assert sign_in(client, accounts[3], PASSWORD).status_code == 429
    # Someone else, elsewhere, is not held up.
    elsewhere = {"environ_base": {"REMOTE_ADDR": "192.0.2.44"}}
    assert sign_in(client, accounts[3], PASSWORD, **elsewhere).status_code == 302


def test_signing_in_successfully_is_never_limited(limited, app):
    manager = make_staff("complaints_manager")
    client = limited(
        RATE_LIMIT_SIGN_IN_ACCOUNT="2 per hour", RATE_LIMIT_SIGN_IN_ADDRESS="2 per hour"
    )

    for _ in range(4):
        assert sign_in(client, manager.email, PASSWORD).status_code == 302
        hidden = client.page("/backoffice/").hidden_fields()
        assert client.post("/backoffice/sign-out", data=hidden).status_code == 302


@pytest.mark.parametrize("behind_proxy", [False, True])
def test_a_forwarded_address_counts_only_behind_a_proxy(limited, accounts, behind_proxy):
    client = limited(RATE_LIMIT_SIGN_IN_ADDRESS="2 per 15 minutes", BEHIND_PROXY=behind_proxy)

    statuses = [
        sign_in(
            client,
            accounts[number],
            "not the password",
            headers={"X-Forwarded-For": f"203.0.113.{number}"},
        ).status_code
        for number in range(4)
    ]

    # Behind a proxy each forwarded address is its own client; otherwise the header is a
    # claim anyone can make, and every attempt comes from the one real address.
    assert statuses == ([400, 400, 400, 400] if behind_proxy else [400, 400, 429, 429])


def test_one_ipv6_network_counts_as_one_client(limited, accounts):
    client = limited(RATE_LIMIT_SIGN_IN_ADDRESS="2 per 15 minutes")

    statuses = [
        sign_in(
            client,
            accounts[0],
            "not the password",
            environ_base={"REMOTE_ADDR": f"2001:db8:5:6::{number:x}"},
        ).status_code
        for number in range(1, 4)
    ]
    other_network = sign_in(
        client, accounts[0], "not the password", environ_base={"REMOTE_ADDR": "2001:db8:5:7::1"}
    )

    assert statuses == [400, 400, 429]
    assert other_network.status_code == 400


# -- counted in Redis, across app instances ---------------------------------------------------

TEST_REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_prefix():
    """A key prefix of this test's own in the Redis at 127.0.0.1:6379, and its keys removed
    after. Skipped when that Redis is down, except on CI, where it must be up."""
    server = redis.Redis.from_url(TEST_REDIS, socket_connect_timeout=1, socket_timeout=1)
    try:
        server.ping()
    except redis.RedisError as error:
        server.close()
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis must run at 127.0.0.1:6379 on CI (make redis): {error}")
        pytest.skip(f"no Redis at 127.0.0.1:6379 ({error}); `make redis` starts one")
    prefix = f"complaints-test-{secrets.token_hex(8)}"
    try:
        yield server, prefix
    finally:
        keys = list(server.scan_iter(match=f"*{prefix}*"))
        if keys:
            server.delete(*keys)
        server.close()


def failed_sign_ins_across(clients: list[PageClient], email: str) -> list[int]:
    """Statuses of failed sign-ins from one address, to each client in turn, three times."""
    return [sign_in(client, email, "not the password").status_code for client in clients * 3]


def test_two_app_instances_share_one_limit_in_redis(limited, accounts, redis_prefix):
    server, prefix = redis_prefix
    settings = {
        "REDIS_URL": TEST_REDIS,
        "RATELIMIT_KEY_PREFIX": prefix,
        "RATE_LIMIT_SIGN_IN_ADDRESS": "4 per 15 minutes",
    }
    # Two instances, as two gunicorn workers or two servers would be.
    one, two = limited(**settings), limited(**settings)

    assert failed_sign_ins_across([one, two], accounts[0]) == [400, 400, 400, 400, 429, 429]
    assert list(server.scan_iter(match=f"*{prefix}*"))


def test_without_redis_each_instance_counts_alone(limited, accounts):
    """What the test above guards against: in memory, each worker would allow the limit."""
    settings = {"RATE_LIMIT_SIGN_IN_ADDRESS": "4 per 15 minutes"}
    one, two = limited(**settings), limited(**settings)

    assert failed_sign_ins_across([one, two], accounts[0]) == [400] * 6


# -- when Redis is not there ----------------------------------------------------------------


def test_limits_still_hold_in_memory_while_redis_does_not_answer(limited, accounts, caplog):
    # Nothing listens on port 1: every call to this "Redis" fails at once.
    client = limited(
        RATE_LIMIT_SIGN_IN_ADDRESS="2 per 15 minutes", REDIS_URL="redis://127.0.0.1:1/0"
    )

    statuses = [sign_in(client, accounts[0], "not the password").status_code for _ in range(3)]

    assert statuses == [400, 400, 429]
    assert "falling back to in-memory storage" in caplog.text


# -- the page, the settings and the start-up check ------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "Try again in 1 minute."),
        (60, "Try again in 1 minute."),
        (61, "Try again in 2 minutes."),
        (900, "Try again in 15 minutes."),
        (3540, "Try again in 59 minutes."),
        (3541, "Try again in 1 hour."),
        (3601, "Try again in 2 hours."),
        (86400, "Try again in 24 hours."),
    ],
)
def test_the_wait_is_said_in_words_and_never_shorter_than_it_is(app, seconds, words):
    with app.test_request_context():
        assert wait_in_words(seconds) == words


def test_limits_are_on_by_default_and_counted_in_memory_without_redis(tmp_path, monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    config = load_config(tmp_path, {"SECRET_KEY": "x", "PUBLIC_BASE_URL": "https://example.org"})
    assert config["RATELIMIT_ENABLED"] is True
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert config["RATE_LIMIT_SIGN_IN_ACCOUNT"] == "10 per 15 minutes"

    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/2")
    monkeypatch.setenv("RATE_LIMIT_COMPLAINT", "3 per hour; 10 per day")
    config = load_config(tmp_path, {"SECRET_KEY": "x", "PUBLIC_BASE_URL": "https://example.org"})
    assert config["RATELIMIT_STORAGE_URI"] == "redis://cache.internal:6379/2"
    assert config["RATE_LIMIT_COMPLAINT"] == "3 per hour; 10 per day"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("RATE_LIMIT_COMPLAINT", "lots"),
        ("RATE_LIMIT_SIGN_IN_ACCOUNT", "5 per fortnight"),
        ("REDIS_URL", "http://cache.internal:6379"),
    ],
)
def test_a_setting_that_makes_no_sense_is_refused_by_name(tmp_path, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError, match=name):
        load_config(tmp_path, {"SECRET_KEY": "x", "PUBLIC_BASE_URL": "https://example.org"})


def test_a_limit_on_a_page_that_does_not_exist_stops_the_app_starting(
    migrated_database, tmp_path, monkeypatch
):
    monkeypatch.setitem(
        rate_limits.LIMITED_PAGES,
        "portal.renamed_page",
        (rate_limits.PageLimit("RATE_LIMIT_COMPLAINT"),),
    )
    with pytest.raises(RuntimeError, match="portal.renamed_page"):
        make_test_app(migrated_database, tmp_path)  # even with limits off, as in tests
