"""The log's schema changes: one Alembic revision each, run from code, never from an ini file.

Each revision's id starts with the schema version it leaves in ``upperback_meta``
("0002_..." writes "2"), so an upperback from before these migrations still recognises,
and refuses, a log newer than it knows. docs/log-schema.md says how to add one.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlalchemy as sa
    from alembic.config import Config

__all__ = [
    "REVISION_OF_VERSION",
    "VERSION_TABLE",
    "alembic_config",
    "downgrade",
    "head",
    "known_revisions",
    "revisions",
    "schema_version_of",
    "upgrade",
]

LOCATION = "upperback.store:migrations"  # this folder, found as package data
VERSION_TABLE = "alembic_version"
REVISION_FILE = re.compile(r"\d{4}_\w+\.py")  # named as its revision: 0002_what_it_does.py
# A log made before migrations knows only its schema version; each one is a revision's.
REVISION_OF_VERSION = {"1": "0001_first_log", "2": "0002_cleared_by_professional"}


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """Alembic's settings for the log; env.py migrates ``connection`` in its transaction.

    Parameters
    ----------
    connection : sqlalchemy.Connection, default=None
        An open connection, in the transaction the migrations should join.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", LOCATION)
    config.attributes["connection"] = connection
    return config


@functools.cache
def revisions() -> tuple[str, ...]:
    """Every revision this upperback knows, oldest first.

    Read from the file names (each file is named as its revision, and the numbers keep
    the order; a test holds both true), so opening an up-to-date log needs no Alembic.
    """
    folder = importlib.resources.files(__package__) / "versions"
    names = (entry.name for entry in folder.iterdir())
    return tuple(
        sorted(name.removesuffix(".py") for name in names if REVISION_FILE.fullmatch(name))
    )


def head() -> str:
    """The newest revision this upperback knows."""
    return revisions()[-1]


def known_revisions() -> frozenset[str]:
    """Every revision this upperback knows."""
    return frozenset(revisions())


def schema_version_of(revision: str) -> int:
    """The schema version a revision leaves in ``upperback_meta``.

    Examples
    --------
    >>> schema_version_of("0002_cleared_by_professional")
    2
    """
    return int(revision.split("_", 1)[0])


def upgrade(connection: sa.Connection, *, made_before_migrations: str | None = None) -> None:
    """Bring the log on ``connection`` to the newest revision, in its open transaction.

    Parameters
    ----------
    connection : sqlalchemy.Connection
        In a transaction that holds the set-up lock; the caller commits.
    made_before_migrations : str, default=None
        The schema version of a log made before migrations: it is stamped with its
        revision first, then upgraded.
    """
    from alembic import command

    config = alembic_config(connection)
    if made_before_migrations is not None:
        command.stamp(config, REVISION_OF_VERSION[made_before_migrations])
    command.upgrade(config, "head")


def downgrade(connection: sa.Connection, revision: str) -> None:
    """Take the log on ``connection`` back to ``revision``, in its open transaction."""
    from alembic import command

    command.downgrade(alembic_config(connection), revision)
