"""equalities monitoring answers (kept apart from complaints) and the satisfaction survey

Revision ID: 0019
Revises: 0020
Create Date: 2026-12-01 22:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0020"
branch_labels = None
depends_on = None

QUESTIONS = (
    "age_band",
    "sex",
    "gender_identity",
    "sexual_orientation",
    "ethnic_group",
    "religion",
    "disability",
    "pregnancy_maternity",
    "marriage",
)


def upgrade():
    op.create_table(
        "equalities_responses",
        sa.Column("id", sa.String(length=32), nullable=False),
        *(sa.Column(name, sa.String(length=32), nullable=False) for name in QUESTIONS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equalities_responses")),
    )
    op.create_table(
        "equalities_response_links",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_equalities_response_links_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["equalities_responses.id"],
            name=op.f("fk_equalities_response_links_response_id_equalities_responses"),
        ),
        sa.PrimaryKeyConstraint("complaint_id", name=op.f("pk_equalities_response_links")),
        sa.UniqueConstraint("response_id", name=op.f("uq_equalities_response_links_response_id")),
    )
    op.create_table(
        "satisfaction_surveys",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("handling", sa.Integer(), nullable=False),
        sa.Column("kept_informed", sa.String(length=16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_satisfaction_surveys_complaint_id_complaints"),
        ),
        sa.PrimaryKeyConstraint("complaint_id", name=op.f("pk_satisfaction_surveys")),
    )
    with op.batch_alter_table("satisfaction_surveys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_satisfaction_surveys_answered_on"), ["answered_on"], unique=False
        )


def downgrade():
    with op.batch_alter_table("satisfaction_surveys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_satisfaction_surveys_answered_on"))
    op.drop_table("satisfaction_surveys")
    op.drop_table("equalities_response_links")
    op.drop_table("equalities_responses")
