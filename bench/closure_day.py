"""Benchmark: adding a closure day with 1,000,000 complaints of which 50,000 are open.

Run by hand from the root of a checkout (this one, or an older one for "before" figures)
with that checkout's own virtualenv, against a PostgreSQL database of its own:

    .venv/bin/python bench/closure_day.py \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/complaints_bench

The database is created if missing, its public schema is rebuilt by the checkout's
migrations and filled with COPY (skipped when it already holds the same data; --reload
forces it). Then, for a day inside many deadline windows and a day outside all of them,
it times ``add_closure_day`` plus the commit, and ``remove_closure_day`` plus the commit
(which also puts the database back), and prints per run:

* the seconds taken and the count the function returned;
* the rows UPDATEd in complaints and complaint_stages (from pg_stat_user_tables);
* how long case rows stayed locked: from the first statement that locks a complaint or
  stage row (an UPDATE of either table, or SELECT ... FOR UPDATE on complaints) to the end
  of the commit. No row lock can be held longer than that.

Both layouts are understood: the current one (``shared.cases``, people in ``persons``) and
the one before the subdomain split (``shared.lifecycle``, ``complainant_name`` on the
complaint, where the function commits by itself).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta

from bench_support import (
    LAYOUT,
    Actor,
    add_closure_day,
    bench_app,
    check_own_database,
    rebuild_schema,
    remove_closure_day,
)
from sqlalchemy import create_engine, event, make_url, text

from shared.sla import StageDeadlineComputer, WorkingDayCalendar, get_policy

TODAY = date(2026, 11, 20)  # a Friday; the open complaints are the weeks around it
# Wednesday next week: inside the windows of most open complaints.
DAY_INSIDE = date(2026, 11, 25)
# A Wednesday after every extension cap of every open complaint.
DAY_OUTSIDE = date(2027, 4, 14)
FIRST_RECEIVED = date(2019, 1, 7)
DESCRIPTION = (
    "The repair to the kitchen ceiling was booked three times and nobody came. Water still "
    "comes through when the flat upstairs uses the shower and the plaster is now falling."
)
OUTCOME = "Fix the ceiling, and an apology for the missed appointments."

# State of the open complaints: (status, share).
OPEN_MIX = [
    ("received", 0.20),
    ("acknowledged", 0.45),
    ("responded", 0.10),
    ("stage_2_requested", 0.05),
    ("stage_2_acknowledged", 0.15),
    ("stage_2_responded", 0.05),
]


def _copy_text(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


class Loader:
    """Builds the rows in memory as COPY text and streams them, table by table."""

    def __init__(self, total: int, open_count: int, seed: int, areas: list[tuple]):
        self.total = total
        self.open_count = open_count
        self.rng = random.Random(seed)
        self.areas = areas  # (code, sla_policy, is_housing_landlord)
        calendar = WorkingDayCalendar("england-and-wales")
        self.computers = {
            (policy, stage): StageDeadlineComputer(get_policy(policy), stage, calendar)
            for policy in {a[1] for a in areas}
            for stage in (1, 2)
        }
        self.buffers = {
            name: io.StringIO()
            for name in ("persons", "complaints", "complaint_service_areas", "complaint_stages")
        }
        self.references: dict[int, int] = {}
        self.stage_id = 0

    def _row(self, table: str, *values) -> None:
        self.buffers[table].write("\t".join(map(_copy_text, values)) + "\n")

    def _stage(self, complaint_id, policy, number, started, acknowledged, responded):
        self.stage_id += 1
        deadlines = self.computers[(policy, number)](started, acknowledged)
        self._row(
            "complaint_stages",
            self.stage_id,
            complaint_id,
            number,
            started,
            deadlines.acknowledge_by,
            acknowledged,
            deadlines.respond_by,
            deadlines.latest_extended_respond_by,
            responded,
            "upheld" if responded else None,
        )
        return deadlines

    def _case(self, rng, n: int, closed_count: int):
        """(status, received, stage 1 (ack, resp), stage 2 (start, ack, resp) or None)."""
        days = timedelta
        if n < closed_count:
            # Closed complaints first, in order of receipt, then the open ones: ids follow
            # time, as they do in a real table.
            span = (TODAY - days(60) - FIRST_RECEIVED).days
            received = FIRST_RECEIVED + days(span * n // closed_count)
            ack1 = received + days(rng.randrange(7))
            resp1 = ack1 + days(rng.randrange(5, 25))
            if rng.random() < 0.05:
                return "withdrawn", received, (None, None), None
            if rng.random() < 0.15:
                start2 = resp1 + days(rng.randrange(1, 30))
                ack2 = start2 + days(rng.randrange(7))
                resp2 = ack2 + days(rng.randrange(10, 40))
                return "closed", received, (ack1, resp1), (start2, ack2, resp2)
            return "closed", received, (ack1, resp1), None
        status = rng.choices([s for s, _ in OPEN_MIX], [w for _, w in OPEN_MIX])[0]
        if not status.startswith("stage_2"):
            # Stage 1 cases from the last six weeks.
            received = TODAY - days(rng.randrange(42))
            if status == "received":
                return status, received, (None, None), None
            ack1 = min(received + days(rng.randrange(7)), TODAY)
            if status == "acknowledged":
                return status, received, (ack1, None), None
            return status, received, (ack1, min(ack1 + days(rng.randrange(5, 20)), TODAY)), None
        # Reviews asked for in the last nine weeks, of complaints answered before that.
        start2 = TODAY - days(rng.randrange(10 if status == "stage_2_requested" else 63))
        received = start2 - days(rng.randrange(30, 90))
        ack1 = received + days(rng.randrange(7))
        resp1 = min(ack1 + days(rng.randrange(5, 20)), start2)
        if status == "stage_2_requested":
            return status, received, (ack1, resp1), (start2, None, None)
        ack2 = min(start2 + days(rng.randrange(7)), TODAY)
        if status == "stage_2_acknowledged":
            return status, received, (ack1, resp1), (start2, ack2, None)
        resp2 = min(ack2 + days(rng.randrange(20)), TODAY)
        return status, received, (ack1, resp1), (start2, ack2, resp2)

    def build(self) -> None:
        rng = self.rng
        closed_count = self.total - self.open_count
        for n in range(self.total):
            complaint_id = n + 1
            is_open = n >= closed_count
            status, received, (ack1, resp1), second = self._case(rng, n, closed_count)
            code, policy, housing = self.areas[complaint_id % len(self.areas)]
            year = received.year
            self.references[year] = self.references.get(year, 0) + 1
            reference = f"CMP-{year}-{self.references[year]:06d}"
            d1 = self._stage(complaint_id, policy, 1, received, ack1, resp1)
            d2 = None
            if second is not None:
                d2 = self._stage(complaint_id, policy, 2, *second)
            if status in ("received", "stage_2_requested"):
                next_deadline = (d2 or d1).acknowledge_by
            elif status in ("acknowledged", "stage_2_acknowledged"):
                next_deadline = (d2 or d1).respond_by
            else:
                next_deadline = None
            received_at = datetime.combine(received, datetime.min.time(), UTC) + timedelta(
                hours=9 + complaint_id % 8
            )
            closed_at = None if is_open else received_at + timedelta(days=60)
            name = f"Resident {complaint_id}"
            email = f"resident{complaint_id}@example.com"
            if LAYOUT == "current":
                self._row(
                    "persons", complaint_id, name, email, "en", "email", "standard", received_at
                )
                self._row(
                    "complaints",
                    complaint_id,
                    reference,
                    status,
                    2 if second else 1,
                    1,
                    complaint_id,
                    code,
                    policy,
                    housing,
                    "online",
                    DESCRIPTION,
                    OUTCOME,
                    received_at,
                    received,
                    next_deadline,
                    closed_at,
                    closed_at or received_at,
                )
                self._row("complaint_service_areas", complaint_id, code, 0)
            else:
                self._row(
                    "complaints",
                    complaint_id,
                    reference,
                    status,
                    2 if second else 1,
                    code,
                    policy,
                    "online",
                    name,
                    email,
                    DESCRIPTION,
                    OUTCOME,
                    "en",
                    received_at,
                    received,
                    next_deadline,
                    closed_at,
                    closed_at or received_at,
                )

    COLUMNS = {
        "persons": "id, name, email, preferred_language, contact_method, contact_format, "
        "created_at",
        "complaints": {
            "current": "id, reference, status, current_stage, version, complainant_id, "
            "service_area_code, sla_policy, is_housing_landlord, channel, description, "
            "outcome_sought, received_at, received_on, next_deadline, closed_at, updated_at",
            "before": "id, reference, status, current_stage, service_area_code, sla_policy, "
            "channel, complainant_name, contact_email, description, outcome_sought, locale, "
            "received_at, received_on, next_deadline, closed_at, updated_at",
        },
        "complaint_service_areas": "complaint_id, service_area_code, position",
        "complaint_stages": "id, complaint_id, number, started_on, acknowledge_by, "
        "acknowledged_on, respond_by, latest_extended_respond_by, responded_on, outcome",
    }

    def tables(self) -> list[str]:
        order = ["persons", "complaints", "complaint_service_areas", "complaint_stages"]
        return order if LAYOUT == "current" else ["complaints", "complaint_stages"]

    def copy_into(self, connection) -> None:
        """COPY every table, with secondary indexes dropped and rebuilt around it and the
        foreign-key triggers off (the rows are consistent by construction)."""
        tables = self.tables()
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SET maintenance_work_mem = '256MB'")
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
                " AND tablename = ANY(%s) AND indexname NOT IN"
                " (SELECT conname FROM pg_constraint)",
                (tables,),
            )
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            for table in tables:
                columns = self.COLUMNS[table]
                if isinstance(columns, dict):
                    columns = columns[LAYOUT]
                data = self.buffers[table].getvalue().encode()
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for start in range(0, len(data), 1 << 20):
                        copy.write(data[start : start + (1 << 20)])
                self.buffers[table] = io.StringIO()
            for _name, definition in indexes:
                cursor.execute(definition)
            for table in tables:
                if table != "complaint_service_areas":
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" (SELECT max(id) FROM {table}))"
                    )
            cursor.executemany(
                "INSERT INTO reference_counters (year, last_value) VALUES (%s, %s)",
                sorted(self.references.items()),
            )
            cursor.execute("SET session_replication_role = origin")
        connection.commit()


def loaded(db, total: int, open_count: int) -> bool:
    try:
        counts = db.session.execute(
            text(
                "SELECT count(*), count(*) FILTER (WHERE status NOT IN ('closed', 'withdrawn'))"
                " FROM complaints"
            )
        ).one()
        closure_days = db.session.scalar(text("SELECT count(*) FROM closure_days"))
    except Exception:  # noqa: BLE001 - no schema yet
        db.session.rollback()
        return False
    db.session.rollback()
    return tuple(counts) == (total, open_count) and closure_days == 0


def load(db, args) -> None:
    started = time.perf_counter()
    rebuild_schema(db)
    areas = [
        tuple(row)
        for row in db.session.execute(
            text("SELECT code, sla_policy, is_housing_landlord FROM service_areas ORDER BY code")
        )
    ]
    db.session.remove()
    loader = Loader(args.total, args.open, args.seed, areas)
    loader.build()
    built = time.perf_counter()
    raw = db.engine.raw_connection()
    try:
        loader.copy_into(raw.driver_connection)
    finally:
        raw.close()
    copied = time.perf_counter()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE)"))
    print(
        f"loaded {args.total:,} complaints ({args.open:,} open): rows built in "
        f"{built - started:.1f} s, COPY and indexes {copied - built:.1f} s, "
        f"VACUUM ANALYZE {time.perf_counter() - copied:.1f} s"
    )


class LockClock:
    """When the first statement that locks a case row ran (see the module docstring)."""

    def __init__(self, engine):
        self.first = None
        event.listen(engine, "before_cursor_execute", self._saw)

    def _saw(self, conn, cursor, statement, parameters, context, executemany):  # noqa: ARG002
        if self.first is not None:
            return
        head = statement.lstrip()[:40].upper()
        locks = head.startswith(("UPDATE COMPLAINTS ", "UPDATE COMPLAINT_STAGES ")) or (
            "FOR UPDATE" in statement.upper() and " complaints" in statement
        )
        if locks:
            self.first = time.perf_counter()


def updated_rows(engine) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT relname, n_tup_upd FROM pg_stat_user_tables"
                " WHERE relname IN ('complaints', 'complaint_stages')"
            )
        )
        return dict(rows.all())


def flush_statistics(db) -> None:
    """Make this backend report its table counters now, not up to a second later."""
    db.session.execute(text("SELECT pg_stat_force_next_flush()"))
    db.session.commit()
    db.session.execute(text("SELECT 1"))
    db.session.commit()


def timed(db, change, day: date, stats_engine) -> dict:
    before = updated_rows(stats_engine)
    clock = LockClock(db.engine)
    started = time.perf_counter()
    try:
        returned = change(Actor.system(), day)
        db.session.commit()  # a no-op for the old layout, which committed already
    finally:
        event.remove(db.engine, "before_cursor_execute", clock._saw)
    ended = time.perf_counter()
    flush_statistics(db)
    after = updated_rows(stats_engine)
    return {
        "seconds": ended - started,
        "returned": returned,
        "locked": (ended - clock.first) if clock.first else 0.0,
        "stages": after["complaint_stages"] - before["complaint_stages"],
        "complaints": after["complaints"] - before["complaints"],
    }


def report(label: str, runs: list[dict]) -> None:
    seconds = [r["seconds"] for r in runs]
    print(
        f"  {label:<22} median {statistics.median(seconds):6.3f} s  "
        f"(min {min(seconds):.3f}, max {max(seconds):.3f}, runs {len(runs)}); "
        f"returned {runs[-1]['returned']:,}; rows updated: complaint_stages "
        f"{runs[-1]['stages']:,}, complaints {runs[-1]['complaints']:,}; case rows locked "
        f"at most {max(r['locked'] for r in runs):.3f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/complaints_bench",
    )
    parser.add_argument("--total", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=3, help="runs of each change")
    parser.add_argument("--reload", action="store_true", help="load the data again")
    parser.add_argument("--explain", action="store_true", help="show the candidate query plan")
    args = parser.parse_args(argv)

    url = make_url(args.database_url)
    check_own_database(args.database_url)
    app = bench_app(args.database_url)
    db = app.extensions["sqlalchemy"]
    stats_engine = create_engine(url)
    print(f"layout: {LAYOUT}; database: {url.render_as_string(hide_password=True)}")
    with app.app_context():
        if args.reload or not loaded(db, args.total, args.open):
            load(db, args)
        else:
            print(f"reusing the loaded data ({args.total:,} complaints, {args.open:,} open)")
        # As autovacuum would have: no dead rows left over from earlier runs.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM (ANALYZE) complaints, complaint_stages"))
        db.session.execute(text("SELECT 1"))
        db.session.commit()
        if args.explain:
            from shared.cases.closure_days import owed_stages  # current layout only

            query = owed_stages(DAY_INSIDE).compile(
                db.engine, compile_kwargs={"literal_binds": True}
            )
            plan = db.session.execute(text(f"EXPLAIN (ANALYZE, BUFFERS) {query}")).all()
            print("\n".join(row[0] for row in plan))
            db.session.rollback()
        for label, day in (("inside", DAY_INSIDE), ("outside", DAY_OUTSIDE)):
            adds, removes = [], []
            for _ in range(args.runs):
                adds.append(timed(db, add_closure_day, day, stats_engine))
                removes.append(timed(db, remove_closure_day, day, stats_engine))
            print(f"closure day {day.isoformat()} ({label} the windows):")
            report("add + commit", adds)
            report("remove + commit", removes)
        db.session.remove()
    stats_engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
