"""Who is making a change: a member of staff, the resident, or the system itself."""

from __future__ import annotations

from dataclasses import dataclass

from shared.people.models import StaffUser


@dataclass(frozen=True)
class Actor:
    kind: str  # "staff", "resident" or "system"
    staff_user: StaffUser | None = None

    @classmethod
    def staff(cls, user: StaffUser) -> Actor:
        return cls("staff", user)

    @classmethod
    def resident(cls) -> Actor:
        return cls("resident")

    @classmethod
    def system(cls) -> Actor:
        return cls("system")

    @property
    def role(self) -> str | None:
        return self.staff_user.role if self.staff_user else None

    @property
    def staff_user_id(self) -> int | None:
        return self.staff_user.id if self.staff_user else None
