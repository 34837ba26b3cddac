"""What a decision must hold, with each rule's message, kept once (Code 6.7, 6.18, 7.1-7.4).

A decision page sends many rows at once; each check here names the field of the row it is
about ("findings-0-reasons", "remedies-1-amount"), and `check_decision` gathers every
message, so the page can show them all beside what was typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

from shared.cases.models import Outcome, OutcomeSought
from shared.cases.wording import OUTCOME_LABELS
from shared.decisions.models import FinancialPurpose, Finding, RemedyKind
from shared.errors import InvalidInput
from shared.validation import DateMessages, date_from_parts, number, optional_text, required_text

MAX_TEXT = 5_000
MAX_OWNER = 200
# Larger than any remedy a council pays through a complaint: a typing error.
MAX_AMOUNT_PENCE = 100_000_000

DUE_DATE = DateMessages(
    enter=_l("Enter the date it is due by"),
    missing={
        ("day",): _l("The date must include a day"),
        ("month",): _l("The date must include a month"),
        ("year",): _l("The date must include a year"),
        ("day", "month"): _l("The date must include a day and month"),
        ("day", "year"): _l("The date must include a day and year"),
        ("month", "year"): _l("The date must include a month and year"),
    },
    not_real=_l("The date must be a real date"),
)


@dataclass(frozen=True)
class PointFinding:
    point_id: int
    finding: str | None
    reasons: str | None


@dataclass(frozen=True)
class NewRemedy:
    kind: str | None
    detail: str | None
    owner: str | None
    # A date, or the three boxes (day, month, year) as typed.
    due_on: date | Sequence[str] | None
    amount: str | None = None  # pounds, as typed ("50", "£125.50")
    financial_purpose: str | None = None
    point_id: int | None = None


@dataclass(frozen=True)
class NewAction:
    what: str | None
    owner: str | None
    due_on: date | Sequence[str] | None


@dataclass(frozen=True)
class NewLesson:
    lessons: str | None
    improvement_action: str | None = None
    owner: str | None = None
    due_on: date | Sequence[str] | None = None


@dataclass(frozen=True)
class Decision:
    """Everything a stage's decision page sends, beside the overall outcome and summary."""

    findings: Sequence[PointFinding]
    remedies: Sequence[NewRemedy] = ()
    actions: Sequence[NewAction] = ()
    lesson: NewLesson | None = None


@dataclass
class Checked:
    """A decision that passed every rule, its values cleaned."""

    findings: dict[int, tuple[str, str]] = field(default_factory=dict)
    remedies: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    lesson: dict | None = None


def _text(value, name, missing, limit=MAX_TEXT):
    return required_text(
        value,
        name,
        missing=missing,
        limit=limit,
        too_long=_l("This must be %(limit)s characters or fewer", limit=number(limit)),
    )


def _owner(value, name):
    return _text(value, name, _l("Enter who will see it done"), limit=MAX_OWNER)


def due_date(value, name: str, today: date) -> date:
    """A due date: a real date, today or later (a remedy says by when it will happen)."""
    if value is None or isinstance(value, date):
        if value is None:
            message = DUE_DATE.enter
            raise InvalidInput(message, {name: str(message)})
        day = value
    else:
        day = date_from_parts(*list(value)[:3], field=name, messages=DUE_DATE)
    if day < today:
        message = _l("The due date must be today or in the future")
        raise InvalidInput(message, {name: str(message)})
    return day


def amount_pence(value: str | None, name: str) -> int:
    """Pounds as typed, in whole pence; more than zero and at most two decimal places."""
    typed = (value or "").strip().replace(",", "").removeprefix("£").strip()
    message = _l("Enter the amount in pounds, like 150 or 75.50")
    if not typed:
        missing = _l("Enter the amount of a financial remedy")
        raise InvalidInput(missing, {name: str(missing)})
    try:
        pounds = Decimal(typed)
    except InvalidOperation:
        raise InvalidInput(message, {name: str(message)}) from None
    if not pounds.is_finite() or pounds <= 0 or pounds != pounds.quantize(Decimal("0.01")):
        raise InvalidInput(message, {name: str(message)})
    pence = int(pounds * 100)
    if pence > MAX_AMOUNT_PENCE:
        raise InvalidInput(message, {name: str(message)})
    return pence


def expected_outcome(findings: Sequence[str]) -> str:
    """The overall outcome the findings on the points lead to."""
    if findings and all(f == Finding.UPHELD for f in findings):
        return Outcome.UPHELD
    if findings and all(f == Finding.NOT_UPHELD for f in findings):
        return Outcome.NOT_UPHELD
    return Outcome.PARTIALLY_UPHELD


def new_point_text(value: str | None, name: str = "text") -> str:
    return _text(value, name, _l("Enter the new point"), limit=2_000)


