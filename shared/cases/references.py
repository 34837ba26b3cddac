"""Complaint references, CMP-YYYY-NNNNNN: sequential within a year, with no gaps.

A per-year counter row, rather than a database sequence, because councils read gaps in
references as lost complaints. Its row lock serialises submissions, so the number is taken
as the very last step before commit: the lock is then held only for the final flush.
"""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from shared.cases.models import ReferenceCounter
from shared.db import db


def next_reference(year: int) -> str:
    # One statement, one round trip: the year's row is made at its first complaint, and
    # counted up under its row lock after that.
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(ReferenceCounter).values(year=year, last_value=1)
    statement = statement.on_conflict_do_update(
        index_elements=["year"],
        set_={"last_value": ReferenceCounter.last_value + 1},
    ).returning(ReferenceCounter.last_value)
    # Nothing else is flushed here: the complaint waiting in the session needs this number.
    with db.session.no_autoflush:
        number = db.session.execute(statement).scalar_one()
    return f"CMP-{year}-{number:06d}"
