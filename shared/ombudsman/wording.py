"""How the Ombudsman record reads to staff: the names of determinations and orders."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

DETERMINATION_LABELS = {
    "severe_maladministration": _l("Severe maladministration"),
    "maladministration": _l("Maladministration"),
    "service_failure": _l("Service failure"),
    "no_maladministration": _l("No maladministration"),
    "reasonable_redress": _l("Reasonable redress"),
    "outside_jurisdiction": _l("Outside jurisdiction"),
    "fault_and_injustice": _l("Fault causing injustice"),
    "no_fault": _l("No fault"),
    "closed_after_initial_enquiries": _l("Closed after initial enquiries"),
    "remedied_by_council": _l("Remedied by the council"),
}
ORDER_KIND_LABELS = {
    "order": _l("Order"),
    "recommendation": _l("Recommendation"),
}


def determination_label(code: str | None) -> str:
    label = DETERMINATION_LABELS.get(code)
    return str(label) if label else (code or "")


def order_kind_label(code: str) -> str:
    label = ORDER_KIND_LABELS.get(code)
    return str(label) if label else code
