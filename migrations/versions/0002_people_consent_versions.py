"""people as records, consent, several service areas, case versions, secret-free notices,
staff session versions, the calendar stamp, and append-only audit events in the database

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 19:30:00

"""
import re

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# A tracking link as the stored emails wrote it: /track/<reference>/<43-character secret>.
TRACKING_LINK = re.compile(r"\S*/track/[A-Za-z0-9-]+/[A-Za-z0-9_-]{43}")
REDACTED_LINK = "[private link removed]"

SQLITE_AUDIT_TRIGGERS = [
    """CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]
POSTGRES_AUDIT_TRIGGER = [
    """CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$""",
    """CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
       FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()""",
]


def upgrade():
    bind = op.get_bind()
    dialect = bind.dialect.name

    op.create_table(
        "calendar_versions",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("stamp", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_versions")),
    )
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("postcode", sa.String(length=16), nullable=True),
        sa.Column("preferred_language", sa.String(length=10), nullable=False),
        sa.Column("contact_method", sa.String(length=20), nullable=False),
        sa.Column("contact_format", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
    )
    op.create_index(op.f("ix_persons_email"), "persons", ["email"], unique=False)
    op.create_index(op.f("ix_persons_postcode"), "persons", ["postcode"], unique=False)

    op.create_table(
        "representatives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("preferred_language", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_representatives")),
    )
    op.create_index(op.f("ix_representatives_email"), "representatives", ["email"], unique=False)

    op.create_table(
        "complaint_service_areas",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("service_area_code", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_service_areas_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["service_area_code"],
            ["service_areas.code"],
            name=op.f("fk_complaint_service_areas_service_area_code_service_areas"),
        ),
        sa.PrimaryKeyConstraint(
            "complaint_id", "service_area_code", name=op.f("pk_complaint_service_areas")
        ),
    )
    op.create_index(
        op.f("ix_complaint_service_areas_service_area_code"),
        "complaint_service_areas",
        ["service_area_code"],
        unique=False,
    )

    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("representative_id", sa.Integer(), nullable=False),
        sa.Column("given_how", sa.String(length=30), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("correspondence_to", sa.String(length=20), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaints.id"], name=op.f("fk_consents_complaint_id_complaints")
        ),
        sa.ForeignKeyConstraint(
            ["representative_id"],
            ["representatives.id"],
            name=op.f("fk_consents_representative_id_representatives"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
        sa.UniqueConstraint("complaint_id", name=op.f("uq_consents_complaint_id")),
    )
    op.create_index(
        op.f("ix_consents_representative_id"), "consents", ["representative_id"], unique=False
    )

    # Complaints: new columns first (nullable), then the data, then the constraints.
    with op.batch_alter_table("complaints") as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("complainant_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("is_housing_landlord", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column("submission_token_hash", sa.String(length=64), nullable=True)
        )

    # Each existing complaint's resident becomes a person of their own: matching people by
    # email across complaints is a decision for staff, not for a migration.
    rows = bind.execute(
        sa.text(
            "SELECT c.id, c.complainant_name, c.contact_email, c.locale, c.received_at,"
            " c.service_area_code, s.is_housing_landlord"
            " FROM complaints c JOIN service_areas s ON s.code = c.service_area_code"
        )
    ).fetchall()
    for row in rows:
        person_id = bind.execute(
            sa.text(
                "INSERT INTO persons (name, email, preferred_language, contact_method,"
                " contact_format, created_at)"
                " VALUES (:name, :email, :language, 'email', 'standard', :created_at)"
                " RETURNING id"
            ),
            {
                "name": row.complainant_name,
                "email": row.contact_email,
                "language": row.locale or "en",
                "created_at": row.received_at,
            },
        ).scalar_one()
        bind.execute(
            sa.text(
                "UPDATE complaints SET complainant_id = :person, version = 1,"
                " is_housing_landlord = :housing WHERE id = :id"
            ),
            {"person": person_id, "housing": bool(row.is_housing_landlord), "id": row.id},
        )
        bind.execute(
            sa.text(
                "INSERT INTO complaint_service_areas (complaint_id, service_area_code, position)"
                " VALUES (:id, :code, 0)"
            ),
            {"id": row.id, "code": row.service_area_code},
        )

    with op.batch_alter_table("complaints") as batch_op:
        batch_op.alter_column("version", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("complainant_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("is_housing_landlord", existing_type=sa.Boolean(), nullable=False)
        batch_op.create_index(
            batch_op.f("ix_complaints_complainant_id"), ["complainant_id"], unique=False
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_complaints_submission_token_hash"), ["submission_token_hash"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_complaints_complainant_id_persons"), "persons", ["complainant_id"], ["id"]
        )
        batch_op.drop_column("complainant_name")
        batch_op.drop_column("contact_email")
        batch_op.drop_column("locale")

    with op.batch_alter_table("outbox_messages") as batch_op:
        batch_op.add_column(
            sa.Column("recipient_role", sa.String(20), nullable=False, server_default="complainant")
        )
        batch_op.add_column(
            sa.Column("recipient_name", sa.String(200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("channel", sa.String(20), nullable=False, server_default="email"))
        batch_op.add_column(sa.Column("language", sa.String(10), nullable=False, server_default="en"))
        batch_op.add_column(
            sa.Column("format", sa.String(20), nullable=False, server_default="standard")
        )
        batch_op.add_column(sa.Column("facts", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.alter_column("subject", existing_type=sa.String(300), nullable=True)
        batch_op.alter_column("body_text", existing_type=sa.Text(), nullable=True)

    # Notices still to send held a tracking link in plain text: drop their rendered text (the
    # sender renders it again with a fresh link); sent ones keep their text, link removed.
    bind.execute(
        sa.text(
            "UPDATE outbox_messages SET subject = NULL, body_text = NULL"
            " WHERE status <> 'sent'"
        )
    )
    for message_id, body in bind.execute(
        sa.text("SELECT id, body_text FROM outbox_messages WHERE body_text IS NOT NULL")
    ).fetchall():
        redacted = TRACKING_LINK.sub(REDACTED_LINK, body)
        if redacted != body:
            bind.execute(
                sa.text("UPDATE outbox_messages SET body_text = :body WHERE id = :id"),
                {"body": redacted, "id": message_id},
            )
    bind.execute(
        sa.text(
            "UPDATE outbox_messages SET facts = '{}', recipient_name = COALESCE("
            "(SELECT p.name FROM complaints c JOIN persons p ON p.id = c.complainant_id"
            " WHERE c.id = outbox_messages.complaint_id), '')"
        )
    )
    with op.batch_alter_table("outbox_messages") as batch_op:
        batch_op.alter_column("facts", existing_type=sa.JSON(), nullable=False)
        for column in ("recipient_role", "recipient_name", "channel", "language", "format"):
            batch_op.alter_column(column, server_default=None)

    with op.batch_alter_table("staff_users") as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="1")
        )
    with op.batch_alter_table("staff_users") as batch_op:
        batch_op.alter_column("session_version", server_default=None)

    # Append-only in the database itself: a bulk UPDATE or DELETE fails too.
    for statement in SQLITE_AUDIT_TRIGGERS if dialect == "sqlite" else POSTGRES_AUDIT_TRIGGER:
        op.execute(statement)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")

    with op.batch_alter_table("staff_users") as batch_op:
        batch_op.drop_column("session_version")

    bind.execute(sa.text("DELETE FROM outbox_messages WHERE recipient_role <> 'complainant'"))
    bind.execute(
        sa.text("UPDATE outbox_messages SET subject = '', body_text = '' WHERE body_text IS NULL")
    )
    with op.batch_alter_table("outbox_messages") as batch_op:
        batch_op.alter_column("body_text", existing_type=sa.Text(), nullable=False)
        batch_op.alter_column("subject", existing_type=sa.String(300), nullable=False)
        for column in (
            "claimed_at",
            "facts",
            "format",
            "language",
            "channel",
            "recipient_name",
            "recipient_role",
        ):
            batch_op.drop_column(column)

    with op.batch_alter_table("complaints") as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(10), nullable=True))
        batch_op.add_column(sa.Column("contact_email", sa.String(320), nullable=True))
        batch_op.add_column(sa.Column("complainant_name", sa.String(200), nullable=True))
    bind.execute(
        sa.text(
            "UPDATE complaints SET"
            " complainant_name = (SELECT name FROM persons WHERE persons.id = complainant_id),"
            " contact_email = (SELECT COALESCE(email, '') FROM persons"
            "   WHERE persons.id = complainant_id),"
            " locale = (SELECT preferred_language FROM persons WHERE persons.id = complainant_id)"
        )
    )
    with op.batch_alter_table("complaints") as batch_op:
        batch_op.alter_column("locale", existing_type=sa.String(10), nullable=False)
        batch_op.alter_column("contact_email", existing_type=sa.String(320), nullable=False)
        batch_op.alter_column("complainant_name", existing_type=sa.String(200), nullable=False)
        batch_op.drop_constraint(
            batch_op.f("fk_complaints_complainant_id_persons"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("uq_complaints_submission_token_hash"), type_="unique"
        )
        batch_op.drop_index(batch_op.f("ix_complaints_complainant_id"))
        batch_op.drop_column("submission_token_hash")
        batch_op.drop_column("is_housing_landlord")
        batch_op.drop_column("complainant_id")
        batch_op.drop_column("version")

    op.drop_index(op.f("ix_consents_representative_id"), table_name="consents")
    op.drop_table("consents")
    op.drop_index(
        op.f("ix_complaint_service_areas_service_area_code"), table_name="complaint_service_areas"
    )
    op.drop_table("complaint_service_areas")
    op.drop_index(op.f("ix_representatives_email"), table_name="representatives")
    op.drop_table("representatives")
    op.drop_index(op.f("ix_persons_postcode"), table_name="persons")
    op.drop_index(op.f("ix_persons_email"), table_name="persons")
    op.drop_table("persons")
    op.drop_table("calendar_versions")
