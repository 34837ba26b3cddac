"""Equalities monitoring answers, kept apart from the complaint.

The privacy choice: an answer row (`equalities_responses`) holds only the answers: no name,
no complaint, no time. Its key is random, so the order of answers tells nothing about the
order of complaints. The only way from an answer to a complaint is its link row
(`equalities_response_links`), in a table of its own that only `shared.equalities.analysis`
reads, to count answers by the stage and outcome the complaint has reached (which change
after the answers are given, so cannot be copied at the time). No case page, queue, export
or notice reads either table (a test checks the case page and the queue's CSV), and deleting
a complaint's link row leaves its answers in the counts' categories but tied to no one.
"""

from __future__ import annotations

import secrets

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import db
from shared.equalities.questions import QUESTIONS

ANSWER_LENGTH = 32


def _random_key() -> str:
    return secrets.token_hex(16)


class EqualitiesResponse(db.Model):
    __tablename__ = "equalities_responses"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=_random_key)
    age_band: Mapped[str] = mapped_column(String(ANSWER_LENGTH))
    sex: Mapped[str] = mapped_column(String(ANSWER_LENGTH))
    gender_identity: Mapped[str] = mapped_column(String(ANSWER_LENGTH))
    sexual_orientation: Mapped[str] = mapped_column(String(ANSWER_LENGTH))
    ethnic_group: Mapped[str] = mapped_column(String(ANSWER_LENGTH))
    religion: Mapped[str] = mapped_column(String(ANSWER_LENGTH))
    disability: Mapped[str] = mapped_column(String(ANSWER_LENGTH))
    pregnancy_maternity: Mapped[str] = mapped_column(String(ANSWER_LENGTH))
    marriage: Mapped[str] = mapped_column(String(ANSWER_LENGTH))


class EqualitiesResponseLink(db.Model):
    """Which complaint an answer was given for: one answer per complaint (the primary key),
    read only to count answers by stage and outcome."""

    __tablename__ = "equalities_response_links"

    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), primary_key=True)
    response_id: Mapped[str] = mapped_column(ForeignKey("equalities_responses.id"), unique=True)


# Every question has its column (a test and the migration rely on this).
assert {q.code for q in QUESTIONS} <= set(EqualitiesResponse.__table__.columns.keys())
