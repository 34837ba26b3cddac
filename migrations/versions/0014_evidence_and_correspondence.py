"""evidence files, the correspondence log and links between related complaints

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 22:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "correspondence_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_by", sa.String(length=20), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("submission_token_hash", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_correspondence_entries_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["staff_users.id"],
            name=op.f("fk_correspondence_entries_recorded_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correspondence_entries")),
        sa.UniqueConstraint(
            "submission_token_hash",
            name=op.f("uq_correspondence_entries_submission_token_hash"),
        ),
    )
    op.create_index(
        op.f("ix_correspondence_entries_complaint_id"), "correspondence_entries", ["complaint_id"]
    )
    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("correspondence_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("sent_by", sa.String(length=20), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_evidence_files_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["correspondence_id"],
            ["correspondence_entries.id"],
            name=op.f("fk_evidence_files_correspondence_id_correspondence_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["staff_users.id"],
            name=op.f("fk_evidence_files_uploaded_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
    )
    op.create_index(op.f("ix_evidence_files_complaint_id"), "evidence_files", ["complaint_id"])
    op.create_index(
        op.f("ix_evidence_files_correspondence_id"), "evidence_files", ["correspondence_id"]
    )
    op.create_table(
        "complaint_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("related_complaint_id", sa.Integer(), nullable=False),
        sa.Column("pair", sa.String(length=41), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("linked_by_id", sa.Integer(), nullable=True),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_links_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["related_complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_links_related_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["linked_by_id"],
            ["staff_users.id"],
            name=op.f("fk_complaint_links_linked_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_links")),
        sa.UniqueConstraint("pair", name=op.f("uq_complaint_links_pair")),
    )
    op.create_index(op.f("ix_complaint_links_complaint_id"), "complaint_links", ["complaint_id"])
    op.create_index(
        op.f("ix_complaint_links_related_complaint_id"),
        "complaint_links",
        ["related_complaint_id"],
    )


def downgrade():
    op.drop_index(op.f("ix_complaint_links_related_complaint_id"), table_name="complaint_links")
    op.drop_index(op.f("ix_complaint_links_complaint_id"), table_name="complaint_links")
    op.drop_table("complaint_links")
    op.drop_index(op.f("ix_evidence_files_correspondence_id"), table_name="evidence_files")
    op.drop_index(op.f("ix_evidence_files_complaint_id"), table_name="evidence_files")
    op.drop_table("evidence_files")
    op.drop_index(
        op.f("ix_correspondence_entries_complaint_id"), table_name="correspondence_entries"
    )
    op.drop_table("correspondence_entries")
