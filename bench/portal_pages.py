"""Benchmark: the portal's GET pages per second under gunicorn, as a ratio to a minimal Flask
page served the same way in the same run, and the bytes a first visit transfers.

Run by hand from the root of the checkout being measured, with its virtualenv:

    .venv/bin/python bench/portal_pages.py \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/complaints_bench_pages

The database's public schema is rebuilt by the checkout's migrations, and one complaint is
made, acknowledged and answered at stage 1 (so its tracking page shows a response and offers
a stage 2 review, and the stage 2 page shows its form). gunicorn then serves the app
(bench/portal_app.py: the checkout's app factory, rate limits off) with the settings of
bench/submissions.py (``--workers 4 --no-control-socket``, sync workers, no configuration
file), and ``--clients`` threads ask
for each page ``--requests`` times, one new connection per request and no cookies, as a
first-time visitor would: the start page, the complaint form, the tracking page, the stage 2
page and a page that does not exist (404). Each page is warmed up first (untimed), so every
worker has compiled its templates. The same gunicorn settings serve bench/minimal_app.py (a
Flask page that says "ok") alongside; each of ``--rounds`` rounds asks the minimal page
``--minimal-requests`` times and then each portal page, and each page's ratio to the
minimal page is the median of the rounds' ratios (the machine's other load changes). As
throughput swings with whatever else runs on the machine, the CPU time each page costs is
measured too, from /proc: the gunicorn workers' and the database backends' user and system
time over the requests of each page, per request.

A first visit is measured as a browser with an empty cache would make it, accepting
``gzip, br``: the HTML page, then every stylesheet, script (and the modules those import),
icon and image the page links to, each fetched once. The bytes counted are the response
bodies as sent (compressed where the server compressed them); each asset's encoding and
Cache-Control are printed. Images that the CSS names (``url(...)``) are listed but not
counted: a browser fetches them only for an element that uses them.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import sys
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bench_support import LAYOUT, SCRATCH, bench_app, check_own_database, rebuild_schema
from submissions import BENCH_DIR, WORKERS, Browser, run_clients, serve, stop, summary

PAGES = ("start page", "complaint form", "tracking page", "stage 2 page", "error 404")


def make_answered_complaint(app) -> tuple[str, str]:
    """A complaint received, acknowledged and answered at stage 1; its reference and a
    private tracking secret."""
    from argon2 import PasswordHasher

    from shared import cases
    from shared.cases import Actor, NewComplainant, issue_tracking_link
    from shared.db import db, unit_of_work
    from shared.people.models import StaffUser

    def at(value: str) -> datetime:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)

    with app.app_context(), app.test_request_context():
        staff = StaffUser(
            email="bench.manager@council.example",
            name="Bench Manager",
            role="complaints_manager",
            password_hash=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(
                "not used"
            ),
        )
        db.session.add(staff)
        db.session.commit()
        with unit_of_work():
            complaint = cases.submit_complaint(
                Actor.resident(),
                complainant=NewComplainant(
                    name="Sam Resident", email="resident@example.com", preferred_language="en"
                ),
                service_area_codes=["repairs_and_maintenance"],
                description="The boiler has been broken for three weeks.\nNobody came.",
                outcome_sought="Repair the boiler and apologise.",
                at=at("2025-03-03 10:00"),
            )
        with unit_of_work():
            cases.acknowledge(
                Actor.staff(staff),
                complaint,
                definition_points=["The boiler was not repaired within the target time."],
                outcomes_sought=["put_things_right", "apology"],
                at=at("2025-03-05 10:00"),
            )
        with unit_of_work():
            cases.respond(
                Actor.staff(staff),
                complaint,
                outcome="not_upheld",
                reasons="We found the repair was on time.",
                at=at("2025-03-14 10:00"),
            )
        with unit_of_work():
            secret = issue_tracking_link(complaint)
        reference = complaint.reference
        db.session.remove()
        db.engine.dispose()
    return reference, secret


def page_paths(reference: str, secret: str) -> dict[str, tuple[str, int]]:
    track = f"/track/{reference}/{secret}"
    return {
        "start page": ("/", 200),
        "complaint form": ("/complaint", 200),
        "tracking page": (track, 200),
        "stage 2 page": (f"{track}/stage-2", 200),
        "error 404": ("/no-such-page", 404),
    }


# -- server CPU time: what a page costs, whatever else the machine is doing -------------------

TICK = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """Seconds of CPU (user and system) a process has used."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


