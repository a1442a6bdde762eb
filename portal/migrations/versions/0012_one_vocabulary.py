"""one vocabulary: ESCO concepts keep their alternative names and their link to a built-in
entry; one certificate list (participant codes rewritten to the vacancy spelling)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 21:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = ("esco_occupation", "esco_skill")
# Old participant spellings -> the one list's codes (portal.services.catalogues.CERTIFICATES).
CERTIFICATE_CODES = {
    "vca_basic": "vca-basic",
    "vca_vol": "vca-vol",
    "reach_truck": "reach-truck",
    "food_hygiene": "food-hygiene",
    "first_aid": "first-aid",
    "cleaning_machine": "cleaning-machine",
    "aerial_platform": "aerial-platform",
}


def _rewrite(table: str, column: str, mapping: dict[str, str]) -> None:
    """Rename codes; a row whose new code already exists for the same owner is a double
    (both spellings were recorded) and is dropped instead."""
    owner = "participant_id" if table == "participant_certificate" else "vacancy_id"
    for old, new in mapping.items():
        op.execute(
            sa.text(
                f"DELETE FROM {table} WHERE {column} = :old AND {owner} IN "
                f"(SELECT {owner} FROM {table} WHERE {column} = :new)"
            ).bindparams(old=old, new=new)
        )
        op.execute(
            sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old").bindparams(
                old=old, new=new
            )
        )


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("alt_labels", sa.JSON(), nullable=False, server_default="{}")
            )
            batch.add_column(sa.Column("builtin_code", sa.String(length=80), nullable=True))
    _rewrite("participant_certificate", "certificate", CERTIFICATE_CODES)
    _rewrite("vacancy_certificate", "code", CERTIFICATE_CODES)


def downgrade() -> None:
    back = {new: old for old, new in CERTIFICATE_CODES.items()}
    _rewrite("participant_certificate", "certificate", back)
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("builtin_code")
            batch.drop_column("alt_labels")
