"""compliments: a resident's thanks, recorded apart from complaints

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 19:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "compliments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("service_area_code", sa.String(length=64), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("staff_named", sa.String(length=500), nullable=True),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("contact_email", sa.String(length=320), nullable=True),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_area_code"],
            ["service_areas.code"],
            name=op.f("fk_compliments_service_area_code_service_areas"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliments")),
    )
    with op.batch_alter_table("compliments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_compliments_received_on"), ["received_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_compliments_service_area_code"), ["service_area_code"], unique=False
        )


def downgrade():
    with op.batch_alter_table("compliments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_compliments_service_area_code"))
        batch_op.drop_index(batch_op.f("ix_compliments_received_on"))
    op.drop_table("compliments")
