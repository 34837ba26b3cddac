"""Benchmark: complaints made through the real form, per second, under gunicorn on PostgreSQL.

Run by hand from the root of the checkout being measured, with its virtualenv:

    .venv/bin/python bench/submissions.py \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/complaints_bench_web

The database's public schema is rebuilt by the checkout's migrations. gunicorn then serves
``shared.wsgi:app`` on a free port of 127.0.0.1 with ``--workers 4 --no-control-socket``
(sync workers; bench/gunicorn_bench.conf.py keeps the checkout's own gunicorn.conf.py out),
and ``--clients`` threads each act as a browser would, one resident after another: GET
/complaint, post the form back with its CSRF token and, where the form has one, its hidden
submission token, and follow the redirect to the confirmation page. A few complaints are
made first, untimed, so every worker has started and compiled its templates.

While the complaints are made, pg_stat_activity is sampled every ``--sample-ms`` for
sessions waiting on a lock (``wait_event_type = 'Lock'``): samples times the interval
estimates the time spent waiting, for instance on the reference counter's row lock.

Then the same gunicorn settings serve bench/minimal_app.py (a Flask page that says "ok") to
the same clients, so the platform's figures can be read as a ratio to what this machine
serves at all. Clients, gunicorn and PostgreSQL share the machine's cores.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench_support import LAYOUT, SCRATCH, bench_app, check_own_database, rebuild_schema
from sqlalchemy import make_url

BENCH_DIR = Path(__file__).resolve().parent
WORKERS = 4


class FormReader(HTMLParser):
    """The hidden inputs of a page's forms and the options of its selects."""

    def __init__(self, page: str):
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self._select: str | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.hidden[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and attrs.get("value"):
            self.options.setdefault(self._select, []).append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


class Browser:
    """One resident's browser: its own cookies, a new connection per request (gunicorn's
    sync workers close each one)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read().decode()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.getheader("Location"), data
        finally:
            connection.close()


def make_complaint(port: int, number: int) -> None:
    browser = Browser(port)
    status, _, page = browser.request("GET", "/complaint")
    if status != 200:
        raise RuntimeError(f"GET /complaint answered {status}")
    form = FormReader(page)
    areas = form.options["service_area_code"]
    fields = {
        **form.hidden,  # csrf_token, and submission_token where the form has one
        "complainant_name": f"Resident {number}",
        "contact_email": f"resident{number}@example.com",
        "service_area_code": areas[number % len(areas)],
        "description": "The repair to the kitchen ceiling was booked three times and nobody "
        "came. Water still comes through when the flat upstairs uses the shower.",
        "outcome_sought": "Fix the ceiling, and an apology for the missed appointments.",
    }
    status, location, page = browser.request("POST", "/complaint", fields)
    if status not in (302, 303) or not location:
        raise RuntimeError(f"POST /complaint answered {status}: {page[:300]}")
    status, _, page = browser.request("GET", urlsplit(location).path)
    if status != 200 or "CMP-" not in page:
        raise RuntimeError(f"the confirmation page answered {status}")


def get_ok(port: int, _number: int) -> None:
    status, _, page = Browser(port).request("GET", "/")
    if status != 200 or page != "ok":
        raise RuntimeError(f"the minimal page answered {status}")


def run_clients(task, port: int, total: int, clients: int, first: int = 0) -> dict:
    """Run ``task`` ``total`` times from ``clients`` threads; wall time and latencies."""
    numbers = iter(range(first, first + total))
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []

    def client():
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            started = time.perf_counter()
            try:
                task(port, number)
            except Exception as error:  # noqa: BLE001 - counted and shown below
                with lock:
                    errors.append(str(error))
                continue
            with lock:
                latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"seconds": time.perf_counter() - started, "latencies": latencies, "errors": errors}


class LockWaitSampler(threading.Thread):
    """Counts, every interval, the sessions of the database waiting on a lock."""

    def __init__(self, conninfo: str, interval: float):
        super().__init__(daemon=True)
        self.conninfo = conninfo
        self.interval = interval
        self.samples = 0
        self.waiting = Counter()
        self.busy = 0  # session-samples that were active at all
        self._done = threading.Event()

    def run(self):
        import psycopg

        with psycopg.connect(self.conninfo, autocommit=True) as connection:
            while not self._done.is_set():
                rows = connection.execute(
                    "SELECT wait_event_type, wait_event, left(regexp_replace(query, '\\s+',"
                    " ' ', 'g'), 70) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> pg_backend_pid() AND state = 'active'"
                ).fetchall()
                self.samples += 1
                self.busy += len(rows)
                for kind, event, query in rows:
                    if kind == "Lock":
                        self.waiting[(event, query)] += 1
                time.sleep(self.interval)

    def stop(self):
        self._done.set()
        self.join()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(wsgi_app: str, chdir: Path, env: dict) -> tuple[subprocess.Popen, int]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        str(BENCH_DIR / "gunicorn_bench.conf.py"),
        "--workers",
        str(WORKERS),
        "--no-control-socket",
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(chdir),
        "--log-level",
        "warning",
        wsgi_app,
    ]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if Browser(port).request("GET", "/")[0] == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError(f"gunicorn did not answer on port {port}")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def summary(label: str, unit: str, total: int, result: dict) -> float:
    rate = len(result["latencies"]) / result["seconds"]
    latencies = sorted(result["latencies"]) or [0.0]
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"  {label:<30} {rate:8.1f} {unit}/s  ({len(result['latencies'])} in "
        f"{result['seconds']:.2f} s; latency median {statistics.median(latencies) * 1000:.0f} ms,"
        f" p95 {p95 * 1000:.0f} ms; errors {len(result['errors'])})"
    )
    for error in sorted(set(result["errors"]))[:3]:
        print(f"    error: {error}")
    return rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/complaints_bench_web",
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--complaints", type=int, default=500)
    parser.add_argument("--requests", type=int, default=3000, help="of the minimal page")
    parser.add_argument("--warm-up", type=int, default=24)
    parser.add_argument("--sample-ms", type=float, default=10.0)
    args = parser.parse_args(argv)

    check_own_database(args.database_url)
    app = bench_app(args.database_url)
    with app.app_context():
        db = app.extensions["sqlalchemy"]
        rebuild_schema(db)
        db.session.remove()
        db.engine.dispose()

    env = {
        **os.environ,
        "SECRET_KEY": "bench-secret-key",
        "PUBLIC_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": args.database_url,
        "COMPLAINTS_ENV": "development",
        "MAIL_OUTBOX_DIR": os.path.join(SCRATCH.name, "outbox"),
    }
    print(
        f"layout: {LAYOUT}; gunicorn --workers {WORKERS} (sync); {args.clients} clients; "
        f"{os.cpu_count()} CPUs"
    )

    server, port = serve("shared.wsgi:app", Path.cwd(), env)
    try:
        run_clients(make_complaint, port, args.warm_up, args.clients, first=10_000_000)
        conninfo = make_url(args.database_url).set(drivername="postgresql")
        sampler = LockWaitSampler(
            conninfo.render_as_string(hide_password=False), args.sample_ms / 1000
        )
        sampler.start()
        made = run_clients(make_complaint, port, args.complaints, args.clients)
        sampler.stop()
    finally:
        stop(server)

    server, port = serve("minimal_app:app", BENCH_DIR, env)
    try:
        run_clients(get_ok, port, args.warm_up * 4, args.clients)
        minimal = run_clients(get_ok, port, args.requests, args.clients)
    finally:
        stop(server)

    complaints = summary("complaints (GET, POST, GET)", "complaints", args.complaints, made)
    ok = summary("minimal Flask page", "requests", args.requests, minimal)
    print(
        f"  ratio: {complaints / ok:.4f} complaints per minimal request "
        f"({3 * complaints / ok:.3f} of the platform's requests per minimal one)"
    )
    interval = sampler.interval
    waited = sum(sampler.waiting.values()) * interval
    print(
        f"  lock waits: {sampler.samples} samples every {args.sample_ms:.0f} ms over "
        f"{made['seconds']:.1f} s; about {waited:.2f} session-seconds waiting on a lock, "
        f"{waited / max(1, len(made['latencies'])) * 1000:.1f} ms per complaint; "
        f"{sampler.busy * interval:.1f} session-seconds active in all"
    )
    for (event, query), count in sampler.waiting.most_common(4):
        print(f"    {count * interval:6.2f} s  {event}: {query}")
    return 1 if made["errors"] or minimal["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
