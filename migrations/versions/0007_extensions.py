"""extensions of a stage's response deadline, each its own record

Revision ID: 0007
Revises: 0002
Create Date: 2026-12-01 19:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("complaint_stages") as batch:
        batch.add_column(
            sa.Column("extension_working_days", sa.Integer(), server_default="0", nullable=False)
        )
    op.create_table(
        "extensions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("stage_number", sa.Integer(), nullable=False),
        sa.Column("working_days", sa.Integer(), nullable=False),
        sa.Column("from_respond_by", sa.Date(), nullable=False),
        sa.Column("to_respond_by", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("beyond_cap", sa.Boolean(), nullable=False),
        sa.Column("good_reason", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("asked_by_id", sa.Integer(), nullable=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaints.id"], name=op.f("fk_extensions_complaint_id_complaints")
        ),
        sa.ForeignKeyConstraint(
            ["asked_by_id"], ["staff_users.id"], name=op.f("fk_extensions_asked_by_id_staff_users")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_users.id"],
            name=op.f("fk_extensions_decided_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extensions")),
    )
    op.create_index(op.f("ix_extensions_complaint_id"), "extensions", ["complaint_id"])


def downgrade():
    op.drop_index(op.f("ix_extensions_complaint_id"), table_name="extensions")
    op.drop_table("extensions")
    with op.batch_alter_table("complaint_stages") as batch:
        batch.drop_column("extension_working_days")
