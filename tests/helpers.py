"""Small helpers the page tests share."""

from __future__ import annotations

from sqlalchemy import func, select

from shared import clock
from shared.extensions import db
from tests.factories import at


def count(model) -> int:
    """Rows committed, not what this test's session may still hold."""
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


def summary(page) -> list[str]:
    """The messages in a page's error summary."""
    return page.error_summary()


def freeze(monkeypatch, instant: str) -> None:
    """Make 'now' a fixed UTC instant, 'YYYY-MM-DD HH:MM'."""
    moment = at(instant)
    monkeypatch.setattr(clock, "now", lambda: moment)
