"""Several workers submitting at the same moment each get their own reference."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from shared.cases.models import Complaint
from shared.db import db
from tests.factories import submit


def test_twenty_concurrent_submissions_get_twenty_distinct_references(app, is_postgres):
    if not is_postgres:
        pytest.skip("concurrent writers need PostgreSQL (set TEST_DATABASE_URL)")
    barrier = threading.Barrier(20)
    references: list[str] = []
    errors: list[BaseException] = []

    def resident_submits(number: int) -> None:
        # Each thread has its own app context, so its own session and connection.
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                complaint = submit(email=f"resident{number}@example.com").complaint
                references.append(complaint.reference)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=resident_submits, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(set(references)) == 20
    assert sorted(references) == [f"CMP-2025-{n:06d}" for n in range(1, 21)]
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 20
