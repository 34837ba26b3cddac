"""the resident's circumstances: vulnerabilities and restrictions on contact

Revision ID: 0020
Revises: 0012
Create Date: 2026-12-01 22:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0012"
branch_labels = None
depends_on = None


def _staff_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["staff_users.id"], name=op.f(f"fk_{table}_{column}_staff_users")
    )


def upgrade():
    op.create_table(
        "vulnerabilities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("support", sa.Text(), nullable=True),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_vulnerabilities_person_id_persons")
        ),
        _staff_fk("vulnerabilities", "recorded_by_id"),
        _staff_fk("vulnerabilities", "ended_by_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vulnerabilities")),
    )
    op.create_index(op.f("ix_vulnerabilities_person_id"), "vulnerabilities", ["person_id"])
    op.create_table(
        "contact_restrictions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("imposed_by_id", sa.Integer(), nullable=True),
        sa.Column("imposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lifted_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_contact_restrictions_person_id_persons")
        ),
        _staff_fk("contact_restrictions", "imposed_by_id"),
        _staff_fk("contact_restrictions", "lifted_by_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_restrictions")),
    )
    op.create_index(
        op.f("ix_contact_restrictions_person_id"), "contact_restrictions", ["person_id"]
    )


def downgrade():
    op.drop_index(op.f("ix_contact_restrictions_person_id"), table_name="contact_restrictions")
    op.drop_table("contact_restrictions")
    op.drop_index(op.f("ix_vulnerabilities_person_id"), table_name="vulnerabilities")
    op.drop_table("vulnerabilities")
