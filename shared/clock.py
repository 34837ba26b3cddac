"""Local dates for instants. Dates are Europe/London; instants are stored in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def now() -> datetime:
    return datetime.now(UTC)


def local_date(instant: datetime) -> date:
    """The date in the UK when this instant happened (23:30 UTC in summer is the next day)."""
    if instant.tzinfo is None:
        raise ValueError("instants must be timezone-aware")
    return instant.astimezone(LONDON).date()


def today() -> date:
    return local_date(now())
