"""the portal's question pages: drafts kept server-side, when it happened, staff involved,
the discrimination flag, outcomes sought as codes, and a person's reasonable adjustments

Revision ID: 0013
Revises: 0016
Create Date: 2026-12-01 22:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "complaint_drafts",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("submission_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_complaint_drafts")),
    )
    op.create_index(
        op.f("ix_complaint_drafts_expires_at"), "complaint_drafts", ["expires_at"], unique=False
    )
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("happened_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("found_out_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("staff_involved", sa.Text(), nullable=True))
        batch.add_column(sa.Column("about_discrimination", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("outcomes_sought", sa.JSON(), nullable=True))
    with op.batch_alter_table("persons") as batch:
        batch.add_column(sa.Column("adjustments", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("adjustments_detail", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("persons") as batch:
        batch.drop_column("adjustments_detail")
        batch.drop_column("adjustments")
    with op.batch_alter_table("complaints") as batch:
        batch.drop_column("outcomes_sought")
        batch.drop_column("about_discrimination")
        batch.drop_column("staff_involved")
        batch.drop_column("found_out_on")
        batch.drop_column("happened_on")
    op.drop_index(op.f("ix_complaint_drafts_expires_at"), table_name="complaint_drafts")
    op.drop_table("complaint_drafts")
