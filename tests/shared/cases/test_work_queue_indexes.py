"""The work queue's indexes, as the migrations build them on SQLite and PostgreSQL, and the
queue's queries can use them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from shared.cases.models import OPEN_STATUS_SQL
from shared.cases.state_machine import OPEN_STATUSES
from shared.cases.work_queue import QueueFilters, QueueKey, _after, _conditions, _rows
from shared.db import db
from shared.sla import WorkingDayCalendar


def index_definition(name: str) -> str:
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            return connection.scalar(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"), {"name": name}
            )
        return connection.scalar(
            text("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name"),
            {"name": name},
        )


def test_the_partial_index_holds_open_complaints_in_queue_order(app):
    definition = index_definition("ix_complaints_open_queue")

    assert definition is not None
    flat = " ".join(definition.replace('"', "").split())
    assert "(next_deadline, id)" in flat
    assert "WHERE" in flat
    for status in OPEN_STATUSES:
        assert f"'{status}'" in flat
    for finished in ("closed", "withdrawn"):
        assert f"'{finished}'" not in flat


def test_the_index_predicate_is_the_set_of_open_statuses():
    written = {part.strip(" '()") for part in OPEN_STATUS_SQL.split("IN", 1)[1].split(",")}
    assert written == {str(s) for s in OPEN_STATUSES}


def test_the_search_index_exists(app, is_postgres):
    search = index_definition("ix_persons_search_trgm")

    assert search is not None
    flat = " ".join(search.replace('"', "").split())
    if is_postgres:
        assert "USING gin (name gin_trgm_ops, email gin_trgm_ops, postcode gin_trgm_ops)" in flat
    else:
        assert "(name, email, postcode)" in flat


def plan(statement) -> str:
    query = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # Tiny test tables: make the planner say what it would do with a big one.
            connection.execute(text("SET enable_seqscan = off"))
            connection.execute(text("SET enable_bitmapscan = off"))
            rows = connection.execute(text(f"EXPLAIN {query}")).all()
            return "\n".join(row[0] for row in rows)
        rows = connection.execute(text(f"EXPLAIN QUERY PLAN {query}")).all()
        return "\n".join(str(row[-1]) for row in rows)


def test_a_deep_page_reads_the_partial_index_in_order_without_sorting(app, is_postgres):
    if not is_postgres:
        pytest.skip("SQLite's planner, without statistics, picks its own way on tiny tables")
    calendar = WorkingDayCalendar("england-and-wales")
    conditions = _conditions(QueueFilters(), date(2025, 3, 5), calendar)
    extra, order = _after(QueueKey(date(2025, 3, 5), 1234))[0]

    shown = plan(_rows([*conditions, *extra]).order_by(*order).limit(51))

    assert "ix_complaints_open_queue" in shown
    assert "Sort" not in shown and "TEMP B-TREE" not in shown
