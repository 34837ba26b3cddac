"""Recording the resident's circumstances from one of their complaints: a vulnerability they
disclosed, or a restriction on contact (Code 5.14, 5.15). Each change locks that complaint,
is checked against the permission table and written to its audit trail; what is recorded
belongs to the person, so every complaint of theirs shows it."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from shared.cases.actors import Actor
from shared.cases.models import Complaint
from shared.cases.moves import making
from shared.cases.state_machine import Move
from shared.errors import IllegalMove, InvalidInput
from shared.people.circumstances import ContactRestriction, RestrictionKind, Vulnerability
from shared.validation import optional_text, required_text, too_long_message

MAX_TEXT = 5_000
# A review further off than this is no review (Code 5.15: kept under regular review).
MAX_REVIEW_DAYS = 366


def _refuse(field: str, message) -> InvalidInput:
    return InvalidInput(message, {field: str(message)})


def review_date(value: date | None, today: date, field: str = "review_on") -> date:
    if value is None:
        raise _refuse(field, _l("Enter the date of the review"))
    if value <= today:
        raise _refuse(field, _l("The review date must be in the future"))
    if (value - today).days > MAX_REVIEW_DAYS:
        raise _refuse(field, _l("The review date must be within a year"))
    return value


def vulnerability_description(value: str | None, field: str = "description") -> str:
    return required_text(
        value,
        field,
        missing=_l("Describe what the resident told us"),
        limit=MAX_TEXT,
        too_long=too_long_message(_l("The description"), MAX_TEXT),
    )


def support(value: str | None, field: str = "support") -> str | None:
    return optional_text(
        value, field, limit=MAX_TEXT, too_long=too_long_message(_l("The support"), MAX_TEXT)
    )


def restriction_kind(code: str | None, field: str = "kind") -> str:
    if code not in {kind.value for kind in RestrictionKind}:
        raise _refuse(field, _l("Select the kind of restriction"))
    return code


def restriction_scope(value: str | None, field: str = "scope") -> str:
    return required_text(
        value,
        field,
        missing=_l("Say exactly what is restricted and how the resident can still contact us"),
        limit=MAX_TEXT,
        too_long=too_long_message(_l("What is restricted"), MAX_TEXT),
    )


def restriction_reason(value: str | None, field: str = "reason") -> str:
    return required_text(
        value,
        field,
        missing=_l("Give the reason for the restriction"),
        limit=MAX_TEXT,
        too_long=too_long_message(_l("The reason"), MAX_TEXT),
    )


def review_note(value: str | None, field: str = "note") -> str:
    return required_text(
        value,
        field,
        missing=_l("Say what the review found"),
        limit=MAX_TEXT,
        too_long=too_long_message(_l("What the review found"), MAX_TEXT),
    )


def record_vulnerability(
    actor: Actor,
    complaint: Complaint,
    *,
    description: str | None,
    support_given: str | None,
    review_on: date | None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Vulnerability:
    description = vulnerability_description(description)
    support_given = support(support_given)
    with making(actor, complaint, Move.RECORD_CIRCUMSTANCES, expected_version, at) as step:
        vulnerability = Vulnerability(
            person_id=complaint.complainant_id,
            description=description,
            support=support_given,
            review_on=review_date(review_on, step.on),
            recorded_by_id=actor.staff_user_id,
            recorded_at=step.at,
        )
        complaint.complainant.vulnerabilities.append(vulnerability)
        step.action = "vulnerability_recorded"
        step.details = {"review_on": vulnerability.review_on}
    return vulnerability


def end_vulnerability(
    actor: Actor,
    complaint: Complaint,
    vulnerability: Vulnerability,
    *,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Vulnerability:
    """The resident's circumstances changed: the vulnerability no longer applies."""
    with making(actor, complaint, Move.RECORD_CIRCUMSTANCES, expected_version, at) as step:
        if vulnerability.person_id != complaint.complainant_id:
            raise IllegalMove(_l("That is not recorded for this resident."))
        if vulnerability.ended_at is not None:
            raise IllegalMove(_l("That no longer applies already."))
        vulnerability.ended_at = step.at
        vulnerability.ended_by_id = actor.staff_user_id
        step.action = "vulnerability_ended"
        step.details = {"vulnerability": vulnerability.id}
    return vulnerability


def impose_restriction(
    actor: Actor,
    complaint: Complaint,
    *,
    kind: str | None,
    scope: str | None,
    reason: str | None,
    review_on: date | None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> ContactRestriction:
    kind = restriction_kind(kind)
    scope = restriction_scope(scope)
    reason = restriction_reason(reason)
    with making(actor, complaint, Move.RESTRICT_CONTACT, expected_version, at) as step:
        restriction = ContactRestriction(
            person_id=complaint.complainant_id,
            kind=kind,
            scope=scope,
            reason=reason,
            review_on=review_date(review_on, step.on),
            imposed_by_id=actor.staff_user_id,
            imposed_at=step.at,
        )
        complaint.complainant.restrictions.append(restriction)
        step.action = "restriction_imposed"
        step.details = {"kind": kind, "review_on": restriction.review_on}
    return restriction


def review_restriction(
    actor: Actor,
    complaint: Complaint,
    restriction: ContactRestriction,
    *,
    keep: bool,
    note: str | None,
    next_review_on: date | None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> ContactRestriction:
    """A review keeps the restriction, with the next review date, or lifts it."""
    note = review_note(note)
    with making(actor, complaint, Move.RESTRICT_CONTACT, expected_version, at) as step:
        if restriction.person_id != complaint.complainant_id:
            raise IllegalMove(_l("That is not recorded for this resident."))
        if restriction.lifted_at is not None:
            raise IllegalMove(_l("That restriction has already been lifted."))
        restriction.reviewed_at = step.at
        restriction.review_note = note
        if keep:
            restriction.review_on = review_date(next_review_on, step.on)
            step.action = "restriction_reviewed"
            step.details = {"restriction": restriction.id, "review_on": restriction.review_on}
        else:
            restriction.lifted_at = step.at
            restriction.lifted_by_id = actor.staff_user_id
            step.action = "restriction_lifted"
            step.details = {"restriction": restriction.id}
    return restriction