class CpuMeter:
    """CPU used by a gunicorn server's workers, and by the database's backends."""

    def __init__(self, master: int, database_url: str | None = None):
        self.master = master
        self.database_url = database_url

    def database_pids(self) -> list[int]:
        if not self.database_url:
            return []
        import psycopg
        from sqlalchemy import make_url

        url = make_url(self.database_url).set(drivername="postgresql")
        with psycopg.connect(url.render_as_string(hide_password=False)) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid()"
            ).fetchall()
        return [pid for (pid,) in rows]

    def read(self) -> tuple[float, float]:
        workers = sum(process_cpu(pid) for pid in worker_pids(self.master))
        database = sum(process_cpu(pid) for pid in self.database_pids())
        return workers, database


def measured(meter: CpuMeter, task, port: int, total: int, clients: int) -> dict:
    before = meter.read()
    result = run_clients(task, port, total, clients)
    after = meter.read()
    done = max(1, len(result["latencies"]))
    result["worker_ms"] = (after[0] - before[0]) * 1000 / done
    result["database_ms"] = (after[1] - before[1]) * 1000 / done
    return result


def getter(path: str, expected: int):
    def get(port: int, _number: int) -> None:
        status, _, page = Browser(port).request("GET", path)
        if status != expected or "<h1" not in page:
            raise RuntimeError(f"GET {path} answered {status}")

    return get


def get_ok(port: int, _number: int) -> None:
    status, _, page = Browser(port).request("GET", "/")
    if status != 200 or page != "ok":
        raise RuntimeError(f"the minimal page answered {status}")


# -- a first visit ----------------------------------------------------------------------------


class AssetLinks(HTMLParser):
    """What a browser fetches for a page: stylesheets, scripts, icons and images."""

    def __init__(self, page: str):
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").split()
            if "stylesheet" in rel or "icon" in rel or "modulepreload" in rel:
                self.urls.append(attrs["href"])
        elif tag == "script":
            if attrs.get("src"):
                self.urls.append(attrs["src"])
            else:
                self._in_script = True
        elif tag == "img" and attrs.get("src"):
            self.urls.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts.append(data)


# Static imports of an ES module: `import ... from "./x.js"` and `import "./x.js"`.
MODULE_IMPORT = re.compile(r"""\bimport\s*(?:[\w*{}\s,]+\s*from\s*)?["']([^"']+)["']""")
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


