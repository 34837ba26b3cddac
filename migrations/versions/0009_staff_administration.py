"""staff administration: service areas per member of staff, an account version for the
manager's changes, and conflicts of interest

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 19:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "staff_users",
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    )
    op.create_table(
        "staff_service_areas",
        sa.Column("staff_user_id", sa.Integer(), nullable=False),
        sa.Column("service_area_code", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_area_code"],
            ["service_areas.code"],
            name=op.f("fk_staff_service_areas_service_area_code_service_areas"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_users.id"],
            name=op.f("fk_staff_service_areas_staff_user_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint(
            "staff_user_id", "service_area_code", name=op.f("pk_staff_service_areas")
        ),
    )
    op.create_index(
        op.f("ix_staff_service_areas_service_area_code"),
        "staff_service_areas",
        ["service_area_code"],
        unique=False,
    )
    op.create_table(
        "conflicts_of_interest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("declared_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(complaint_id IS NULL) <> (person_id IS NULL)",
            name=op.f("ck_conflicts_of_interest_complaint_or_person"),
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_conflicts_of_interest_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_conflicts_of_interest_person_id_persons")
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_users.id"],
            name=op.f("fk_conflicts_of_interest_staff_user_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts_of_interest")),
    )
    for column in ("staff_user_id", "complaint_id", "person_id"):
        op.create_index(
            op.f(f"ix_conflicts_of_interest_{column}"),
            "conflicts_of_interest",
            [column],
            unique=False,
        )


def downgrade():
    for column in ("person_id", "complaint_id", "staff_user_id"):
        op.drop_index(op.f(f"ix_conflicts_of_interest_{column}"), table_name="conflicts_of_interest")
    op.drop_table("conflicts_of_interest")
    op.drop_index(
        op.f("ix_staff_service_areas_service_area_code"), table_name="staff_service_areas"
    )
    op.drop_table("staff_service_areas")
    with op.batch_alter_table("staff_users") as batch:
        batch.drop_column("version")
