"""Defining and deciding a complaint: the definition's points, findings, the remedies
register, outstanding actions and lessons learned (DOMAIN.md)."""

from shared.decisions.models import (
    ActionUpdate,
    DefinitionPoint,
    FinancialPurpose,
    Finding,
    Lesson,
    OutstandingAction,
    Remedy,
    RemedyKind,
)

__all__ = [
    "ActionUpdate",
    "DefinitionPoint",
    "FinancialPurpose",
    "Finding",
    "Lesson",
    "OutstandingAction",
    "Remedy",
    "RemedyKind",
]
