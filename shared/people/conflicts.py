"""Conflicts of interest a handler declares (Code 5.8): a complaint, or every complaint of
one person, they must not handle. The state machine refuses them every move on it."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, or_, select

from shared.db import db
from shared.errors import InvalidInput
from shared.people.models import ConflictOfInterest, StaffUser
from shared.validation import required_text, too_long_message

MAX_NOTE = 1000


class ConflictAbout(StrEnum):
    COMPLAINT = "complaint"  # this complaint only
    PERSON = "person"  # every complaint of the person who made it


def check_note(note: str | None) -> str:
    return required_text(
        note,
        "note",
        missing=_l("Describe the conflict of interest"),
        limit=MAX_NOTE,
        too_long=too_long_message(_l("The description"), MAX_NOTE),
    )


def declare_conflict(
    staff: StaffUser, complaint, about: str, note: str | None
) -> ConflictOfInterest:
    """Record that this member of staff must not handle ``complaint`` (or any complaint of
    the person who made it). Flushes; the caller commits."""
    if about not in {a.value for a in ConflictAbout}:
        message = _l("Select what the conflict of interest is about")
        raise InvalidInput(message, {"about": str(message)})
    note = check_note(note)
    complaint_id = complaint.id if about == ConflictAbout.COMPLAINT else None
    person_id = complaint.complainant_id if about == ConflictAbout.PERSON else None
    already = db.session.scalar(
        select(
            exists().where(
                ConflictOfInterest.staff_user_id == staff.id,
                ConflictOfInterest.complaint_id.is_(None)
                if complaint_id is None
                else ConflictOfInterest.complaint_id == complaint_id,
                ConflictOfInterest.person_id.is_(None)
                if person_id is None
                else ConflictOfInterest.person_id == person_id,
            )
        )
    )
    if already:
        message = _l("You have already declared this conflict of interest.")
        raise InvalidInput(message, {"reference": str(message)})
    conflict = ConflictOfInterest(
        staff_user_id=staff.id, complaint_id=complaint_id, person_id=person_id, note=note
    )
    db.session.add(conflict)
    db.session.flush()
    return conflict


def conflicts_declared_by(staff: StaffUser) -> list[ConflictOfInterest]:
    return list(
        db.session.scalars(
            select(ConflictOfInterest)
            .where(ConflictOfInterest.staff_user_id == staff.id)
            .order_by(ConflictOfInterest.declared_at.desc(), ConflictOfInterest.id.desc())
        )
    )


def has_conflict(staff_user_id: int, complaint_id: int, person_id: int) -> bool:
    """Whether this member of staff declared a conflict in this complaint or its person."""
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    ConflictOfInterest.staff_user_id == staff_user_id,
                    or_(
                        ConflictOfInterest.complaint_id == complaint_id,
                        ConflictOfInterest.person_id == person_id,
                    ),
                )
            )
        )
    )
