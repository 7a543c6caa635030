"""Bigint keys, size limits in the schema, and who sent each routine version (version 4).

Revision ID: 0004_hardened_log
Revises: 0003_routine_versions
Create Date: 2026-12-04

On PostgreSQL, where every person of a clinic can run raw SQL, the ids and the keys that
point at them become bigint (their sequences too), and CHECK constraints refuse what the
form refuses: over-long texts, more sets than a session may hold, numbers out of range.
SQLite keeps its tables as they are: its keys are 64 bits already, and its one user's form
keeps the limits (adding a CHECK there means copying each table, and dropping a parent
table would cascade into its children's rows). Both get the unique place of each set and
the column saying who sent a routine version. The numbers are written out: they are the
limits of upperback.rules.limits as this revision sets them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_hardened_log"
down_revision: str | None = "0003_routine_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA_VERSION = "4"
META = sa.table("upperback_meta", sa.column("key", sa.String), sa.column("value", sa.String))
# table: the columns that become bigint (its id first).
KEYS = {
    "clients": ("id",),
    "sessions": ("id", "client_id"),
    "set_logs": ("id", "session_id"),
    "red_flag_checks": ("id", "client_id"),
    "routine_versions": ("id", "client_id"),
}
LONGEST = {
    "red_flag_checks": {"answers": 2000},
    "sessions": {"notes": 5000, "prescription": 50_000},
    "set_logs": {"note": 1000},
    "routine_versions": {"change": 5000, "reason": 5000, "sessions": 20_000, "body": 50_000},
}
WITHIN = {
    "position": (0, 499),  # at most 500 sets in a session
    "set_number": (1, 50),
    "reps_planned": (0, 500),
    "reps_done": (0, 500),
    "hold_planned": (0, 3600),
    "hold_done": (0, 3600),
}


def _set_version(value: str) -> None:
    op.execute(META.update().where(META.c.key == "schema_version").values(value=value))


def _on_postgresql() -> bool:
    return op.get_context().dialect.name == "postgresql"


def _checks():
    """(table, name, condition) of every size limit."""
    for table, columns in LONGEST.items():
        for column, limit in columns.items():
            yield table, f"{table}_{column}_length", f"length({column}) <= {limit}"
    for column, (low, high) in WITHIN.items():
        yield "set_logs", f"set_logs_{column}_range", f"{column} BETWEEN {low} AND {high}"
    yield "routine_versions", "sent_by_is_known", "sent_by IN ('coach', 'client')"


def _drop_policies() -> None:
    """A clinic's row policies name the keys, whose type may not change under them.

    `upperback clinic init`, which runs this revision, makes them anew; until then
    row-level security, still on, lets people reach no rows at all.
    """
    for table in KEYS:
        op.execute(f"DROP POLICY IF EXISTS own_rows ON {table}")


def upgrade() -> None:
    """Widen the keys and add the limits (PostgreSQL); each set's place and the sender."""
    with op.batch_alter_table("routine_versions") as table:
        table.add_column(sa.Column("sent_by", sa.String(10)))
    op.drop_index("sets_by_session", "set_logs")
    op.create_index("sets_by_session", "set_logs", ["session_id", "position"], unique=True)
    if _on_postgresql():
        _drop_policies()
        for table, columns in KEYS.items():
            for column in columns:
                op.alter_column(table, column, type_=sa.BigInteger, existing_nullable=False)
            op.execute(f"ALTER SEQUENCE {table}_id_seq AS bigint")
        for table, name, condition in _checks():
            op.create_check_constraint(name, table, condition)
    _set_version(SCHEMA_VERSION)


def downgrade() -> None:
    """Back to version 3: the limits and the senders go; ids that outgrew int4 cannot."""
    if _on_postgresql():
        for table, name, _condition in _checks():
            op.drop_constraint(name, table, type_="check")
        _drop_policies()
        op.execute("DROP TRIGGER IF EXISTS sent_by_role ON routine_versions")
        for table, columns in KEYS.items():
            op.execute(f"ALTER SEQUENCE {table}_id_seq AS integer")
            for column in columns:
                op.alter_column(table, column, type_=sa.Integer, existing_nullable=False)
    op.drop_index("sets_by_session", "set_logs")
    op.create_index("sets_by_session", "set_logs", ["session_id", "position"])
    with op.batch_alter_table("routine_versions") as table:
        table.drop_column("sent_by")
    _set_version(str(int(down_revision.split("_", 1)[0])))  # the revision this one follows
