"""The log keeps the versions of a client's routine (schema version 3).

Revision ID: 0003_routine_versions
Revises: 0002_cleared_by_professional
Create Date: 2026-11-25 17:30:17.117989
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_routine_versions"
down_revision: str | None = "0002_cleared_by_professional"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The log's schema version after this revision: the number its id starts with. An older
# upperback reads it, and refuses a log newer than it knows.
SCHEMA_VERSION = "3"
META = sa.table("upperback_meta", sa.column("key", sa.String), sa.column("value", sa.String))


def _set_version(value: str) -> None:
    op.execute(META.update().where(META.c.key == "schema_version").values(value=value))


def upgrade() -> None:
    """Add the versions of each client's routines that a coach or the client accepted."""
    op.create_table(
        "routine_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("routine", sa.String(length=200), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("change", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("sessions", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_id", "routine", "number", name="one_row_per_version"),
    )
    _set_version(SCHEMA_VERSION)


def downgrade() -> None:
    """Back to version 2: the routines' versions are lost."""
    op.drop_table("routine_versions")
    _set_version(str(int(SCHEMA_VERSION) - 1))
