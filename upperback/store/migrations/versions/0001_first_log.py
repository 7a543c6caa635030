"""The first log: clients, sessions, their sets and warning-signs checks (schema version 1).

Revision ID: 0001_first_log
Revises:
Create Date: 2026-11-25

Written out in full rather than from upperback.store.schema, which moves on: this is the log
as version 1 of upperback made it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_first_log"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA_VERSION = "1"
WHEN = sa.DateTime(timezone=True)


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def _belongs_to(column: str, parent: str) -> sa.Column:
    return sa.Column(column, sa.Integer, sa.ForeignKey(parent, ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    """Create the version 1 log and record its version."""
    meta = op.create_table(
        "upperback_meta",
        sa.Column("key", sa.String(50), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )
    op.create_table(
        "clients",
        _id(),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_table(
        "red_flag_checks",
        _id(),
        _belongs_to("client_id", "clients.id"),
        sa.Column("checked_at", WHEN, nullable=False),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("any_yes", sa.Boolean, nullable=False),
    )
    _create_sessions()
    _create_set_logs()
    op.bulk_insert(meta, [{"key": "schema_version", "value": SCHEMA_VERSION}])


def _create_sessions() -> None:
    op.create_table(
        "sessions",
        _id(),
        sa.Column("uid", sa.String(32), nullable=False, unique=True),
        _belongs_to("client_id", "clients.id"),
        sa.Column("routine", sa.String(200), nullable=False),
        sa.Column("prescription", sa.Text),
        sa.Column("started_at", WHEN, nullable=False),
        sa.Column("ended_at", WHEN),
        sa.Column("pain_before", sa.SmallInteger),
        sa.Column("pain_after", sa.SmallInteger),
        sa.Column("effort", sa.Float),
        sa.Column("notes", sa.Text, nullable=False),
        sa.CheckConstraint("pain_before BETWEEN 0 AND 10", name="pain_before_nprs"),
        sa.CheckConstraint("pain_after BETWEEN 0 AND 10", name="pain_after_nprs"),
        sa.CheckConstraint("effort BETWEEN 0 AND 10", name="effort_cr10"),
    )
    op.create_index("sessions_by_client", "sessions", ["client_id", "started_at"])


def _create_set_logs() -> None:
    op.create_table(
        "set_logs",
        _id(),
        _belongs_to("session_id", "sessions.id"),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("exercise", sa.String(100), nullable=False),
        sa.Column("set_number", sa.Integer, nullable=False),
        sa.Column("side", sa.String(5)),
        sa.Column("reps_planned", sa.Integer),
        sa.Column("reps_done", sa.Integer),
        sa.Column("hold_planned", sa.Float),
        sa.Column("hold_done", sa.Float),
        sa.Column("completed", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("sets_by_session", "set_logs", ["session_id", "position"])


def downgrade() -> None:
    """Drop the whole log: every row goes with it."""
    for table in ("set_logs", "sessions", "red_flag_checks", "clients", "upperback_meta"):
        op.drop_table(table)
