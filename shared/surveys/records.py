"""The satisfaction survey: who may answer it and when, its rules, and its figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select

from shared import clock
from shared.cases.models import Complaint, ComplaintStatus
from shared.db import db
from shared.errors import DomainError, IllegalMove, InvalidInput
from shared.surveys.models import SatisfactionSurvey
from shared.validation import number, optional_text

MAX_COMMENT = 2_000
SATISFIED = 4  # "satisfied" or "very satisfied" on the five-point scale

HANDLING = (
    (5, _l("Very satisfied")),
    (4, _l("Satisfied")),
    (3, _l("Neither satisfied nor dissatisfied")),
    (2, _l("Dissatisfied")),
    (1, _l("Very dissatisfied")),
)
KEPT_INFORMED = (
    ("yes", _l("Yes")),
    ("partly", _l("Partly")),
    ("no", _l("No")),
)


class AlreadyAnswered(DomainError):
    def __init__(self):
        super().__init__(
            _l("You have already answered the survey about this complaint. Thank you.")
        )


def handling_label(value: int):
    return dict(HANDLING).get(value, "")


def kept_informed_label(value: str):
    return dict(KEPT_INFORMED).get(value, "")


def may_answer(complaint: Complaint) -> bool:
    """Offered once the complaint is closed, and only until it is answered."""
    return complaint.status == ComplaintStatus.CLOSED and survey_for(complaint) is None


def survey_for(complaint: Complaint) -> SatisfactionSurvey | None:
    return db.session.get(SatisfactionSurvey, complaint.id)


def comment_rule(value: str | None, field: str = "comment") -> str | None:
    return optional_text(
        value,
        field,
        limit=MAX_COMMENT,
        too_long=_l(
            "Your comments must be %(limit)s characters or fewer", limit=number(MAX_COMMENT)
        ),
    )


def record_survey(
    complaint: Complaint, *, handling: int | str | None, kept_informed: str | None, comment=None
) -> SatisfactionSurvey:
    """Keep the resident's answers. Flushes; the caller commits. Refused before the
    complaint is closed, and a second time (also when two arrive at once: one per
    complaint is the primary key)."""
    if survey_for(complaint) is not None:
        raise AlreadyAnswered()
    if complaint.status != ComplaintStatus.CLOSED:
        raise IllegalMove(_l("You can tell us what you thought once your complaint is closed."))
    errors = {}
    try:
        handling = int(handling)
    except (TypeError, ValueError):
        handling = None
    if handling not in dict(HANDLING):
        errors["handling"] = str(_l("Select how satisfied you are with how we handled it"))
    if kept_informed not in dict(KEPT_INFORMED):
        errors["kept_informed"] = str(_l("Select whether we kept you informed"))
    try:
        comment = comment_rule(comment)
    except InvalidInput as error:
        errors.update(error.field_errors)
    if errors:
        raise InvalidInput(next(iter(errors.values())), errors)
    now = clock.now()
    survey = SatisfactionSurvey(
        complaint_id=complaint.id,
        answered_at=now,
        answered_on=clock.local_date(now),
        handling=handling,
        kept_informed=kept_informed,
        comment=comment,
    )
    db.session.add(survey)
    db.session.flush()
    return survey


def _start_of_local_day(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=clock.LONDON).astimezone(UTC)


@dataclass(frozen=True)
class SatisfactionSummary:
    closed: int  # complaints closed in the period
    answered: int  # of those, how many answered the survey
    satisfied: int  # of those answers, "satisfied" or "very satisfied"
    kept_informed: int  # of those answers, "yes"

    @property
    def response_rate(self) -> float | None:
        return round(100 * self.answered / self.closed, 1) if self.closed else None

    @property
    def satisfied_percent(self) -> float | None:
        return round(100 * self.satisfied / self.answered, 1) if self.answered else None

    @property
    def kept_informed_percent(self) -> float | None:
        return round(100 * self.kept_informed / self.answered, 1) if self.answered else None

    def for_report(self) -> dict:
        return {
            "closed": self.closed,
            "answered": self.answered,
            "response_rate_percent": self.response_rate,
            "satisfied": self.satisfied,
            "satisfied_percent": self.satisfied_percent,
            "kept_informed_percent": self.kept_informed_percent,
        }


def satisfaction_summary(start: date, end: date) -> SatisfactionSummary:
    """The survey among complaints closed from ``start`` to ``end`` inclusive (the local
    date of closing), counted in SQL: the response rate and the share satisfied with how the
    complaint was handled. Percentages are None when nothing can be divided."""
    # closed_at is an instant; the period is of local dates, so compare with the instants
    # that start the first day and end the last.
    since = _start_of_local_day(start)
    until = _start_of_local_day(end + timedelta(days=1))
    row = db.session.execute(
        select(
            func.count(Complaint.id),
            func.count(SatisfactionSurvey.complaint_id),
            func.coalesce(
                func.sum(case((SatisfactionSurvey.handling >= SATISFIED, 1), else_=0)), 0
            ),
            func.coalesce(
                func.sum(case((SatisfactionSurvey.kept_informed == "yes", 1), else_=0)), 0
            ),
        )
        .select_from(Complaint)
        .outerjoin(SatisfactionSurvey, SatisfactionSurvey.complaint_id == Complaint.id)
        .where(
            Complaint.status == ComplaintStatus.CLOSED.value,
            Complaint.closed_at >= since,
            Complaint.closed_at < until,
        )
    ).one()
    return SatisfactionSummary(*(int(value or 0) for value in row))
