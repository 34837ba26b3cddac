"""reports: a complaint's tenure (for the Tenant Satisfaction Measures), whether it touches
a housing landlord area, and indexes for counting stages opened and answered in a period

Revision ID: 0017
Revises: 0014
Create Date: 2026-12-01 22:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("tenure", sa.String(length=20), nullable=True))
        batch.add_column(
            sa.Column(
                "touches_housing_landlord",
                sa.Boolean(),
                server_default=sa.false(),
                nullable=False,
            )
        )
    # Complaints already on record: any of their areas a housing landlord one.
    op.execute(
        "UPDATE complaints SET touches_housing_landlord = EXISTS ("
        " SELECT 1 FROM complaint_service_areas JOIN service_areas"
        " ON service_areas.code = complaint_service_areas.service_area_code"
        " WHERE complaint_service_areas.complaint_id = complaints.id"
        " AND service_areas.is_housing_landlord)"
    )
    op.create_index(
        "ix_complaint_stages_number_started_on",
        "complaint_stages",
        ["number", "started_on", "complaint_id"],
        unique=False,
    )
    op.create_index(
        "ix_complaint_stages_number_responded_on",
        "complaint_stages",
        ["number", "responded_on", "complaint_id", "outcome", "respond_by"],
        unique=False,
    )
    op.create_index(
        "ix_complaints_report_facts",
        "complaints",
        ["id", "status", "tenure", "touches_housing_landlord"],
        unique=False,
    )
    op.create_index(
        "ix_ombudsman_cases_enquiry_on", "ombudsman_cases", ["enquiry_on"], unique=False
    )
    op.create_index(
        "ix_ombudsman_cases_determined_on", "ombudsman_cases", ["determined_on"], unique=False
    )


def downgrade():
    op.drop_index("ix_ombudsman_cases_determined_on", table_name="ombudsman_cases")
    op.drop_index("ix_ombudsman_cases_enquiry_on", table_name="ombudsman_cases")
    op.drop_index("ix_complaints_report_facts", table_name="complaints")
    op.drop_index("ix_complaint_stages_number_responded_on", table_name="complaint_stages")
    op.drop_index("ix_complaint_stages_number_started_on", table_name="complaint_stages")
    with op.batch_alter_table("complaints") as batch:
        batch.drop_column("touches_housing_landlord")
        batch.drop_column("tenure")
