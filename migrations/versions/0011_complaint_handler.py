"""who handles a complaint

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 20:05:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("handler_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_complaints_handler_id"), ["handler_id"])
        batch.create_foreign_key(
            batch.f("fk_complaints_handler_id_staff_users"), "staff_users", ["handler_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("complaints") as batch:
        batch.drop_constraint(batch.f("fk_complaints_handler_id_staff_users"), type_="foreignkey")
        batch.drop_index(batch.f("ix_complaints_handler_id"))
        batch.drop_column("handler_id")
