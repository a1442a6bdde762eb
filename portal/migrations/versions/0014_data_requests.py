"""data requests: correction and erasure requests with their legal deadline and outcome

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 10:00:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_by_role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("reminded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("handled_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["handled_by_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("data_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_data_request_due_on"), ["due_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_data_request_handled_at"), ["handled_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_data_request_participant_id"), ["participant_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("data_request")
