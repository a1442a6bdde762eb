"""proposals and notifications

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-26 09:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("open_pair", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.Column("override_codes", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("interest_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("interest_by_id", sa.Integer(), nullable=True),
        sa.Column("interest_with_mentor", sa.Boolean(), nullable=False),
        sa.Column("decline_reason", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("meeting_on", sa.Date(), nullable=True),
        sa.Column("meeting_time", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("meeting_place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("trial_start", sa.Date(), nullable=True),
        sa.Column("trial_end", sa.Date(), nullable=True),
        sa.Column("contract_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("hire_start", sa.Date(), nullable=True),
        sa.Column("not_hired_reason", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("closing_note", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["interest_by_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["vacancy.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("open_pair"),
    )
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposal_mentor_id"), ["mentor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_proposal_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_proposal_stage"), ["stage"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposal_vacancy_id"), ["vacancy_id"], unique=False)

    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("read_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_proposal_id"), ["proposal_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_notification_read_at"), ["read_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_notification_user_id"), ["user_id"], unique=False)

    op.create_table(
        "proposal_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("from_stage", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("by_role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["by_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("proposal_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_proposal_event_proposal_id"), ["proposal_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("proposal_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_event_proposal_id"))

    op.drop_table("proposal_event")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_user_id"))
        batch_op.drop_index(batch_op.f("ix_notification_read_at"))
        batch_op.drop_index(batch_op.f("ix_notification_proposal_id"))

    op.drop_table("notification")
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_vacancy_id"))
        batch_op.drop_index(batch_op.f("ix_proposal_stage"))
        batch_op.drop_index(batch_op.f("ix_proposal_participant_id"))
        batch_op.drop_index(batch_op.f("ix_proposal_mentor_id"))

    op.drop_table("proposal")