def point_outcome_sought(value: str | None, name: str = "outcome_sought") -> str | None:
    if not value:
        return None
    if value not in {o.value for o in OutcomeSought}:
        message = _l("Select what the resident is asking for on this point")
        raise InvalidInput(message, {name: str(message)})
    return value


def update_text(value: str | None, name: str = "text") -> str:
    return _text(value, name, _l("Enter the update the resident will be sent"))


def optional_long_text(value, name):
    return optional_text(
        value,
        name,
        limit=MAX_TEXT,
        too_long=_l("This must be %(limit)s characters or fewer", limit=number(MAX_TEXT)),
    )


def check_decision(points, outcome: str, decision: Decision, today: date) -> Checked:
    """Every rule of a decision at once; InvalidInput carries a message per field at fault.

    ``points`` are the stage's live points: each needs a finding and reasons."""
    errors: dict[str, str] = {}
    checked = Checked()

    def attempt(check, *args):
        try:
            return check(*args)
        except InvalidInput as error:
            for name, message in error.field_errors.items():
                errors.setdefault(name, message)
            return None

    given = {f.point_id: (i, f) for i, f in enumerate(decision.findings)}
    findings = []
    for position, point in enumerate(points):
        index, finding = given.get(point.id, (position, None))
        code = finding.finding if finding else None
        if code not in {f.value for f in Finding}:
            errors[f"findings-{index}-finding"] = str(
                _l("Select the finding on point %(number)s", number=point.number)
            )
        else:
            findings.append(code)
        reasons = attempt(
            _text,
            finding.reasons if finding else None,
            f"findings-{index}-reasons",
            _l("Give the reasons for the finding on point %(number)s", number=point.number),
        )
        if code in {f.value for f in Finding} and reasons:
            checked.findings[point.id] = (code, reasons)
    # A stage defined before points were records may have none: nothing to compare with.
    if points and len(findings) == len(points) and outcome in {o.value for o in Outcome}:
        expected = expected_outcome(findings)
        if outcome != expected:
            errors["outcome"] = str(
                _l(
                    "The decision does not match the findings on the points: "
                    "choose ‘%(expected)s’ or change the findings",
                    expected=OUTCOME_LABELS[expected],
                )
            )

    point_ids = {p.id for p in points}
    for i, remedy in enumerate(decision.remedies):
        name = f"remedies-{i}-"
        kind = remedy.kind
        if kind not in {k.value for k in RemedyKind}:
            errors[name + "kind"] = str(_l("Select the kind of remedy"))
        detail = attempt(_text, remedy.detail, name + "detail", _l("Say what will happen"))
        owner = attempt(_owner, remedy.owner, name + "owner")
        due_on = attempt(due_date, remedy.due_on, name + "due_on", today)
        pence = purpose = None
        if kind == RemedyKind.FINANCIAL:
            pence = attempt(amount_pence, remedy.amount, name + "amount")
            purpose = remedy.financial_purpose
            if purpose not in {p.value for p in FinancialPurpose}:
                errors[name + "financial_purpose"] = str(
                    _l("Select what the financial remedy is for")
                )
        elif (remedy.amount or "").strip():
            errors[name + "amount"] = str(_l("Only a financial remedy has an amount"))
        if remedy.point_id is not None and remedy.point_id not in point_ids:
            errors[name + "point_id"] = str(_l("Select a point of this complaint"))
        checked.remedies.append(
            {
                "kind": kind,
                "detail": detail,
                "owner": owner,
                "due_on": due_on,
                "amount_pence": pence,
                "financial_purpose": purpose if kind == RemedyKind.FINANCIAL else None,
                "point_id": remedy.point_id,
            }
        )

    for i, action in enumerate(decision.actions):
        name = f"actions-{i}-"
        checked.actions.append(
            {
                "what": attempt(_text, action.what, name + "what", _l("Say what will be done")),
                "owner": attempt(_owner, action.owner, name + "owner"),
                "due_on": attempt(due_date, action.due_on, name + "due_on", today),
            }
        )

    lesson = decision.lesson
    if lesson is not None:
        lessons = attempt(optional_long_text, lesson.lessons, "lessons")
        improvement = attempt(optional_long_text, lesson.improvement_action, "improvement_action")
        owner = due_on = None
        if improvement:
            owner = attempt(_owner, lesson.owner, "improvement_owner")
            due_on = attempt(due_date, lesson.due_on, "improvement_due_on", today)
            if not lessons:
                errors.setdefault(
                    "lessons", str(_l("Say what was learned that leads to the improvement"))
                )
        if lessons:
            checked.lesson = {
                "lessons": lessons,
                "improvement_action": improvement,
                "improvement_owner": owner,
                "improvement_due_on": due_on,
            }

    if errors:
        raise InvalidInput(next(iter(errors.values())), errors)
    return checked
