"""A warning-signs check may be cleared by a professional (schema version 2).

Revision ID: 0002_cleared_by_professional
Revises: 0001_first_log
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_cleared_by_professional"
down_revision: str | None = "0001_first_log"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA_VERSION = "2"
META = sa.table("upperback_meta", sa.column("key", sa.String), sa.column("value", sa.String))


def _set_version(value: str) -> None:
    op.execute(META.update().where(META.c.key == "schema_version").values(value=value))


def upgrade() -> None:
    """Add when the client confirmed a professional has seen them since a "yes"."""
    with op.batch_alter_table("red_flag_checks") as table:
        table.add_column(sa.Column("cleared_at", sa.DateTime(timezone=True)))
    _set_version(SCHEMA_VERSION)


def downgrade() -> None:
    """Back to version 1: the clearances are lost, every check is kept."""
    with op.batch_alter_table("red_flag_checks") as table:
        table.drop_column("cleared_at")
    _set_version("1")
