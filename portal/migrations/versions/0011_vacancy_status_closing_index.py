"""vacancy: an index on (status, closing_date) for the open-vacancy lists

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 21:00:00.000000
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_vacancy_status_closing", "vacancy", ["status", "closing_date"])


def downgrade() -> None:
    op.drop_index("ix_vacancy_status_closing", table_name="vacancy")
