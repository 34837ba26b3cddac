"""draft evidence: files added on the evidence page of making a complaint, kept with the
draft until the complaint is sent

Revision ID: 0021
Revises: 0017
Create Date: 2026-12-01 23:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "draft_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id_hash", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id_hash"],
            ["complaint_drafts.id_hash"],
            name=op.f("fk_draft_files_draft_id_hash_complaint_drafts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_files")),
    )
    op.create_index(op.f("ix_draft_files_draft_id_hash"), "draft_files", ["draft_id_hash"])


def downgrade():
    op.drop_index(op.f("ix_draft_files_draft_id_hash"), table_name="draft_files")
    op.drop_table("draft_files")
