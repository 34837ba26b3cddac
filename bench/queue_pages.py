"""Benchmark: the back-office queue and case pages with 1,000,000 complaints, 50,000 open.

Run by hand from the root of the checkout being measured, with a virtualenv that has the
project's dependencies, against a PostgreSQL database of its own:

    .venv/bin/python bench/queue.py \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/complaints_queue_bench

The data are bench/closure_day.py's (the same loader, COPY; skipped when the database
already holds them, --reload forces it), brought up to the checkout's migrations (so the
"after" run adds its indexes to data an older checkout loaded), plus, for the case pages,
a timeline of four audit events by three members of staff on 200 open complaints, and a
member of staff to sign in as.

Then:

1. **SQL**: in this process, a signed-in test client asks for each page once to warm up and
   once more recording every statement it sends; each statement is run again under
   ``EXPLAIN (ANALYZE, BUFFERS)`` and its planning and execution times summed per page.
2. **Load**: gunicorn serves ``shared.wsgi:app`` with ``--workers 4`` (sync workers, as
   bench/submissions.py), and ``--clients`` threads, each with the cookies of one signed-in
   staff session, ask for the same page again and again for ``--seconds``: pages per second,
   median and p95 latency, and the share over 2 s.
3. **Minimal page**: the same gunicorn settings serve bench/minimal_app.py to the same
   clients, so each rate reads as a ratio to what this machine serves at all.

The pages: the queue's first page; a deep page (page 500: by ``?page=500`` where the queue
pages by number, else by following "Next" links 499 times from the first page); filtered
pages (where the checkout has filters); and case pages (a different one of the 200 each
request). Clients, gunicorn and PostgreSQL share the machine's cores.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import threading
import time
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from bench_support import LAYOUT, SCRATCH, bench_app, check_own_database
from closure_day import load, loaded
from sqlalchemy import event, text
from submissions import BENCH_DIR, WORKERS, Browser, serve, stop

STAFF_EMAIL = "bench.manager@council.example"
STAFF_PASSWORD = "bench password for the queue"
CASES_WITH_TIMELINES = 200
DEEP_PAGE = 500
# Filters of the queue after the change; a checkout without them is measured without.
FILTERED_PAGES = {
    "filtered: stage 2, one area": {"stage": "2", "service_area": "repairs_and_maintenance"},
    "filtered: overdue": {"overdue": "y"},
    "filtered: due within 3 days": {"due_within": "3"},
    "filtered: one state, one area": {"status": "received", "service_area": "parking"},
    "search: a name": {"q": "Resident 987654"},
    "search: an email": {"q": "RESIDENT987654@example.com"},
    "search: a reference": {"q": "__REFERENCE__"},
}


class Links(HTMLParser):
    """The hrefs of a page's links, by their text, and its hidden inputs."""

    def __init__(self, page: str):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.hidden: dict[str, str] = {}
        self._href: str | None = None
        self._text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self._href, self._text = attrs.get("href"), []
        elif tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.hidden[attrs["name"]] = attrs.get("value") or ""

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((" ".join("".join(self._text).split()), self._href))
            self._href = None

    def next_link(self) -> str | None:
        return next((href for text, href in self.links if text.startswith("Next")), None)


# -- data -------------------------------------------------------------------------------------


def prepare(db, args) -> list[str]:
    """Load (or reuse) the data, migrate, add timelines and the staff member; the references
    of the complaints whose case pages are measured."""
    from flask_migrate import upgrade

    from shared.people.models import StaffUser
    from shared.people.passwords import hash_password

    if args.reload or not loaded(db, args.total, args.open):
        load(db, args)
    else:
        print(f"reusing the loaded data ({args.total:,} complaints, {args.open:,} open)")
    started = time.perf_counter()
    upgrade()  # the checkout's own migrations: "after" adds its indexes here
    print(f"migrations at head in {time.perf_counter() - started:.1f} s")
    if db.session.scalar(text("SELECT count(*) FROM staff_users")) == 0:
        names = ["Bench Manager", "Olu Officer", "Ivy Investigator"]
        for number, name in enumerate(names):
            email = STAFF_EMAIL if number == 0 else f"bench.staff{number}@council.example"
            db.session.add(
                StaffUser(
                    email=email,
                    name=name,
                    role="complaints_manager",
                    password_hash=hash_password(STAFF_PASSWORD),
                )
            )
        db.session.flush()
        staff = db.session.scalars(text("SELECT id FROM staff_users ORDER BY id")).all()
        cases = db.session.execute(
            text(
                "SELECT id, status, received_at FROM complaints WHERE status = 'acknowledged'"
                " ORDER BY id LIMIT :n"
            ),
            {"n": CASES_WITH_TIMELINES},
        ).all()
        events = []
        for complaint_id, status, received_at in cases:
            for step, (action, actor, to_status) in enumerate(
                [
                    ("submit", None, "received"),
                    ("note", staff[1], "received"),
                    ("acknowledge", staff[2], status),
                    ("note", staff[0], status),
                ]
            ):
                events.append(
                    {
                        "complaint_id": complaint_id,
                        "occurred_at": received_at + timedelta(hours=step),
                        "actor_kind": "staff" if actor else "resident",
                        "staff_user_id": actor,
                        "action": action,
                        "to_status": to_status,
                        "details": json.dumps({}),
                    }
                )
        db.session.execute(
            text(
                "INSERT INTO audit_events (complaint_id, occurred_at, actor_kind,"
                " staff_user_id, action, to_status, details) VALUES (:complaint_id,"
                " :occurred_at, :actor_kind, :staff_user_id, :action, :to_status,"
                " CAST(:details AS json))"
            ),
            events,
        )
        db.session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM (ANALYZE) audit_events, staff_users"))
    # As autovacuum would have: the visibility map set, statistics fresh.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE) complaints, persons"))
    return list(
        db.session.scalars(
            text(
                "SELECT c.reference FROM complaints c WHERE EXISTS (SELECT 1 FROM audit_events"
                " e WHERE e.complaint_id = c.id) ORDER BY c.id"
            )
        )
    )


