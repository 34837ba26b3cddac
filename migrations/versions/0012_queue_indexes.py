"""the work queue's indexes: open complaints in deadline order, and trigram search of people

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 19:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

OPEN_STATUS_SQL = (
    "status IN ('acknowledged', 'received', 'responded', 'stage_2_acknowledged',"
    " 'stage_2_requested', 'stage_2_responded')"
)

# The queue's order within one service area, one state or one stage.
QUEUE_FILTER_COLUMNS = ("service_area_code", "status", "current_stage")


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_index(
        "ix_complaints_open_queue",
        "complaints",
        ["next_deadline", "id"],
        unique=False,
        postgresql_include=["status", "current_stage", "service_area_code"],
        postgresql_where=sa.text(OPEN_STATUS_SQL),
        sqlite_where=sa.text(OPEN_STATUS_SQL),
    )
    for column in QUEUE_FILTER_COLUMNS:
        op.create_index(
            f"ix_complaints_open_queue_by_{column}",
            "complaints",
            [column, "next_deadline", "id"],
            unique=False,
            postgresql_where=sa.text(OPEN_STATUS_SQL),
            sqlite_where=sa.text(OPEN_STATUS_SQL),
        )
    if postgres:
        # A trusted extension since PostgreSQL 13: the database's owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index(
        "ix_persons_search_trgm",
        "persons",
        ["name", "email", "postcode"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={
            "name": "gin_trgm_ops",
            "email": "gin_trgm_ops",
            "postcode": "gin_trgm_ops",
        },
    )


def downgrade():
    op.drop_index("ix_persons_search_trgm", table_name="persons")
    for column in QUEUE_FILTER_COLUMNS:
        op.drop_index(f"ix_complaints_open_queue_by_{column}", table_name="complaints")
    op.drop_index("ix_complaints_open_queue", table_name="complaints")
    # pg_trgm stays: other objects of the database may have come to use it.
