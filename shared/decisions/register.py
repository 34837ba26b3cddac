"""The remedies register: every remedy across complaints, by status and owner (Code 7.3)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from shared.cases.models import Complaint
from shared.db import db
from shared.decisions.models import Remedy

STATUSES = ("overdue", "outstanding", "done")
# A page of the register; the filters narrow it further.
LIMIT = 500


def remedies(
    *, status: str | None = None, owner: str | None = None, today: date, limit: int = LIMIT
) -> list[Remedy]:
    """Remedies, the soonest due first; ``status`` is overdue (outstanding and past its due
    date), outstanding (not done, overdue or not) or done; ``owner`` matches part of the
    owner's name, whatever the case."""
    query = select(Remedy).options(
        joinedload(Remedy.complaint).load_only(Complaint.id, Complaint.reference),
        joinedload(Remedy.point),
    )
    if status == "overdue":
        query = query.where(Remedy.done_on.is_(None), Remedy.due_on < today)
    elif status == "outstanding":
        query = query.where(Remedy.done_on.is_(None))
    elif status == "done":
        query = query.where(Remedy.done_on.isnot(None))
    if owner:
        escaped = owner.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(func.lower(Remedy.owner).like(f"%{escaped}%", escape="\\"))
    query = query.order_by(Remedy.done_on.isnot(None), Remedy.due_on, Remedy.id).limit(limit)
    return list(db.session.scalars(query))
