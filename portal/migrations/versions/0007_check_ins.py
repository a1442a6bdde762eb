"""check-ins

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 23:30:15.344476
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("notified_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("still_employed", sa.Boolean(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("leave_reason", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("leave_note", sa.Text(), nullable=False),
        sa.Column("wants_help_again", sa.Boolean(), nullable=True),
        sa.Column(
            "participant_rating", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False
        ),
        sa.Column("participant_note", sa.Text(), nullable=False),
        sa.Column("employer_rating", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("employer_note", sa.Text(), nullable=False),
        sa.Column("commitment", sa.JSON(), nullable=False),
        sa.Column("reopened_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("employer_view_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("employer_view_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "employer_view_rating", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False
        ),
        sa.Column("employer_view_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_view_by_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("proposal_id", "month"),
    )
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_check_in_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_check_in_proposal_id"), ["proposal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_check_in_recorded_at"), ["recorded_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_in_recorded_at"))
        batch_op.drop_index(batch_op.f("ix_check_in_proposal_id"))
        batch_op.drop_index(batch_op.f("ix_check_in_due_on"))

    op.drop_table("check_in")
