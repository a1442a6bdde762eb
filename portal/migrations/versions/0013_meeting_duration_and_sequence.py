"""proposal: how long the intro meeting lasts, and the SEQUENCE of its calendar invitation

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 00:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proposal") as batch:
        batch.add_column(
            sa.Column("meeting_minutes", sa.Integer(), nullable=False, server_default="60")
        )
        batch.add_column(
            sa.Column("meeting_sequence", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("proposal") as batch:
        batch.drop_column("meeting_sequence")
        batch.drop_column("meeting_minutes")
