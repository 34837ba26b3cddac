"""How the records of a decision read to people: labels for findings, remedies and what a
financial remedy is for."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from shared.decisions.models import FinancialPurpose, Finding, RemedyKind

FINDING_LABELS = {
    Finding.UPHELD: _l("Upheld"),
    Finding.PARTIALLY_UPHELD: _l("Partially upheld"),
    Finding.NOT_UPHELD: _l("Not upheld"),
}

REMEDY_KIND_LABELS = {
    RemedyKind.APOLOGY: _l("An apology"),
    RemedyKind.ACKNOWLEDGE_FAULT: _l("Acknowledging what went wrong"),
    RemedyKind.EXPLANATION: _l("An explanation or assistance"),
    RemedyKind.ACTION_ON_DELAY: _l("Action on a delay"),
    RemedyKind.RECONSIDER_DECISION: _l("Reconsidering or changing a decision"),
    RemedyKind.AMEND_RECORD: _l("Amending a record"),
    RemedyKind.FINANCIAL: _l("A financial remedy"),
    RemedyKind.CHANGE_POLICY: _l("Changing a policy or practice"),
    RemedyKind.STAFF_TRAINING: _l("Staff training"),
    RemedyKind.SPECIFIC_ACTION: _l("A specific action, such as a repair"),
}

FINANCIAL_PURPOSE_LABELS = {
    FinancialPurpose.ACTUAL_LOSS: _l("Actual loss"),
    FinancialPurpose.TIME_AND_TROUBLE: _l("Time and trouble"),
    FinancialPurpose.DISTRESS_AND_INCONVENIENCE: _l("Distress and inconvenience"),
}


def finding_label(code: str | None) -> str:
    return str(FINDING_LABELS[Finding(code)]) if code else ""


def remedy_kind_label(code: str) -> str:
    return str(REMEDY_KIND_LABELS[RemedyKind(code)])


def financial_purpose_label(code: str | None) -> str:
    return str(FINANCIAL_PURPOSE_LABELS[FinancialPurpose(code)]) if code else ""
