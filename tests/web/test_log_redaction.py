"""A tracking link's secret never lands in a log line or a cookie."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import request

from shared.web.log_redaction import REDACTED, redact
from tests.factories import acknowledge, make_staff, respond, submit
from tests.helpers import send_complaint

PROJECT_DIR = Path(__file__).resolve().parents[2]
SECRET = "Xq3_Z-8kLmN0pQrStUvWxYz0123456789abcdefGHIJ"
assert len(SECRET) == 43


# -- what is taken out -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            f'127.0.0.1 - - "GET /track/CMP-2025-000001/{SECRET} HTTP/1.1" 200',
            f'127.0.0.1 - - "GET /track/CMP-2025-000001/{REDACTED} HTTP/1.1" 200',
        ),
        (
            f"POST /track/CMP-2025-000001/{SECRET}/stage-2?lang=cy",
            f"POST /track/CMP-2025-000001/{REDACTED}/stage-2?lang=cy",
        ),
        (
            "Exception on /track/CMP-2025-000001/not-a-real-secret [GET]",
            f"Exception on /track/CMP-2025-000001/{REDACTED} [GET]",
        ),
        (
            f"https://complaints.example.gov.uk/track/cmp-2025-000001/{SECRET}#top",
            f"https://complaints.example.gov.uk/track/cmp-2025-000001/{REDACTED}#top",
        ),
        (  # a slash sent percent-encoded still separates the reference from the secret
            f"GET /track/CMP-2025-000001%2F{SECRET[:10]}%41{SECRET[10:]} HTTP/1.1",
            f"GET /track/CMP-2025-000001%2F{REDACTED} HTTP/1.1",
        ),
        (  # a doubled slash
            f"GET /track//CMP-2025-000001/{SECRET} HTTP/1.1",
            f"GET /track//{REDACTED}/{REDACTED} HTTP/1.1",
        ),
        (f"token {SECRET} on its own", f"token {REDACTED} on its own"),
        ("GET /track/CMP-2025-000001 HTTP/1.1", "GET /track/CMP-2025-000001 HTTP/1.1"),
        ("GET /complaint?page=2 HTTP/1.1", "GET /complaint?page=2 HTTP/1.1"),
        (f"{SECRET}x is longer than a secret", f"{SECRET}x is longer than a secret"),
    ],
)
def test_redact_takes_out_tracking_secrets_and_keeps_the_rest(line, expected):
    assert redact(line) == expected


# -- the app's own logs ----------------------------------------------------------------------


def test_an_exception_on_a_tracking_page_logs_no_secret(app, client, monkeypatch, caplog):
    from portal import views

    sent = submit()
    url = f"/track/{sent.complaint.reference}/{sent.tracking_secret}"

    def broken(*args, **kwargs):
        # An exception whose message quotes the address, as many do.
        raise RuntimeError(f"could not render {request.url}")

    monkeypatch.setattr(views, "ombudsman_for", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    with caplog.at_level(logging.ERROR):
        response = client.get(url)

    assert response.status_code == 500
    assert caplog.records, "the exception is logged"
    assert f"Exception on /track/{sent.complaint.reference}/{REDACTED} [GET]" in caplog.text
    assert "RuntimeError: could not render" in caplog.text
    assert sent.tracking_secret not in caplog.text
    formatter = logging.Formatter()
    for record in caplog.records:
        assert sent.tracking_secret not in formatter.format(record)


def test_any_logger_in_the_process_has_secrets_taken_out(app, caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("some.library").info("fetched %s", f"/track/CMP-2025-000001/{SECRET}")
        try:
            raise ValueError(f"bad link {SECRET}")
        except ValueError:
            logging.getLogger("another").exception("failed")

    assert SECRET not in caplog.text
    assert f"fetched /track/CMP-2025-000001/{REDACTED}" in caplog.text
    assert f"ValueError: bad link {REDACTED}" in caplog.text


# -- cookies ---------------------------------------------------------------------------------


def session_contents(app, client) -> str:
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    if cookie is None:
        return ""
    data = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    return cookie.value + json.dumps(data, default=str)


def set_cookies(response) -> str:
    return " ".join(response.headers.getlist("Set-Cookie"))


def test_no_secret_in_a_cookie_after_making_a_complaint(app, client):
    page = send_complaint(client)
    assert page.h1 == "Complaint sent"
    link = page.soup.find("a", href=re.compile("/track/"))
    secret = link["href"].rstrip("/").rsplit("/", 1)[-1]
    assert len(secret) == 43

    for response in [*page.response.history, page.response]:
        assert secret not in set_cookies(response)
    assert secret not in session_contents(app, client)

    tracking = client.page(link["href"])
    assert tracking.status_code == 200
    assert secret not in set_cookies(tracking.response)
    assert secret not in session_contents(app, client)


def test_no_secret_in_a_cookie_after_following_and_asking_for_a_review(app, client):
    staff = make_staff("complaints_manager")
    sent = submit(received="2025-03-03 10:00")
    acknowledge(sent.complaint, staff, on="2025-03-05 10:00")
    respond(sent.complaint, staff, on="2025-03-14 10:00", outcome="not_upheld")
    url = f"/track/{sent.complaint.reference}/{sent.tracking_secret}"

    pages = [
        client.page(url),
        client.page(url + "?lang=en"),
        client.page(url + "/stage-2"),
        client.submit(url + "/stage-2", {"reason": "Please look again."}, follow_redirects=True),
    ]

    assert "We have received your request for a stage 2 review." in pages[-1].text()
    for page in pages:
        for response in [*page.response.history, page.response]:
            assert sent.tracking_secret not in set_cookies(response)
    assert sent.tracking_secret not in session_contents(app, client)


# -- gunicorn's logs -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, headers: dict | None = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
            return r.status
    except urllib.error.HTTPError as error:
        return error.code


@dataclass
class Server:
    url: str
    access_log: Path
    error_log: Path


@contextlib.contextmanager
def gunicorn_with_the_projects_config(database_url: str, tmp_path: Path):
    """gunicorn started as in production (gunicorn.conf.py), logging to two files; they are
    complete once the block ends and gunicorn has stopped."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    access_log, error_log = tmp_path / "access.log", tmp_path / "error.log"
    pid_file = tmp_path / "gunicorn.pid"
    env = {
        **os.environ,
        "COMPLAINTS_ENV": "production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "a-test-secret-key-for-the-gunicorn-run",
        "PUBLIC_BASE_URL": base_url,
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            str(PROJECT_DIR / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--pid",
            str(pid_file),
            "--no-control-socket",
            "--access-logfile",
            str(access_log),
            "--error-logfile",
            str(error_log),
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while _get_or_none(base_url + "/health") != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start:\n" + error_log.read_text())
            time.sleep(0.1)
        yield Server(base_url, access_log, error_log)
    finally:
        # The master we started (its PID is in the file too); SIGTERM stops it gracefully.
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _get_or_none(url: str) -> int | None:
    try:
        return _get(url)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def test_gunicorns_logs_keep_the_request_but_not_the_secret(app, tmp_path):
    sent = submit()
    reference, secret = sent.complaint.reference, sent.tracking_secret
    database_url = app.config["SQLALCHEMY_DATABASE_URI"]

    with gunicorn_with_the_projects_config(database_url, tmp_path) as server:
        track = f"{server.url}/track/{reference}/{secret}"
        assert _get(track) == 200
        assert _get(track + "?lang=en", headers={"Referer": track}) == 200
        assert _get(track + "/stage-2") == 200
        assert _get(f"{server.url}/track/{reference}/{secret[:-1]}Z") == 404

    access_log, error_log = server.access_log.read_text(), server.error_log.read_text()
    assert f'"GET /track/{reference}/{REDACTED} HTTP/1.1" 200' in access_log
    assert f'"GET /track/{reference}/{REDACTED}?lang=en HTTP/1.1" 200' in access_log
    assert f'"GET /track/{reference}/{REDACTED}/stage-2 HTTP/1.1" 200' in access_log
    assert f'"GET /track/{reference}/{REDACTED} HTTP/1.1" 404' in access_log
    assert secret not in access_log
    assert secret[:-1] not in access_log
    assert "Booting worker" in error_log  # the error log was written, and holds no secret
    assert secret not in error_log


def test_gunicorns_error_log_has_secrets_taken_out(tmp_path):
    from gunicorn.config import Config

    from shared.web.gunicorn_logger import RedactingLogger

    config = Config()
    config.set("errorlog", str(tmp_path / "error.log"))
    logger = RedactingLogger(config)
    try:
        try:
            raise RuntimeError(f"while reading /track/CMP-2025-000001/{SECRET}")
        except RuntimeError:
            logger.exception("Error handling request %s", f"/track/CMP-2025-000001/{SECRET}")
    finally:
        for log in (logger.error_log, logger.access_log):
            for handler in list(log.handlers):
                handler.close()
                log.removeHandler(handler)

    text = (tmp_path / "error.log").read_text()
    assert f"Error handling request /track/CMP-2025-000001/{REDACTED}" in text
    assert f"RuntimeError: while reading /track/CMP-2025-000001/{REDACTED}" in text
    assert SECRET not in text


def test_an_exception_under_gunicorn_is_logged_without_the_secret(tmp_path):
    # A database with no tables: every tracking page fails, as a real fault would.
    empty_database = f"sqlite:///{tmp_path / 'empty.sqlite'}"

    with gunicorn_with_the_projects_config(empty_database, tmp_path) as server:
        assert _get(f"{server.url}/track/CMP-2025-000001/{SECRET}") == 500

    error_log = server.error_log.read_text()
    assert f"Exception on /track/CMP-2025-000001/{REDACTED} [GET]" in error_log
    assert "Traceback" in error_log
    assert SECRET not in error_log
    assert SECRET not in server.access_log.read_text()
