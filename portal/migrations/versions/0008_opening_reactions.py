"""opening reactions

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 23:58:47.281507
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "opening_reaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("reaction", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("by_role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["by_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancy.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("participant_id", "vacancy_id"),
    )
    with op.batch_alter_table("opening_reaction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opening_reaction_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_opening_reaction_vacancy_id"), ["vacancy_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("opening_reaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opening_reaction_vacancy_id"))
        batch_op.drop_index(batch_op.f("ix_opening_reaction_participant_id"))

    op.drop_table("opening_reaction")
