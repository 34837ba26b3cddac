"""The annual complaints performance and service improvement report (Code 8.1; DOMAIN.md,
Reporting), counted in SQL: grouped counts over the stored record, never rows in Python.

The counting rules are stated once, here, and printed in every form of the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, literal, select, true

from shared import clock
from shared.cases.exclusions import EXCLUSION_REASONS
from shared.cases.models import (
    Complaint,
    ComplaintServiceArea,
    ComplaintStage,
    ComplaintStatus,
    Exclusion,
)
from shared.db import db
from shared.decisions.figures import lessons_learned
from shared.equalities import equalities_report
from shared.errors import InvalidInput
from shared.ombudsman.models import DETERMINATIONS, OmbudsmanCase
from shared.reference.models import ServiceArea

SCOPES = ("housing", "all")
OUTCOMES = ("upheld", "partially_upheld", "not_upheld", "withdrawn")
EXCLUDED = (str(ComplaintStatus.NOT_ACCEPTED), str(ComplaintStatus.SERVICE_REQUEST))
STAGES = (1, 2)

COUNTING_RULES = (
    _l(
        "A stage is opened on the date the complaint was received (stage 1) or the date the "
        "resident asked for a review (stage 2)."
    ),
    _l(
        "A complaint the council did not accept is counted under refused, by the date of that "
        "decision, and not as opened; one accepted after all is counted as opened."
    ),
    _l(
        "Complaints by service area count the complaints opened at stage 1 in the period under "
        "each area they touch, so one complaint can count under several areas."
    ),
    _l(
        "An outcome and a response are counted in the period in which the response was issued; "
        "a withdrawal in the period in which the complaint was withdrawn."
    ),
    _l(
        "A response is within timescale when it was issued on or before the deadline in force, "
        "including an extension within the policy's limit or approved with a good reason."
    ),
    _l("The housing scope counts complaints touching at least one housing landlord service area."),
    _l(
        "The Tenant Satisfaction Measures count only housing landlord complaints from tenants; "
        "CH01 is per 1,000 homes and CH02 a percentage, both to one decimal place, and blank "
        "when they cannot be worked out (no number of homes, or nothing answered)."
    ),
)


MAX_HOMES = 10_000_000


def homes_rule(value: str | None) -> int | None:
    """The number of homes a council gives for CH01: a whole number, or nothing."""
    text = (value or "").strip().replace(",", "")
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= MAX_HOMES:
        message = _l("Enter the number of homes as a whole number, like 12500")
        raise InvalidInput(message, {"homes": str(message)})
    return int(text)


def period_rule(start: date, end: date) -> None:
    if end < start:
        message = _l("The end of the period must be on or after its start")
        raise InvalidInput(message, {"to_on": str(message)})


def last_financial_year(today: date) -> tuple[date, date]:
    """1 April to 31 March, the year councils report on, the last one that has ended."""
    year = today.year if today.month >= 4 else today.year - 1
    return date(year - 1, 4, 1), date(year, 3, 31)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time(0), tzinfo=clock.LONDON).astimezone(UTC)

    @property
    def end_at(self) -> datetime:
        """The first instant after the period (midnight in London after its last day)."""
        after = self.end + timedelta(days=1)
        return datetime.combine(after, time(0), tzinfo=clock.LONDON).astimezone(UTC)


def _in_scope(scope: str):
    """Complaints the report counts: for the housing scope, those touching at least one
    housing landlord service area (a column set with the areas; see the model)."""
    return Complaint.touches_housing_landlord == true() if scope == "housing" else true()


# Counted in the Tenant Satisfaction Measures: tenants' housing landlord complaints.
TENANTS = and_(Complaint.tenure == "tenant", Complaint.touches_housing_landlord == true())


def _between(column, period: Period):
    return column.between(period.start, period.end)


def _per_1000(count: int, homes: int | None) -> float | None:
    if not homes:
        return None
    return _one_place(Decimal(count) * 1000 / Decimal(homes))


def _percent(part: int, whole: int) -> float | None:
    if not whole:
        return None
    return _one_place(Decimal(part) * 100 / Decimal(whole))


def _one_place(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _sum(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _stage_counts(period: Period, scope: str) -> dict:
    """Stages opened in the period: (in the report's scope, by tenants) for each stage, in
    one pass over the stages' index."""
    rows = db.session.execute(
        select(ComplaintStage.number, func.count(), _sum(TENANTS))
        .join(Complaint, Complaint.id == ComplaintStage.complaint_id)
        .where(
            _between(ComplaintStage.started_on, period),
            Complaint.status.notin_(EXCLUDED),
            _in_scope(scope),
        )
        .group_by(ComplaintStage.number)
    ).all()
    return {number: (count, tenants) for number, count, tenants in rows}


def _responses(period: Period, scope: str):
    """For the responses issued in the period, by stage and outcome: how many, how many
    within timescale, and the same for tenants."""
    within = ComplaintStage.responded_on <= ComplaintStage.respond_by
    return db.session.execute(
        select(
            ComplaintStage.number,
            ComplaintStage.outcome,
            func.count(),
            _sum(within),
            _sum(TENANTS),
            _sum(and_(TENANTS, within)),
        )
        .join(Complaint, Complaint.id == ComplaintStage.complaint_id)
        .where(_between(ComplaintStage.responded_on, period), _in_scope(scope))
        .group_by(ComplaintStage.number, ComplaintStage.outcome)
    ).all()


def _withdrawals(period: Period, scope: str) -> dict:
    rows = db.session.execute(
        select(Complaint.current_stage, func.count())
        .where(
            Complaint.status == str(ComplaintStatus.WITHDRAWN),
            Complaint.closed_at >= period.start_at,
            Complaint.closed_at < period.end_at,
            _in_scope(scope),
        )
        .group_by(Complaint.current_stage)
    ).all()
    return dict(rows)


def _by_service_area(period: Period, scope: str) -> dict:
    rows = db.session.execute(
        select(ComplaintServiceArea.service_area_code, func.count())
        .join(ComplaintStage, ComplaintStage.complaint_id == ComplaintServiceArea.complaint_id)
        .join(Complaint, Complaint.id == ComplaintServiceArea.complaint_id)
        .where(
            ComplaintStage.number == 1,
            _between(ComplaintStage.started_on, period),
            Complaint.status.notin_(EXCLUDED),
            _in_scope(scope),
        )
        .group_by(ComplaintServiceArea.service_area_code)
    ).all()
    counted = dict(rows)
    areas = db.session.execute(
        select(ServiceArea.code, ServiceArea.is_housing_landlord).order_by(
            ServiceArea.display_order, ServiceArea.code
        )
    ).all()
    # Every area of the scope, with a nought where none was opened; any other area touched.
    return {
        code: counted.get(code, 0)
        for code, housing in areas
        if housing or scope == "all" or counted.get(code)
    }


def _reason_elements():
    if db.session.get_bind().dialect.name == "postgresql":
        return func.json_array_elements_text(Exclusion.reasons).table_valued("value")
    return func.json_each(Exclusion.reasons).table_valued("value")


def _refused(period: Period, scope: str) -> dict:
    in_force = and_(
        Exclusion.reversed_at.is_(None),
        Exclusion.decided_at >= period.start_at,
        Exclusion.decided_at < period.end_at,
        _in_scope(scope),
    )
    total = db.session.scalar(
        select(func.count()).select_from(Exclusion).join(Complaint).where(in_force)
    )
    elements = _reason_elements()
    rows = db.session.execute(
        select(elements.c.value, func.count())
        .select_from(Exclusion)
        .join(Complaint)
        .join(elements, literal(True))
        .where(in_force)
        .group_by(elements.c.value)
    ).all()
    counted = dict(rows)
    by_reason = {reason.code: counted.pop(reason.code, 0) for reason in EXCLUSION_REASONS}
    by_reason.update(counted)  # a code no longer offered is still counted, never dropped
    return {"total": total or 0, "by_reason": by_reason}


def _ombudsman(period: Period, scope: str) -> tuple[int, dict]:
    opened = db.session.scalar(
        select(func.count())
        .select_from(OmbudsmanCase)
        .join(Complaint, Complaint.id == OmbudsmanCase.complaint_id)
        .where(_between(OmbudsmanCase.enquiry_on, period), _in_scope(scope))
    )
    rows = db.session.execute(
        select(OmbudsmanCase.determination, func.count())
        .join(Complaint, Complaint.id == OmbudsmanCase.complaint_id)
        .where(
            _between(OmbudsmanCase.determined_on, period),
            OmbudsmanCase.determination.is_not(None),
            _in_scope(scope),
        )
        .group_by(OmbudsmanCase.determination)
    ).all()
    counted = dict(rows)
    codes = [code for which in DETERMINATIONS.values() for code in which]
    determinations = {code: counted.pop(code, 0) for code in dict.fromkeys(codes)}
    determinations.update(counted)
    return opened or 0, determinations


def annual_report(start: date, end: date, *, scope: str = "housing", homes: int | None = None):
    """The figures of the annual report, as the JSON the issue sets out."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
    if end < start:
        raise ValueError("the period ends before it starts")
    period = Period(start, end)
    opened = _stage_counts(period, scope)
    outcomes = {f"stage{n}": dict.fromkeys(OUTCOMES, 0) for n in STAGES}
    timeliness = {f"stage{n}": {"responded": 0, "within_timescale": 0} for n in STAGES}
    tenant_timeliness = {n: [0, 0] for n in STAGES}
    for number, outcome, count, within, tenants, tenants_within in _responses(period, scope):
        key = f"stage{number}"
        if key not in outcomes:
            continue
        if outcome in outcomes[key]:
            outcomes[key][outcome] += count
        timeliness[key]["responded"] += count
        timeliness[key]["within_timescale"] += within
        tenant_timeliness[number][0] += tenants
        tenant_timeliness[number][1] += tenants_within
    for number, count in _withdrawals(period, scope).items():
        if f"stage{number}" in outcomes:
            outcomes[f"stage{number}"]["withdrawn"] += count
    ombudsman_opened, determinations = _ombudsman(period, scope)
    return {
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "scope": scope,
        "homes": homes,
        "counting_rules": [str(rule) for rule in COUNTING_RULES],
        "opened": {
            "stage1": opened.get(1, (0, 0))[0],
            "stage2": opened.get(2, (0, 0))[0],
            "ombudsman": ombudsman_opened,
        },
        "by_service_area": _by_service_area(period, scope),
        "outcomes": outcomes,
        "timeliness": timeliness,
        "refused": _refused(period, scope),
        "tsm": {
            "CH01_stage1_per_1000_homes": _per_1000(opened.get(1, (0, 0))[1], homes),
            "CH01_stage2_per_1000_homes": _per_1000(opened.get(2, (0, 0))[1], homes),
            "CH02_stage1_percent": _percent(tenant_timeliness[1][1], tenant_timeliness[1][0]),
            "CH02_stage2_percent": _percent(tenant_timeliness[2][1], tenant_timeliness[2][0]),
        },
        "ombudsman": {"determinations": determinations},
        "learning": _learning(start, end),
        # Counts only, with every count under 5 hidden (shared.equalities.analysis).
        "equalities": equalities_report(start, end),
    }


def _learning(start: date, end: date) -> list[dict]:
    """Lessons learned from decisions in the period and the improvements they led to."""
    return [
        {
            "recorded_on": lesson.recorded_on.isoformat(),
            "stage": lesson.stage,
            "service_area": lesson.service_area_code,
            "lessons": lesson.lessons,
            "improvement_action": lesson.improvement_action,
            "improvement_due_on": _iso(lesson.improvement_due_on),
            "improvement_done_on": _iso(lesson.improvement_done_on),
        }
        for lesson in lessons_learned(start, end)
    ]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
