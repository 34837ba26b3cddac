"""Browser-test fixtures: the app under gunicorn, Debian's Chromium driven by Playwright, axe.

Use them from a test marked ``@pytest.mark.browser``:

    @pytest.mark.browser
    def test_something(live_server, page):
        page.goto(live_server + "/")
        assert_accessible(page)

``live_server`` is the base URL (``http://127.0.0.1:PORT``) of gunicorn serving
``shared.wsgi:app`` on the test database, seeded with the default service areas and one
member of staff of each role (see ``STAFF_EMAILS``; every password is
``tests.factories.PASSWORD``). Helpers for tests: ``assert_accessible``, ``sign_in``,
``sign_out`` and ``save_screenshot``; import them from ``tests.browser.conftest``.

One server serves a whole test module: its tests share the data they create, in order, so
each should make its own complaint rather than count on an empty database. The tables are
emptied before the server starts and after it stops. When a test fails, its report shows
the end of the gunicorn log and test-artifacts/ has a screenshot of the page.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from shared.db import db
from shared.web.config import RATE_LIMITS
from tests.conftest import empty_tables, make_test_app
from tests.factories import PASSWORD

PROJECT_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = PROJECT_DIR / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT = 20.0
SHUTDOWN_TIMEOUT = 10.0

# One member of staff of each role, all with tests.factories.PASSWORD.
STAFF_EMAILS = {
    "complaints_officer": "complaints.officer@council.example",
    "investigating_officer": "investigating.officer@council.example",
    "reviewer": "reviewer@council.example",
    "complaints_manager": "complaints.manager@council.example",
    "report_viewer": "report.viewer@council.example",
}
STAFF_NAMES = {
    "complaints_officer": "Casey Officer",
    "investigating_officer": "Indra Investigator",
    "reviewer": "Robin Reviewer",
    "complaints_manager": "Morgan Manager",
    "report_viewer": "Rae Viewer",
}


# --- Reporting: remember each phase's outcome so fixtures can act on a failure -------------


_reports_key = pytest.StashKey[dict]()


# The gunicorn log of each live server, by base URL, shown with a failing test's report.
_server_logs: dict[str, Path] = {}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_reports_key, {})[report.when] = report
    funcargs = getattr(item, "funcargs", {})
    log_file = _server_logs.get(funcargs.get("live_server", ""))
    if report.failed and log_file is not None and log_file.exists():
        lines = log_file.read_text(errors="replace").splitlines()[-200:]
        report.sections.append(("gunicorn log (last 200 lines)", "\n".join(lines)))
    return report


def _failed(item) -> bool:
    reports = item.stash.get(_reports_key, {})
    return any(report.failed for report in reports.values())


# --- The app under gunicorn -----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _seed(app) -> None:
    from shared.people.models import StaffUser
    from shared.people.passwords import hash_password
    from shared.reference.service_areas import ensure_service_areas

    with app.app_context():
        empty_tables()
        ensure_service_areas()
        password_hash = hash_password(PASSWORD)
        for role, email in STAFF_EMAILS.items():
            db.session.add(
                StaffUser(
                    email=email, name=STAFF_NAMES[role], role=role, password_hash=password_hash
                )
            )
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def _empty(app) -> None:
    with app.app_context():
        db.session.remove()
        empty_tables()
        db.session.remove()
        db.engine.dispose()


def _wait_until_healthy(url: str, process: subprocess.Popen, log_file: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited with {process.returncode} before answering:\n"
                + log_file.read_text(errors="replace")
            )
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last_error = error
        time.sleep(0.1)
    raise RuntimeError(
        f"gunicorn did not answer {url}/health within {STARTUP_TIMEOUT:.0f} s "
        f"({last_error}):\n" + log_file.read_text(errors="replace")
    )


def _stop(process: subprocess.Popen, pid_file: Path) -> None:
    """Stop gunicorn by the PID it wrote (its master), falling back to the one we started."""
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        pid = process.pid
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        try:
            process.wait(timeout=SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.kill(pid, signal.SIGKILL)
            process.wait(timeout=SHUTDOWN_TIMEOUT)


@pytest.fixture(scope="module")
def live_server(migrated_database, tmp_path_factory, request):
    """The app served by gunicorn on 127.0.0.1; yields its base URL without a trailing slash.

    Rate limits are out of reach unless the test module sets its own settings in a
    ``LIVE_SERVER_ENV`` dict (each gunicorn worker counts alone, in memory)."""
    tmp = tmp_path_factory.mktemp("live-server")
    instance = tmp / "instance"
    instance.mkdir()
    outbox = tmp / "outbox"
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"

    app = make_test_app(migrated_database, instance)
    _seed(app)

    pid_file = tmp / "gunicorn.pid"
    log_file = tmp / "gunicorn.log"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    env = {
        **os.environ,
        "DATABASE_URL": migrated_database,
        "SECRET_KEY": secrets.token_hex(32),
        "COMPLAINTS_ENV": "development",
        "SECURE_COOKIES": "0",
        "MAIL_OUTBOX_DIR": str(outbox),
        "PUBLIC_BASE_URL": base_url,
        "PYTHONDONTWRITEBYTECODE": "1",
        **{name: "1000 per minute" for name in RATE_LIMITS},
        **getattr(request.module, "LIVE_SERVER_ENV", {}),
    }
    with log_file.open("wb") as log:
        process = subprocess.Popen(
            [
                str(gunicorn),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--pid",
                str(pid_file),
                "--no-control-socket",
                "--error-logfile",
                "-",
                "shared.wsgi:app",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    _server_logs[base_url] = log_file
    try:
        _wait_until_healthy(base_url, process, log_file)
        yield base_url
    finally:
        _stop(process, pid_file)
        _empty(app)
        _server_logs.pop(base_url, None)


# --- Chromium -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"Chromium is not installed at {CHROMIUM} (run `make chromium`)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser, request):
    """A fresh browser context and page; a screenshot lands in test-artifacts/ on failure."""
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
    finally:
        if _failed(request.node):
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
            try:
                save_screenshot(page, f"FAILED-{name}")
            except Exception as error:  # a crashed page must not hide the test's own failure
                print(f"Could not save a screenshot: {error}")
        context.close()


# --- Helpers for tests ----------------------------------------------------------------------


def save_screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as test-artifacts/NAME.png and return its path."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    path = ARTIFACTS_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _describe(violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) found by axe-core:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'no impact given'}): "
            f"{violation['help']}\n  {violation.get('helpUrl', '')}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


_checked = {"count": 0}  # pages checked so far, to number the BROWSER_SCREENSHOTS files


def assert_accessible(page) -> None:
    """Run axe-core on the page as it is now and fail on any violation.

    Also checks what axe does not insist on for this service: <html> declares both its
    language and its text direction. With BROWSER_SCREENSHOTS=1 in the environment, every
    page checked is also saved to test-artifacts/page-NN-PATH.png to look at.
    """
    from axe_playwright_python.sync_playwright import Axe

    html = page.locator("html")
    lang = html.get_attribute("lang")
    direction = html.get_attribute("dir")
    assert lang, f"{page.url}: <html> has no lang"
    assert direction in {"ltr", "rtl"}, f"{page.url}: <html> has dir={direction!r}"

    if os.environ.get("BROWSER_SCREENSHOTS"):
        _checked["count"] += 1
        path = re.sub(r"[^A-Za-z0-9]+", "-", urllib.parse.urlsplit(page.url).path).strip("-")
        save_screenshot(page, f"page-{_checked['count']:02d}-{path[:40] or 'start'}")

    results = Axe().run(page)
    violations = results.response["violations"]
    assert not violations, f"{page.url}\n{_describe(violations)}"


def sign_in(page, live_server: str, role: str) -> None:
    """Sign in to the back office as the seeded member of staff with this role."""
    page.goto(live_server + "/backoffice/sign-in")
    page.get_by_label("Email address").fill(STAFF_EMAILS[role])
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Each role starts on its home page: the open complaints, or the figures.
    home = "/backoffice/figures" if role == "report_viewer" else "/backoffice/"
    page.wait_for_url(live_server + home)


def sign_out(page) -> None:
    page.get_by_role("button", name=re.compile(r"^Sign out")).click()
