"""A closure day moves every deadline still owed, and removing it moves them back."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from shared import lifecycle
from shared.extensions import db
from shared.lifecycle import Actor, InvalidInput, NotPermitted
from shared.models import AuditEvent
from tests.factories import acknowledge, make_staff, respond, submit


def test_adding_and_removing_a_closure_day_recomputes_open_deadlines(app):
    manager = make_staff("complaints_manager")
    # Received Friday 19 December 2025: acknowledge by Tuesday 30 December.
    waiting = submit(received="2025-12-19 10:00").complaint
    # Acknowledged Monday 22 December: respond by Thursday 8 January 2026.
    investigating = submit(received="2025-12-18 10:00").complaint
    acknowledge(investigating, manager, on="2025-12-22 10:00")
    # Already answered: its deadlines are history and must not move.
    answered = submit(received="2025-12-17 10:00").complaint
    acknowledge(answered, manager, on="2025-12-18 10:00")
    respond(answered, manager, on="2025-12-23 10:00")
    answered_respond_by = answered.stage(1).respond_by

    recomputed = lifecycle.add_closure_day(
        Actor.staff(manager), date(2025, 12, 29), "Office closed"
    )
    assert recomputed == 3
    db.session.expire_all()
    assert waiting.stage(1).acknowledge_by == date(2025, 12, 31)
    assert waiting.next_deadline == date(2025, 12, 31)
    # Its acknowledgement deadline was met, so it stays as it was.
    assert investigating.stage(1).acknowledge_by == date(2025, 12, 29)
    assert investigating.stage(1).respond_by == date(2026, 1, 9)
    assert investigating.next_deadline == date(2026, 1, 9)
    assert answered.stage(1).respond_by == answered_respond_by

    lifecycle.remove_closure_day(Actor.staff(manager), date(2025, 12, 29))
    db.session.expire_all()
    assert waiting.stage(1).acknowledge_by == date(2025, 12, 30)
    assert investigating.stage(1).respond_by == date(2026, 1, 8)

    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.complaint_id.is_(None)).order_by(AuditEvent.id)
    ).all()
    assert actions == ["closure_day_added", "closure_day_removed"]


def test_new_complaints_count_around_closure_days(app):
    lifecycle.add_closure_day(Actor.system(), date(2025, 12, 29))
    lifecycle.add_closure_day(Actor.system(), date(2025, 12, 30))
    lifecycle.add_closure_day(Actor.system(), date(2025, 12, 31))
    complaint = submit(received="2025-12-23 10:00").complaint
    # 24 December, then 2, 5, 6 and 7 January.
    assert complaint.stage(1).acknowledge_by == date(2026, 1, 7)


def test_only_a_complaints_manager_may_change_closure_days(app):
    officer = make_staff("complaints_officer")
    with pytest.raises(NotPermitted):
        lifecycle.add_closure_day(Actor.staff(officer), date(2025, 12, 29))
    lifecycle.add_closure_day(Actor.system(), date(2025, 12, 29))
    with pytest.raises(InvalidInput, match="already a closure day"):
        lifecycle.add_closure_day(Actor.system(), date(2025, 12, 29))
    with pytest.raises(InvalidInput, match="is not a closure day"):
        lifecycle.remove_closure_day(Actor.system(), date(2025, 12, 30))
