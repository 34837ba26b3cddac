"""Recording compliments and reading them back for staff and reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from shared import clock
from shared.cases.actors import Actor
from shared.compliments import rules
from shared.compliments.models import Compliment
from shared.db import db
from shared.errors import InvalidInput, NotPermitted
from shared.people.permissions import Permission, allows
from shared.reference.models import ServiceArea

# Staff who read compliments: the complaints manager and the officers who pass them on to
# the people and services thanked. Independent reviewers work on stage 2 cases only.


def record_compliment(
    *,
    service_area_code: str,
    what: str,
    staff_named: str | None = None,
    contact_name: str | None = None,
    contact_email: str | None = None,
    language: str = "en",
) -> Compliment:
    """Record a compliment from the public. Flushes; the caller commits."""
    area = db.session.get(ServiceArea, service_area_code or "")
    if area is None or not area.active:
        message = _l("Select the service your compliment is about")
        raise InvalidInput(message, {"service_area_code": str(message)})
    now = clock.now()
    compliment = Compliment(
        received_at=now,
        received_on=clock.local_date(now),
        service_area_code=area.code,
        what=rules.what(what),
        staff_named=rules.staff_named(staff_named),
        contact_name=rules.contact_name(contact_name),
        contact_email=rules.contact_email(contact_email),
        language=language,
    )
    db.session.add(compliment)
    db.session.flush()
    return compliment


def may_read_compliments(actor: Actor) -> bool:
    return actor.kind == "system" or (
        actor.kind == "staff" and allows(actor.role, Permission.VIEW_COMPLIMENTS)
    )


def _check_may_read(actor: Actor) -> None:
    if not may_read_compliments(actor):
        raise NotPermitted(
            _l("Only the complaints manager and officers can see the compliments received.")
        )


@dataclass(frozen=True)
class ComplimentsPage:
    compliments: list[Compliment]
    total: int
    page: int


def compliments_page(actor: Actor, page: int = 1, per_page: int = 50) -> ComplimentsPage:
    """Compliments received, the newest first."""
    _check_may_read(actor)
    total = db.session.scalar(select(func.count()).select_from(Compliment)) or 0
    last_page = max(1, -(-total // per_page))
    page = min(max(page, 1), last_page)
    compliments = db.session.scalars(
        select(Compliment)
        .order_by(Compliment.received_at.desc(), Compliment.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return ComplimentsPage(list(compliments), total, page)


def compliments_by_service_area(actor: Actor, start: date, end: date) -> dict[str, int]:
    """How many compliments each service area received from ``start`` to ``end`` inclusive,
    for reports."""
    _check_may_read(actor)
    rows = db.session.execute(
        select(Compliment.service_area_code, func.count())
        .where(Compliment.received_on >= start, Compliment.received_on <= end)
        .group_by(Compliment.service_area_code)
    )
    return {code: count for code, count in rows}
