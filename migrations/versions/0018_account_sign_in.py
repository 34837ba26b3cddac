"""accounts: one-time sign-in links and residents' sessions, for following complaints

Revision ID: 0018
Revises: 0019
Create Date: 2026-12-01 21:50:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "account_sign_in_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_sign_in_links")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_account_sign_in_links_secret_hash")),
    )
    with op.batch_alter_table("account_sign_in_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_sign_in_links_email"), ["email"], unique=False
        )
    op.create_table(
        "account_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_account_sessions_token_hash")),
    )
    with op.batch_alter_table("account_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_sessions_email"), ["email"], unique=False)


def downgrade():
    with op.batch_alter_table("account_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_sessions_email"))
    op.drop_table("account_sessions")
    with op.batch_alter_table("account_sign_in_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_sign_in_links_email"))
    op.drop_table("account_sign_in_links")
