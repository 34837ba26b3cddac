"""The people involved in complaints: staff, complainants and their representatives, and the
consent that lets a representative act."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.db import UTCDateTime, db, utcnow


class StaffRole(StrEnum):
    """What a member of staff does in complaint handling."""

    COMPLAINTS_OFFICER = "complaints_officer"  # logs, acknowledges, chases, closes
    INVESTIGATING_OFFICER = "investigating_officer"  # answers stage 1 in a service
    REVIEWER = "reviewer"  # independent stage 2 review
    COMPLAINTS_MANAGER = "complaints_manager"  # oversight; may do every step
    REPORT_VIEWER = "report_viewer"  # reports and figures only, never personal data


# The service areas a member of staff works in.
staff_service_areas = Table(
    "staff_service_areas",
    db.metadata,
    Column("staff_user_id", ForeignKey("staff_users.id"), primary_key=True),
    Column("service_area_code", ForeignKey("service_areas.code"), primary_key=True, index=True),
)


class StaffUser(UserMixin, db.Model):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Part of every session's identity: raising it (sign-out, password change,
    # deactivation) ends every session this person has, on every server.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    # Raised by every change the complaints manager makes to the account, so a change made
    # from a page drawn before someone else's is refused rather than overwriting it.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    service_areas = relationship(
        "ServiceArea",
        secondary=staff_service_areas,
        order_by="ServiceArea.display_order",
        lazy="selectin",
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sign-in to inactive accounts
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<StaffUser {self.email} {self.role}>"


class ContactMethod(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"


class ContactFormat(StrEnum):
    STANDARD = "standard"
    LARGE_PRINT = "large_print"
    EASY_READ = "easy_read"
    ANOTHER_LANGUAGE = "another_language"


class Person(db.Model):
    """Someone who complains. One person can make several complaints."""

    __tablename__ = "persons"
    __table_args__ = (
        # The queue's search: any part of a name, an email address or a postcode, in any
        # case, found through trigrams on PostgreSQL (pg_trgm) among a million people. On
        # SQLite, which has no trigrams, it is a plain index.
        Index(
            "ix_persons_search_trgm",
            "name",
            "email",
            "postcode",
            postgresql_using="gin",
            postgresql_ops={
                "name": "gin_trgm_ops",
                "email": "gin_trgm_ops",
                "postcode": "gin_trgm_ops",
            },
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(16), index=True)
    preferred_language: Mapped[str] = mapped_column(String(10), default="en")
    contact_method: Mapped[str] = mapped_column(String(20), default=ContactMethod.EMAIL)
    contact_format: Mapped[str] = mapped_column(String(20), default=ContactFormat.STANDARD)
    # Reasonable adjustments asked for (Adjustment codes, Code 5.10) and anything else said
    # about them, in the resident's words: shown on the case to every handler.
    adjustments: Mapped[list | None] = mapped_column(JSON)
    adjustments_detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # Their circumstances (shared.people.circumstances), shown on every complaint of theirs.
    vulnerabilities = relationship("Vulnerability", order_by="Vulnerability.id")
    restrictions = relationship("ContactRestriction", order_by="ContactRestriction.id")


class Adjustment(StrEnum):
    """Reasonable adjustments a resident can ask for (DOMAIN.md, People and representation)."""

    LARGE_PRINT = "large_print"
    BRAILLE = "braille"
    AUDIO = "audio"
    EASY_READ = "easy_read"
    INTERPRETER = "interpreter"
    BRITISH_SIGN_LANGUAGE = "british_sign_language"
    RELAY_UK = "relay_uk"
    PHONE_CALLS = "phone_calls"
    NAMED_CONTACT = "named_contact"
    EXTRA_TIME = "extra_time"


class RepresentativeRole(StrEnum):
    MP = "mp"  # an MP or their caseworker
    COUNCILLOR = "councillor"
    RELATIVE_OR_FRIEND = "relative_or_friend"
    ADVOCATE = "advocate"
    SOLICITOR = "solicitor"
    OTHER = "other"


class Representative(db.Model):
    """Someone acting for a complainant (Code 1.3). One can act for many people."""

    __tablename__ = "representatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(30))
    organisation: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)
    preferred_language: Mapped[str] = mapped_column(String(10), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConsentMethod(StrEnum):
    """How the complainant gave a representative their consent."""

    ONLINE_DECLARATION = "online_declaration"  # the representative declared it on the form
    SIGNED_FORM = "signed_form"
    EMAIL = "email"
    PHONE = "phone"
    IN_PERSON = "in_person"
    LEGAL_AUTHORITY = "legal_authority"  # e.g. a lasting power of attorney


class Correspondence(StrEnum):
    """Who receives what the council sends about the complaint, as the consent says."""

    COMPLAINANT = "complainant"
    REPRESENTATIVE = "representative"
    BOTH = "both"


class Consent(db.Model):
    """The complainant's consent for a representative to act on one complaint."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), unique=True)
    representative_id: Mapped[int] = mapped_column(ForeignKey("representatives.id"), index=True)
    given_how: Mapped[str] = mapped_column(String(30))
    given_on: Mapped[date] = mapped_column(Date)
    correspondence_to: Mapped[str] = mapped_column(String(20), default=Correspondence.BOTH)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    representative: Mapped[Representative] = relationship(lazy="joined")


class ConflictOfInterest(db.Model):
    """A handler's declaration that they must not handle a complaint, or any complaint of
    one person (Code 5.8: nobody handles a complaint about themselves)."""

    __tablename__ = "conflicts_of_interest"
    __table_args__ = (
        CheckConstraint(
            "(complaint_id IS NULL) <> (person_id IS NULL)", name="complaint_or_person"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    note: Mapped[str] = mapped_column(Text)
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    staff_user: Mapped[StaffUser] = relationship(lazy="joined")
    complaint = relationship("Complaint", lazy="joined")
    person: Mapped[Person | None] = relationship(lazy="joined")
