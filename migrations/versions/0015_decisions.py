"""decisions as records: the definition's numbered points with their findings, the remedies
register, outstanding actions and their updates, and lessons learned

Each stage's definition, kept until now as JSON on the stage, becomes one row per point.

Revision ID: 0015
Revises: 0018
Create Date: 2026-12-01 22:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0018"
branch_labels = None
depends_on = None


def _stages(with_definition: bool):
    columns = [
        sa.column("id", sa.Integer),
        sa.column("complaint_id", sa.Integer),
        sa.column("number", sa.Integer),
        sa.column("started_on", sa.Date),
        sa.column("outcomes_sought", sa.JSON),
    ]
    if with_definition:
        columns.append(sa.column("definition", sa.JSON))
    return sa.table("complaint_stages", *columns)


POINTS = sa.table(
    "definition_points",
    sa.column("id", sa.Integer),
    sa.column("stage_id", sa.Integer),
    sa.column("number", sa.Integer),
    sa.column("text", sa.Text),
    sa.column("raised_on", sa.Date),
    sa.column("moved_to_complaint_id", sa.Integer),
)
COMPLAINTS = sa.table(
    "complaints", sa.column("id", sa.Integer), sa.column("received_on", sa.Date)
)


def upgrade():
    with op.batch_alter_table("complaint_stages") as batch:
        batch.add_column(sa.Column("outcomes_sought", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("responsible_for", sa.Text(), nullable=True))
        batch.add_column(sa.Column("not_responsible_for", sa.Text(), nullable=True))

    op.create_table(
        "definition_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("outcome_sought", sa.String(length=32), nullable=True),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("finding", sa.String(length=32), nullable=True),
        sa.Column("finding_reasons", sa.Text(), nullable=True),
        sa.Column("moved_to_complaint_id", sa.Integer(), nullable=True),
        sa.Column("moved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["stage_id"], ["complaint_stages.id"]),
        sa.ForeignKeyConstraint(["added_by_id"], ["staff_users.id"]),
        sa.ForeignKeyConstraint(["moved_to_complaint_id"], ["complaints.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("stage_id", "number", name="uq_definition_points_stage_number"),
    )
    op.create_index("ix_definition_points_stage_id", "definition_points", ["stage_id"])
    op.create_index(
        "ix_definition_points_moved_to_complaint_id",
        "definition_points",
        ["moved_to_complaint_id"],
    )

    op.create_table(
        "remedies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("stage_number", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=True),
        sa.Column("financial_purpose", sa.String(length=32), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaints.id"]),
        sa.ForeignKeyConstraint(["point_id"], ["definition_points.id"]),
        sa.ForeignKeyConstraint(["done_by_id"], ["staff_users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_remedies_complaint_id", "remedies", ["complaint_id"])
    op.create_index("ix_remedies_owner", "remedies", ["owner"])
    op.create_index("ix_remedies_done_on_due_on", "remedies", ["done_on", "due_on"])

    op.create_table(
        "outstanding_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("stage_number", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("completed_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaints.id"]),
        sa.ForeignKeyConstraint(["completed_by_id"], ["staff_users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_outstanding_actions_complaint_id", "outstanding_actions", ["complaint_id"]
    )

    op.create_table(
        "action_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["action_id"], ["outstanding_actions.id"]),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["staff_users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_action_updates_action_id", "action_updates", ["action_id"])

    op.create_table(
        "lessons_learned",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("stage_number", sa.Integer(), nullable=False),
        sa.Column("lessons", sa.Text(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("improvement_action", sa.Text(), nullable=True),
        sa.Column("improvement_owner", sa.String(length=200), nullable=True),
        sa.Column("improvement_due_on", sa.Date(), nullable=True),
        sa.Column("improvement_done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaints.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_lessons_learned_complaint_id", "lessons_learned", ["complaint_id"])
    op.create_index("ix_lessons_learned_recorded_on", "lessons_learned", ["recorded_on"])

    # Each JSON definition into its points, and its outcomes sought into their column.
    bind = op.get_bind()
    stages = _stages(with_definition=True)
    rows = bind.execute(
        sa.select(
            stages.c.id,
            stages.c.number,
            stages.c.started_on,
            stages.c.definition,
            COMPLAINTS.c.received_on,
        )
        .join(COMPLAINTS, COMPLAINTS.c.id == stages.c.complaint_id)
        .where(stages.c.definition.isnot(None))
    ).all()
    for stage_id, number, started_on, definition, received_on in rows:
        if not isinstance(definition, dict):
            continue
        raised_on = received_on if number == 1 else started_on
        points = [str(p) for p in definition.get("points") or [] if str(p).strip()]
        if points:
            bind.execute(
                POINTS.insert(),
                [
                    {"stage_id": stage_id, "number": i, "text": text, "raised_on": raised_on}
                    for i, text in enumerate(points, start=1)
                ],
            )
        bind.execute(
            stages.update()
            .where(stages.c.id == stage_id)
            .values(outcomes_sought=list(definition.get("outcomes_sought") or []))
        )

    with op.batch_alter_table("complaint_stages") as batch:
        batch.drop_column("definition")


def downgrade():
    with op.batch_alter_table("complaint_stages") as batch:
        batch.add_column(sa.Column("definition", sa.JSON(), nullable=True))

    # The points still answered by each stage back into its JSON definition.
    bind = op.get_bind()
    stages = _stages(with_definition=True)
    points = bind.execute(
        sa.select(POINTS.c.stage_id, POINTS.c.text)
        .where(POINTS.c.moved_to_complaint_id.is_(None))
        .order_by(POINTS.c.stage_id, POINTS.c.number)
    ).all()
    by_stage: dict[int, list[str]] = {}
    for stage_id, text in points:
        by_stage.setdefault(stage_id, []).append(text)
    sought = dict(bind.execute(sa.select(stages.c.id, stages.c.outcomes_sought)).all())
    for stage_id, texts in by_stage.items():
        bind.execute(
            stages.update()
            .where(stages.c.id == stage_id)
            .values(definition={"points": texts, "outcomes_sought": sought.get(stage_id) or []})
        )

    op.drop_index("ix_lessons_learned_recorded_on", table_name="lessons_learned")
    op.drop_index("ix_lessons_learned_complaint_id", table_name="lessons_learned")
    op.drop_table("lessons_learned")
    op.drop_index("ix_action_updates_action_id", table_name="action_updates")
    op.drop_table("action_updates")
    op.drop_index("ix_outstanding_actions_complaint_id", table_name="outstanding_actions")
    op.drop_table("outstanding_actions")
    op.drop_index("ix_remedies_done_on_due_on", table_name="remedies")
    op.drop_index("ix_remedies_owner", table_name="remedies")
    op.drop_index("ix_remedies_complaint_id", table_name="remedies")
    op.drop_table("remedies")
    op.drop_index("ix_definition_points_moved_to_complaint_id", table_name="definition_points")
    op.drop_index("ix_definition_points_stage_id", table_name="definition_points")
    op.drop_table("definition_points")
    with op.batch_alter_table("complaint_stages") as batch:
        batch.drop_column("not_responsible_for")
        batch.drop_column("responsible_for")
        batch.drop_column("outcomes_sought")
