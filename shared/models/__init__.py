"""The database models, split by domain; importing this registers them all."""

from shared.models.audit import AuditEvent
from shared.models.complaint import (
    Complaint,
    ComplaintStage,
    ComplaintStatus,
    Outcome,
    OutcomeSought,
    TrackingLink,
)
from shared.models.outbox import OutboxMessage, OutboxStatus
from shared.models.people import StaffRole, StaffUser
from shared.models.reference_data import ClosureDay, ReferenceCounter, ServiceArea

__all__ = [
    "AuditEvent",
    "ClosureDay",
    "Complaint",
    "ComplaintStage",
    "ComplaintStatus",
    "OutboxMessage",
    "OutboxStatus",
    "Outcome",
    "OutcomeSought",
    "ReferenceCounter",
    "ServiceArea",
    "StaffRole",
    "StaffUser",
    "TrackingLink",
]
