"""A clearance keeps who gave it and the day the client was seen (schema version 5).

Revision ID: 0005_clearance_details
Revises: 0004_hardened_log
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_clearance_details"
down_revision: str | None = "0004_hardened_log"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA_VERSION = "5"
META = sa.table("upperback_meta", sa.column("key", sa.String), sa.column("value", sa.String))
CHECKS = sa.table(
    "red_flag_checks",
    sa.column("id", sa.Integer),
    sa.column("cleared_at", sa.DateTime(timezone=True)),
    sa.column("cleared_by", sa.String),
    sa.column("seen_on", sa.Date),
)


def _set_version(value: str) -> None:
    op.execute(META.update().where(META.c.key == "schema_version").values(value=value))


def upgrade() -> None:
    """Add who gave each all-clear and the day the client was seen; keep the old ones.

    Before this revision only the client could clear a check, on the day they said so: each
    clearance already kept becomes the client's, seen on the (UTC) day it was recorded. On
    a clinic's server `upperback clinic init`, which runs this revision, then makes the
    all-clear's function anew with who and when.
    """
    with op.batch_alter_table("red_flag_checks") as table:
        table.add_column(sa.Column("cleared_by", sa.String(length=10)))
        table.add_column(sa.Column("seen_on", sa.Date()))
        table.create_check_constraint("cleared_by_who", "cleared_by IN ('client', 'coach')")
    conn = op.get_bind()
    cleared = conn.execute(
        sa.select(CHECKS.c.id, CHECKS.c.cleared_at).where(CHECKS.c.cleared_at.is_not(None))
    ).all()
    for check_id, cleared_at in cleared:
        conn.execute(
            CHECKS.update()
            .where(CHECKS.c.id == check_id)
            .values(cleared_by="client", seen_on=_utc_day(cleared_at))
        )
    _set_version(SCHEMA_VERSION)


def _utc_day(moment):
    """The UTC day of a stored time (SQLite gives it back without its zone, in UTC)."""
    from datetime import UTC

    return (moment.astimezone(UTC) if moment.tzinfo else moment).date()


def downgrade() -> None:
    """Back to version 4: who cleared and the day seen are lost, the clearances kept."""
    with op.batch_alter_table("red_flag_checks") as table:
        table.drop_constraint("cleared_by_who", type_="check")
        table.drop_column("seen_on")
        table.drop_column("cleared_by")
    _set_version(str(int(SCHEMA_VERSION) - 1))
