"""Recording a resident's equalities answers for one complaint, once."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from shared.cases.models import Complaint
from shared.db import db
from shared.equalities.models import EqualitiesResponse, EqualitiesResponseLink
from shared.equalities.questions import QUESTIONS
from shared.errors import DomainError, InvalidInput


class AlreadyAnswered(DomainError):
    """This complaint's equalities questions were answered before; the first answers stand."""

    def __init__(self):
        super().__init__(
            _l(
                "You have already answered the equalities questions for this complaint. "
                "We have kept your first answers."
            )
        )


def has_answered(complaint: Complaint) -> bool:
    return (
        db.session.scalar(
            select(EqualitiesResponseLink.complaint_id).where(
                EqualitiesResponseLink.complaint_id == complaint.id
            )
        )
        is not None
    )


def record_answers(complaint: Complaint, answers: dict[str, str]) -> None:
    """Keep the answers to every question for this complaint, apart from it. Flushes; the
    caller commits. A second answer for the same complaint is refused (AlreadyAnswered), also
    when two arrive at once: the link's primary key lets only one in."""
    wrong = {q.code: str(q.missing) for q in QUESTIONS if answers.get(q.code) not in q.codes}
    if wrong:
        raise InvalidInput(_l("Answer each question, or choose “Prefer not to say”"), wrong)
    if has_answered(complaint):
        raise AlreadyAnswered()
    response = EqualitiesResponse(**{q.code: answers[q.code] for q in QUESTIONS})
    db.session.add(response)
    db.session.flush()
    db.session.add(EqualitiesResponseLink(complaint_id=complaint.id, response_id=response.id))
    db.session.flush()
