"""exclusions: complaints not accepted, or treated as service requests, with reasons

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 19:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "exclusions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("alternative_route", sa.Text(), nullable=True),
        sa.Column("discretion_considered", sa.Boolean(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reversed_by_id", sa.Integer(), nullable=True),
        sa.Column("reversed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reversal_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaints.id"], name=op.f("fk_exclusions_complaint_id_complaints")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_users.id"],
            name=op.f("fk_exclusions_decided_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["reversed_by_id"],
            ["staff_users.id"],
            name=op.f("fk_exclusions_reversed_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exclusions")),
    )
    op.create_index(op.f("ix_exclusions_complaint_id"), "exclusions", ["complaint_id"])


def downgrade():
    op.drop_index(op.f("ix_exclusions_complaint_id"), table_name="exclusions")
    op.drop_table("exclusions")
