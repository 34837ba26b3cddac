"""the Ombudsman's look at a complaint, with its orders and recommendations

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 20:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "ombudsman_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("ombudsman", sa.String(length=16), nullable=False),
        sa.Column("their_reference", sa.String(length=64), nullable=True),
        sa.Column("enquiry_on", sa.Date(), nullable=False),
        sa.Column("information_sent_on", sa.Date(), nullable=True),
        sa.Column("determination", sa.String(length=40), nullable=True),
        sa.Column("determined_on", sa.Date(), nullable=True),
        sa.Column("determination_summary", sa.Text(), nullable=True),
        sa.Column("opened_by_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_ombudsman_cases_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["opened_by_id"],
            ["staff_users.id"],
            name=op.f("fk_ombudsman_cases_opened_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ombudsman_cases")),
    )
    op.create_index(op.f("ix_ombudsman_cases_complaint_id"), "ombudsman_cases", ["complaint_id"])
    op.create_table(
        "ombudsman_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["ombudsman_cases.id"],
            name=op.f("fk_ombudsman_orders_case_id_ombudsman_cases"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ombudsman_orders")),
    )
    op.create_index(op.f("ix_ombudsman_orders_case_id"), "ombudsman_orders", ["case_id"])
    op.create_index(op.f("ix_ombudsman_orders_due_on"), "ombudsman_orders", ["due_on"])


def downgrade():
    op.drop_index(op.f("ix_ombudsman_orders_due_on"), table_name="ombudsman_orders")
    op.drop_index(op.f("ix_ombudsman_orders_case_id"), table_name="ombudsman_orders")
    op.drop_table("ombudsman_orders")
    op.drop_index(op.f("ix_ombudsman_cases_complaint_id"), table_name="ombudsman_cases")
    op.drop_table("ombudsman_cases")
