"""The database layer every subdomain shares: the SQLAlchemy object, column types that
behave the same on SQLite and PostgreSQL, and the unit of work that callers commit once."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, MetaData
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.types import TypeDecorator

from shared.errors import CaseChanged

log = logging.getLogger(__name__)

# Named constraints so that Alembic migrations are the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


class UTCDateTime(TypeDecorator):
    """An instant, stored in UTC and always handed back timezone-aware.

    SQLite keeps no timezone, so values are normalised to UTC on the way in and
    marked as UTC on the way out; PostgreSQL stores `timestamptz`.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("instants must be timezone-aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def is_postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


@contextmanager
def unit_of_work() -> Iterator[None]:
    """One transaction for a request or a command: commit once at the end, or nothing.

    Domain functions change and flush, never commit; the edge (a view, a CLI command, an
    import) wraps them in this. A write that lost a race with another request (a stale
    version, or a row the other request inserted first) becomes `CaseChanged`, which the
    pages show as "changed by someone else"; nothing of this unit is kept.
    """
    try:
        yield
        db.session.commit()
    except (StaleDataError, IntegrityError) as error:
        db.session.rollback()
        log.info("concurrent change refused: %s", type(error).__name__)
        raise CaseChanged() from error
    except BaseException:
        db.session.rollback()
        raise
