"""The Ombudsman's look at a complaint, as its own record: which Ombudsman, their
reference, the information sent, the determination, and orders and recommendations followed
to completion with evidence (DOMAIN.md, Stages)."""

from shared.ombudsman.models import DETERMINATIONS, OmbudsmanCase, OmbudsmanOrder, OrderKind
from shared.ombudsman.records import (
    add_order,
    complete_order,
    open_case,
    record_determination,
    record_information_sent,
)

__all__ = [
    "DETERMINATIONS",
    "OmbudsmanCase",
    "OmbudsmanOrder",
    "OrderKind",
    "add_order",
    "complete_order",
    "open_case",
    "record_determination",
    "record_information_sent",
]
