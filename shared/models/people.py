"""Staff who sign in to the back office."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from shared.extensions import db
from shared.models.types import UTCDateTime, utcnow


class StaffRole(StrEnum):
    """What a member of staff does in complaint handling."""

    COMPLAINTS_OFFICER = "complaints_officer"  # logs, acknowledges, chases, closes
    INVESTIGATING_OFFICER = "investigating_officer"  # answers stage 1 in a service
    REVIEWER = "reviewer"  # independent stage 2 review
    COMPLAINTS_MANAGER = "complaints_manager"  # oversight; may do every step


class StaffUser(UserMixin, db.Model):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sign-in to inactive accounts
        return self.active

    def __repr__(self) -> str:
        return f"<StaffUser {self.email} {self.role}>"
