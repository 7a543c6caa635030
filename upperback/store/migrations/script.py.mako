"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}
revision: str = ${repr(up_revision)}
down_revision: str | None = ${repr(down_revision)}
branch_labels: str | Sequence[str] | None = ${repr(branch_labels)}
depends_on: str | Sequence[str] | None = ${repr(depends_on)}

# The log's schema version after this revision: the number its id starts with. An older
# upperback reads it, and refuses a log newer than it knows.
SCHEMA_VERSION = "${up_revision.split("_")[0].lstrip("0")}"
META = sa.table("upperback_meta", sa.column("key", sa.String), sa.column("value", sa.String))


def _set_version(value: str) -> None:
    op.execute(META.update().where(META.c.key == "schema_version").values(value=value))


def upgrade() -> None:
    """${message}"""
    ${upgrades if upgrades else "pass"}
    _set_version(SCHEMA_VERSION)


def downgrade() -> None:
    """Back to the log as the revision before left it."""
    ${downgrades if downgrades else "pass"}
    _set_version(str(int(SCHEMA_VERSION) - 1))