# -- pages ------------------------------------------------------------------------------------


def queue_urls(get, references: list[str]) -> dict[str, list[str]]:
    """Each measured page and the URLs its requests cycle through."""
    first = "/backoffice/"
    status, page = get(first)
    if status != 200:
        raise RuntimeError(f"the queue answered {status}")
    next_link = Links(page).next_link()
    urls = {"queue: first page": [first]}
    if next_link and "page=" in next_link:
        urls[f"queue: page {DEEP_PAGE}"] = [f"{first}?page={DEEP_PAGE}"]
        has_filters = False
    else:
        url = next_link
        for _ in range(DEEP_PAGE - 2):
            status, page = get(url)
            url = Links(page).next_link()
            if url is None:
                raise RuntimeError("the queue ran out of pages before the deep page")
        urls[f"queue: page {DEEP_PAGE}"] = [url]
        has_filters = 'name="stage"' in get(first)[1]
    if has_filters:
        for label, query in FILTERED_PAGES.items():
            if query.get("q") == "__REFERENCE__":
                query = {"q": references[len(references) // 2].lower()}
            urls[label] = [f"{first}?{urlencode(query)}"]
    urls["case page"] = [f"/backoffice/complaints/{ref}" for ref in references]
    return urls


def sql_times(client, engine, urls: dict[str, list[str]]) -> dict[str, dict]:
    """Per page: the statements a signed-in request sends and their EXPLAIN ANALYZE times."""
    recorded: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        recorded.append((statement, parameters))

    results = {}
    for label, page_urls in urls.items():
        url = page_urls[len(page_urls) // 2]
        client.get(url)  # warm: the calendar, compiled templates, the cache
        event.listen(engine, "before_cursor_execute", record)
        try:
            response = client.get(url)
        finally:
            event.remove(engine, "before_cursor_execute", record)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        statements, captured = [], list(recorded)
        recorded.clear()
        raw = engine.raw_connection()
        try:
            cursor = raw.driver_connection.cursor()
            for statement, parameters in captured:
                if not statement.lstrip().upper().startswith("SELECT"):
                    continue
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters)
                plan = [row[0] for row in cursor.fetchall()]
                raw.driver_connection.rollback()
                planning = float(re.search(r"Planning Time: ([\d.]+)", "\n".join(plan))[1])
                execution = float(re.search(r"Execution Time: ([\d.]+)", "\n".join(plan))[1])
                statements.append(
                    {
                        "sql": " ".join(statement.split())[:160],
                        "planning_ms": planning,
                        "execution_ms": execution,
                        "plan": plan,
                    }
                )
        finally:
            raw.close()
        results[label] = {"url": url, "statements": statements}
    return results


# -- load -------------------------------------------------------------------------------------


def signed_in_browser(port: int) -> Browser:
    browser = Browser(port)
    status, _, page = browser.request("GET", "/backoffice/sign-in")
    token = Links(page).hidden["csrf_token"]
    status, location, _ = browser.request(
        "POST",
        "/backoffice/sign-in",
        {"csrf_token": token, "email": STAFF_EMAIL, "password": STAFF_PASSWORD},
    )
    if status != 302:
        raise RuntimeError(f"signing in answered {status}")
    return browser


def hammer(port: int, urls: list[str], clients: int, seconds: float, browsers=None) -> dict:
    """``clients`` threads ask for ``urls`` in turn, as fast as answers come, for ``seconds``."""
    lock = threading.Lock()
    cycle = itertools.cycle(urls)
    latencies: list[float] = []
    errors: list[str] = []
    stop_at = time.perf_counter() + seconds

    def client(browser):
        while time.perf_counter() < stop_at:
            with lock:
                url = next(cycle)
            started = time.perf_counter()
            try:
                status, _, page = browser.request("GET", url)
                if status != 200:
                    raise RuntimeError(f"{url} answered {status}")
            except Exception as error:  # noqa: BLE001 - counted and shown
                with lock:
                    errors.append(str(error)[:200])
                continue
            with lock:
                latencies.append(time.perf_counter() - started)

    browsers = browsers or [Browser(port) for _ in range(clients)]
    threads = [threading.Thread(target=client, args=(b,)) for b in browsers[:clients]]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"seconds": time.perf_counter() - started, "latencies": latencies, "errors": errors}


def figures(result: dict) -> dict:
    latencies = sorted(result["latencies"]) or [0.0]
    return {
        "rate": len(result["latencies"]) / result["seconds"],
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "over_2s": sum(1 for x in latencies if x > 2) / len(latencies),
        "requests": len(result["latencies"]),
        "errors": result["errors"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/complaints_queue_bench",
    )
    parser.add_argument("--total", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20.0, help="of load per page")
    parser.add_argument("--reload", action="store_true", help="load the data again")
    parser.add_argument("--plans", action="store_true", help="print every query plan")
    parser.add_argument("--only", help="measure only pages whose label contains this")
    args = parser.parse_args(argv)

    check_own_database(args.database_url)
    app = bench_app(args.database_url)
    db = app.extensions["sqlalchemy"]
    print(f"layout: {LAYOUT}; checkout: {Path.cwd()}; {os.cpu_count()} CPUs")
    with app.app_context():
        references = prepare(db, args)
        db.session.remove()
        engine = db.engine
    # Each request of the test client then gets its own app context, so its own session and
    # signed-in user, as under gunicorn.
    client = app.test_client()

    def get(url):
        response = client.get(url)
        return response.status_code, response.get_data(as_text=True)

    token = Links(client.get("/backoffice/sign-in").get_data(as_text=True)).hidden
    response = client.post(
        "/backoffice/sign-in",
        data={"csrf_token": token["csrf_token"], "email": STAFF_EMAIL, "password": STAFF_PASSWORD},
    )
    if response.status_code != 302:
        raise RuntimeError(f"signing in answered {response.status_code}")
    urls = queue_urls(get, references)
    if args.only:
        urls = {k: v for k, v in urls.items() if args.only in k}
    sql = sql_times(client, engine, urls)
    engine.dispose()

    print("\nSQL per page (EXPLAIN ANALYZE of each statement the page sends):")
    for label, result in sql.items():
        statements = result["statements"]
        total = sum(s["planning_ms"] + s["execution_ms"] for s in statements)
        print(f"  {label:<32} {len(statements):2d} statements, {total:7.2f} ms  {result['url']}")
        for s in statements:
            print(
                f"      {s['execution_ms']:7.2f} ms (+{s['planning_ms']:.2f} planning)  {s['sql']}"
            )
            if args.plans:
                print("\n".join(f"          {line}" for line in s["plan"]))

    env = {
        **os.environ,
        "SECRET_KEY": "bench-secret-key",
        "PUBLIC_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": args.database_url,
        "COMPLAINTS_ENV": "development",
        "MAIL_OUTBOX_DIR": os.path.join(SCRATCH.name, "outbox"),
        "STAFF_IDLE_MINUTES": "600",
    }
    print(
        f"\nUnder load: gunicorn --workers {WORKERS} (sync), {args.clients} clients, "
        f"{args.seconds:.0f} s per page"
    )
    loads = {}
    server, port = serve("shared.wsgi:app", Path.cwd(), env)
    try:
        browsers = [signed_in_browser(port) for _ in range(args.clients)]
        for label, page_urls in urls.items():
            hammer(port, page_urls, args.clients, 2.0, browsers)  # warm every worker
            loads[label] = figures(hammer(port, page_urls, args.clients, args.seconds, browsers))
    finally:
        stop(server)
    server, port = serve("minimal_app:app", BENCH_DIR, env)
    try:
        hammer(port, ["/"], args.clients, 2.0)
        minimal = figures(hammer(port, ["/"], args.clients, args.seconds))
    finally:
        stop(server)

    print(
        f"  {'page':<32} {'pages/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'> 2 s':>6} "
        f"{'per minimal':>11}  requests, errors"
    )
    for label, f in [*loads.items(), ("minimal Flask page", minimal)]:
        print(
            f"  {label:<32} {f['rate']:8.1f} {f['p50_ms']:8.0f} {f['p95_ms']:8.0f} "
            f"{f['over_2s']:6.1%} {f['rate'] / minimal['rate']:11.4f}  "
            f"{f['requests']}, {len(f['errors'])}"
        )
        for error in sorted(set(f["errors"]))[:3]:
            print(f"      error: {error}")
    return 1 if any(f["errors"] for f in loads.values()) or minimal["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
