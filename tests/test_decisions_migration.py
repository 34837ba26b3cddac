"""Migration 0015 turns each stage's JSON definition into numbered point records, and back."""

from __future__ import annotations

import json

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from shared.db import db
from tests.decision_helpers import THREE_POINTS, acknowledge_three_points
from tests.factories import make_staff, submit


def test_json_definitions_become_points_and_come_back(app):
    manager = make_staff("complaints_manager")
    complaint = submit(received="2025-03-03 10:00").complaint
    acknowledge_three_points(complaint, manager)
    untouched = submit(received="2025-03-04 10:00").complaint  # never acknowledged
    ids = (complaint.id, untouched.id)
    db.session.remove()

    try:
        downgrade(revision="0012")
        with db.engine.begin() as connection:
            stored = connection.execute(
                text("SELECT complaint_id, definition FROM complaint_stages ORDER BY id")
            ).all()
            definitions = {cid: (json.loads(d) if isinstance(d, str) else d) for cid, d in stored}
            assert definitions[ids[0]] == {
                "points": THREE_POINTS,
                "outcomes_sought": ["put_things_right", "apology", "compensation"],
            }
            assert definitions[ids[1]] is None
            # A definition written before points were records, as older releases did.
            old = {"points": ["Bins missed.", "Rude crew."], "outcomes_sought": ["apology"]}
            connection.execute(
                text("UPDATE complaint_stages SET definition = :d WHERE complaint_id = :c"),
                {"d": json.dumps(old), "c": ids[1]},
            )
    finally:
        upgrade()

    with db.engine.connect() as connection:
        points = connection.execute(
            text(
                "SELECT s.complaint_id, p.number, p.text, p.raised_on FROM definition_points p"
                " JOIN complaint_stages s ON s.id = p.stage_id ORDER BY s.complaint_id, p.number"
            )
        ).all()
        sought = dict(
            connection.execute(
                text("SELECT complaint_id, outcomes_sought FROM complaint_stages")
            ).all()
        )
    assert [(c, n, t) for c, n, t, _ in points] == [
        (ids[0], 1, THREE_POINTS[0]),
        (ids[0], 2, THREE_POINTS[1]),
        (ids[0], 3, THREE_POINTS[2]),
        (ids[1], 1, "Bins missed."),
        (ids[1], 2, "Rude crew."),
    ]
    # An old point was raised when the complaint was received.
    assert str(points[-1][3]).startswith("2025-03-04")
    loaded = {c: (json.loads(v) if isinstance(v, str) else v) for c, v in sought.items()}
    assert loaded[ids[1]] == ["apology"]