def fetch(port: int, path: str) -> tuple[int, dict, bytes]:
    """One GET as a browser with an empty cache: the body exactly as sent."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip, br"})
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def decoded(headers: dict, body: bytes) -> str:
    encoding = headers.get("content-encoding", "")
    if encoding == "gzip":
        import gzip

        body = gzip.decompress(body)
    elif encoding == "br":
        import brotli

        body = brotli.decompress(body)
    return body.decode("utf-8", "replace")


def first_visit(port: int, path: str) -> dict:
    status, headers, body = fetch(port, path)
    rows = [(path, status, len(body), headers.get("content-encoding", "-"), "-")]
    page = decoded(headers, body)
    links = AssetLinks(page)
    queue = [urljoin(path, url) for url in links.urls]
    for script in links.inline_scripts:
        queue += [urljoin(path, url) for url in MODULE_IMPORT.findall(script)]
    seen: set[str] = set()
    css_urls: set[str] = set()
    while queue:
        url = queue.pop(0)
        if url in seen or urlsplit(url).netloc:
            continue
        seen.add(url)
        status, headers, body = fetch(port, url)
        rows.append(
            (
                url,
                status,
                len(body),
                headers.get("content-encoding", "-"),
                headers.get("cache-control", "(none)"),
            )
        )
        kind = headers.get("content-type", "")
        if "javascript" in kind:
            queue += [
                urljoin(url, found) for found in MODULE_IMPORT.findall(decoded(headers, body))
            ]
        elif "css" in kind:
            css_urls.update(
                urljoin(url, found) for found in CSS_URL.findall(decoded(headers, body))
            )
    return {"rows": rows, "total": sum(row[2] for row in rows), "css_urls": sorted(css_urls)}


def print_first_visit(label: str, visit: dict) -> None:
    print(f"  first visit to the {label}: {visit['total']:,} bytes transferred (bodies as sent)")
    for url, status, size, encoding, cache in visit["rows"]:
        print(f"    {size:>8,} B  {status}  {encoding:<5} {cache:<40}  {url}")
    for url in visit["css_urls"]:
        print(f"    (named by the CSS, fetched only when used: {url})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/complaints_bench_pages",
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=1000, help="of each portal page")
    parser.add_argument("--minimal-requests", type=int, default=3000)
    parser.add_argument("--warm-up", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--pages", nargs="*", choices=PAGES, default=list(PAGES), help="each once, in this order"
    )
    args = parser.parse_args(argv)
    args.pages = list(dict.fromkeys(args.pages))

    check_own_database(args.database_url)
    app = bench_app(args.database_url)
    with app.app_context():
        db = app.extensions["sqlalchemy"]
        rebuild_schema(db)
        db.session.remove()
        db.engine.dispose()
    reference, secret = make_answered_complaint(app)
    paths = page_paths(reference, secret)

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
        f"{os.cpu_count()} CPUs; {args.requests} requests a page"
    )

    # Both servers run throughout (an idle sync worker costs nothing); each round measures
    # the minimal page and then every portal page, so each ratio compares figures taken
    # minutes apart at most, on a machine whose other load changes.
    # bench/portal_app.py, from the bench folder, importing the checkout measured.
    app_env = {**env, "PYTHONPATH": os.pathsep.join([str(Path.cwd()), env.get("PYTHONPATH", "")])}
    app_server, app_port = serve("portal_app:app", BENCH_DIR, app_env)
    try:
        minimal_server, minimal_port = serve("minimal_app:app", BENCH_DIR, env)
    except BaseException:
        stop(app_server)
        raise
    rounds: list[dict] = []
    try:
        visits = {
            label: first_visit(app_port, paths[label][0])
            for label in ("start page", "complaint form")
        }
        run_clients(get_ok, minimal_port, args.warm_up * 4, args.clients)
        for label in args.pages:
            run_clients(getter(*paths[label]), app_port, args.warm_up, args.clients)
        app_meter = CpuMeter(app_server.pid, args.database_url)
        minimal_meter = CpuMeter(minimal_server.pid)
        for _ in range(args.rounds):
            figures = {
                "minimal": measured(
                    minimal_meter, get_ok, minimal_port, args.minimal_requests, args.clients
                )
            }
            for label in args.pages:
                task = getter(*paths[label])
                figures[label] = measured(app_meter, task, app_port, args.requests, args.clients)
            rounds.append(figures)
    finally:
        stop(app_server)
        stop(minimal_server)

    failed = False
    ratios: dict[str, list[float]] = {label: [] for label in args.pages}
    cpu: dict[str, list[tuple[float, float]]] = {label: [] for label in ["minimal", *args.pages]}
    for number, figures in enumerate(rounds, 1):
        print(f"round {number}")
        ok = summary("minimal Flask page", "requests", args.minimal_requests, figures["minimal"])
        failed = failed or bool(figures["minimal"]["errors"])
        for label in ["minimal", *args.pages]:
            cpu[label].append((figures[label]["worker_ms"], figures[label]["database_ms"]))
        for label in args.pages:
            rate = summary(label, "requests", args.requests, figures[label])
            ratios[label].append(rate / ok)
            failed = failed or bool(figures[label]["errors"])
    print("ratio to the minimal page (median of the rounds; each round's in brackets):")
    for label, values in ratios.items():
        each = ", ".join(f"{value:.0%}" for value in values)
        print(f"  {label:<16} {statistics.median(values):5.0%}  ({each})")
    print(
        "server CPU per request, median of the rounds (gunicorn workers + PostgreSQL backends;"
        " clock ticks of 10 ms summed over all requests):"
    )
    minimal_ms = statistics.median(worker for worker, _ in cpu["minimal"])
    for label, values in cpu.items():
        worker = statistics.median(value[0] for value in values)
        database = statistics.median(value[1] for value in values)
        print(
            f"  {label:<16} {worker:5.2f} ms workers + {database:4.2f} ms database"
            f"  ({(worker + database) / minimal_ms:4.1f} x the minimal page's)"
        )
    for label, visit in visits.items():
        print_first_visit(label, visit)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH_DIR))
    raise SystemExit(main())
