"""match alerts (announced pairs, their cursor on the change feed) and notification choices

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 09:00:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

AUTO, UTC_TIME = sqlmodel.sql.sqltypes.AutoString, sqlmodel.sql.sqltypes.UTCDateTime
ALERT_FKS = (("vacancy_id", "vacancy"), ("participant_id", "participant"))


def upgrade() -> None:
    op.create_table(
        "alert_cursor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_change_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTC_TIME(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # Alerts start now: the changes already in the feed were made before anyone could
    # choose how to hear about them (a new, empty database starts at 0).
    newest = op.get_bind().execute(sa.text("SELECT max(id) FROM index_change")).scalar()
    pruned = op.get_bind().execute(sa.text("SELECT max(through_id) FROM index_change_pruned"))
    start = max(newest or 0, pruned.scalar() or 0)
    op.execute(
        sa.text(
            "INSERT INTO alert_cursor (id, last_change_id, updated_at) "
            "VALUES (1, :start, CURRENT_TIMESTAMP)"
        ).bindparams(start=start)
    )
    op.create_table(
        "notification_choice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("topic", AUTO(length=20), nullable=False),
        sa.Column("frequency", AUTO(length=20), nullable=False),
        sa.Column("last_digest_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "topic"),
    )
    op.create_index("ix_notification_choice_user_id", "notification_choice", ["user_id"])
    op.create_table(
        "alert_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("fits", sa.Boolean(), nullable=False),
        sa.Column("announced_at", UTC_TIME(), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancy.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("vacancy_id", "participant_id"),
    )
    op.create_index("ix_alert_pair_participant_id", "alert_pair", ["participant_id"])
    op.create_index("ix_alert_pair_vacancy_id", "alert_pair", ["vacancy_id"])
    op.create_table(
        "pending_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("topic", AUTO(length=20), nullable=False),
        sa.Column("claim", AUTO(length=40), nullable=True),
        sa.Column("created_at", UTC_TIME(), nullable=False),
        sa.ForeignKeyConstraint(["notification_id"], ["notification.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pending_mail_notification_id", "pending_mail", ["notification_id"])
    op.create_index("ix_pending_mail_user_id", "pending_mail", ["user_id"])
    with op.batch_alter_table("notification") as batch:
        for column, table in ALERT_FKS:
            batch.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch.create_index(f"ix_notification_{column}", [column])
            batch.create_foreign_key(
                f"fk_notification_{column}_{table}", table, [column], ["id"], ondelete="CASCADE"
            )


def downgrade() -> None:
    with op.batch_alter_table("notification") as batch:
        for column, table in ALERT_FKS:
            batch.drop_constraint(f"fk_notification_{column}_{table}", type_="foreignkey")
            batch.drop_index(f"ix_notification_{column}")
            batch.drop_column(column)
    op.drop_table("pending_mail")
    op.drop_table("alert_pair")
    op.drop_table("notification_choice")
    op.drop_table("alert_cursor")
