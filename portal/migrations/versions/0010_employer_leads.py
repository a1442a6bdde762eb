"""employer leads and portal settings (the employers' front door)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 20:20:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _text(length: int):
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "employer_lead",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_name", _text(200), nullable=False),
        sa.Column("contact_name", _text(120), nullable=False),
        sa.Column("contact_email", _text(254), nullable=False),
        sa.Column("contact_phone", _text(40), nullable=False),
        sa.Column("occupation_group", _text(40), nullable=False),
        sa.Column("postcode", _text(4), nullable=False),
        sa.Column("region", _text(60), nullable=False),
        sa.Column("text", _text(1000), nullable=False),
        sa.Column("locale", _text(10), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("employer_lead", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_employer_lead_region"), ["region"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_employer_lead_created_at"), ["created_at"], unique=False
        )
    op.create_table(
        "portal_setting",
        sa.Column("key", _text(60), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["changed_by_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("portal_setting")
    with op.batch_alter_table("employer_lead", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employer_lead_created_at"))
        batch_op.drop_index(batch_op.f("ix_employer_lead_region"))
    op.drop_table("employer_lead")
