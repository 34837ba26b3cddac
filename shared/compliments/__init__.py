"""Compliments: a resident's thanks for a service or a member of staff, recorded as its own
record (never a complaint) for staff to read and for reports."""

from shared.compliments.models import Compliment
from shared.compliments.records import (
    ComplimentsPage,
    compliments_by_service_area,
    compliments_page,
    may_read_compliments,
    record_compliment,
)

__all__ = [
    "Compliment",
    "ComplimentsPage",
    "compliments_by_service_area",
    "compliments_page",
    "may_read_compliments",
    "record_compliment",
]
