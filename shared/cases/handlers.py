"""Who may handle a complaint: someone whose role can answer its current stage, with no
declared conflict of interest in it, and, at stage 2, nobody who acted on stage 1 (Code 6.13).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from shared.cases.models import Complaint
from shared.cases.state_machine import stage_one_staff
from shared.db import db
from shared.people.conflicts import has_conflict
from shared.people.models import StaffUser
from shared.people.permissions import Permission, roles_with


def answering_permission(complaint: Complaint) -> Permission:
    return (
        Permission.RESPOND_STAGE_1 if complaint.current_stage == 1 else Permission.RESPOND_STAGE_2
    )


def eligible_handlers(complaint: Complaint) -> list[StaffUser]:
    """The staff who could be given this complaint now, by name."""
    roles = [str(role) for role in roles_with(answering_permission(complaint))]
    candidates = db.session.scalars(
        select(StaffUser)
        .where(StaffUser.active.is_(True), StaffUser.role.in_(roles))
        .order_by(StaffUser.name, StaffUser.id)
    )
    return [user for user in candidates if why_not_handler(complaint, user) is None]


def why_not_handler(complaint: Complaint, user: StaffUser | None):
    """Why this person cannot handle the complaint, as a message, or None if they can."""
    if user is None or not user.is_active:
        return _l("Select someone from the list")
    if str(user.role) not in {str(r) for r in roles_with(answering_permission(complaint))}:
        return _l("%(name)s's role cannot answer this stage.", name=user.name)
    if has_conflict(user.id, complaint.id, complaint.complainant_id):
        return _l("%(name)s declared a conflict of interest in this complaint.", name=user.name)
    if complaint.current_stage == 2 and user.id in stage_one_staff(complaint):
        return _l("%(name)s acted on stage 1, so cannot review it at stage 2.", name=user.name)
    return None
