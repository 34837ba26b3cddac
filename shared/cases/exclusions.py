"""Why a complaint may not be accepted, and where each reason sends the resident instead
(DOMAIN.md, Exclusions; Code 2.2-2.5). The codes are what imports, exports and reports use.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class ExclusionReason:
    code: str
    label: object  # a lazy string
    route: object | None  # the alternative route suggested to staff, who may change it


EXCLUSION_REASONS = [
    ExclusionReason(
        "service_request",
        _l("A first request for a service"),
        _l(
            "Ask the service for what you need first. If you are unhappy with its answer, you "
            "can then complain."
        ),
    ),
    ExclusionReason(
        "legal_proceedings",
        _l("Legal proceedings have started, or an insurance or injury claim"),
        _l("The court or the insurance claim will decide this matter."),
    ),
    ExclusionReason(
        "right_of_appeal",
        _l("There is a right of appeal"),
        _l(
            "Use the right of appeal: the tribunal, planning appeal, parking appeal, benefits "
            "appeal, homelessness review or school admissions appeal that applies."
        ),
    ),
    ExclusionReason(
        "over_12_months",
        _l("The issue arose more than 12 months ago"),
        _l(
            "If there is a good reason you could not complain sooner, tell us and we will look "
            "again."
        ),
    ),
    ExclusionReason(
        "previously_considered",
        _l("Already considered under this procedure"),
        _l(
            "Our earlier response was our final answer on this matter; you can go to the Ombudsman."
        ),
    ),
    ExclusionReason(
        "with_ombudsman",
        _l("Already with an Ombudsman"),
        _l("The Ombudsman is already looking at this matter."),
    ),
    ExclusionReason(
        "employment",
        _l("An employment or personnel matter"),
        _l("Use the council's HR or whistleblowing procedures."),
    ),
    ExclusionReason(
        "councillor_conduct",
        _l("The conduct of a councillor"),
        _l("Contact the council's Monitoring Officer."),
    ),
    ExclusionReason(
        "council_decision",
        _l("A decision of a committee or the full council"),
        _l("Decisions of the council can be challenged through its committees or in the courts."),
    ),
    ExclusionReason(
        "affects_all_residents",
        _l("A matter affecting all or most residents"),
        _l("Contact your local councillor about matters that affect everyone."),
    ),
    ExclusionReason(
        "policy",
        _l("A question of policy or how resources are allocated"),
        _l("Contact your local councillor about the council's policies."),
    ),
    ExclusionReason(
        "social_care",
        _l("Adult or children's social care"),
        _l("Use the statutory social care complaints procedure."),
    ),
    ExclusionReason(
        "schools",
        _l("The management of a school"),
        _l("Use the school's own complaints procedure."),
    ),
    ExclusionReason(
        "data_protection_foi",
        _l("Data protection or freedom of information"),
        _l("Ask for an internal review, then go to the Information Commissioner's Office."),
    ),
    ExclusionReason(
        "fraud",
        _l("Fraud or corruption"),
        _l("Report it under the council's anti-fraud policy."),
    ),
    ExclusionReason(
        "supplier_contract",
        _l("A contractual dispute from a supplier"),
        _l("Use the terms of your contract with the council."),
    ),
    ExclusionReason("other", _l("Another reason (explain below)"), None),
]
REASONS_BY_CODE = {reason.code: reason for reason in EXCLUSION_REASONS}


def reason_label(code: str) -> str:
    reason = REASONS_BY_CODE.get(code)
    return str(reason.label) if reason else code


def suggested_route(codes) -> str:
    """The alternative routes of the reasons chosen, one per line, for staff to edit."""
    routes = (REASONS_BY_CODE[c].route for c in codes if c in REASONS_BY_CODE)
    return "\n".join(str(route) for route in routes if route is not None)
