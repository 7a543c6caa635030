"""The log keeps each client's ratings of their activities (the next schema version).

Revision ID: 0007_function_scores
Revises: 0006_one_client_per_name
Create Date: 2026-12-04

The Patient-Specific Functional Scale: one row per activity a client rated, the rows of one
check sharing its time. On PostgreSQL, where every person of a clinic can run raw SQL, CHECK
constraints refuse what the form refuses (a rating outside 0 to 10, more than five
activities, an activity without a name); SQLite's one user's form keeps the same limits.
The numbers are written out: they are upperback.rules.function's as this revision sets them.
`upperback clinic init`, run after this revision, gives the table its row policy.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_function_scores"
down_revision: str | None = "0006_one_client_per_name"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The log's schema version after this revision: the number its id starts with (written
# once, in the id, so renumbering the revision changes only its id and down_revision).
SCHEMA_VERSION = str(int(revision.split("_", 1)[0]))
META = sa.table("upperback_meta", sa.column("key", sa.String), sa.column("value", sa.String))
KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
CHECKS = {
    "function_scores_position_range": "position BETWEEN 0 AND 4",  # at most 5 activities
    "function_scores_rating_range": "rating BETWEEN 0 AND 10",
    "function_scores_activity_named": "length(trim(activity)) > 0",
}


def _set_version(value: str) -> None:
    op.execute(META.update().where(META.c.key == "schema_version").values(value=value))


def _on_postgresql() -> bool:
    return op.get_context().dialect.name == "postgresql"


def upgrade() -> None:
    """Add the clients' ratings of their activities."""
    op.create_table(
        "function_scores",
        sa.Column("id", KEY, nullable=False),
        sa.Column("client_id", KEY, nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("activity", sa.String(length=100), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "function_scores_by_client",
        "function_scores",
        ["client_id", "checked_at", "position"],
        unique=True,
    )
    if _on_postgresql():
        for name, condition in CHECKS.items():
            op.create_check_constraint(name, "function_scores", condition)
    _set_version(SCHEMA_VERSION)


def downgrade() -> None:
    """Back to the version before: the ratings of activities are lost."""
    if _on_postgresql():
        op.execute("DROP POLICY IF EXISTS own_rows ON function_scores")
    op.drop_index("function_scores_by_client", "function_scores")
    op.drop_table("function_scores")
    _set_version(str(int(down_revision.split("_", 1)[0])))
