"""Alembic's entry point: migrate the connection upperback hands over.

upperback passes an open connection, in the transaction that holds the set-up lock, through
``config.attributes``. A developer's ``alembic -x url=... revision --autogenerate`` passes a
URL instead (see docs/log-schema.md).
"""

import sqlalchemy as sa
from alembic import context

from upperback.store.schema import metadata


def _migrate(connection: sa.Connection) -> None:
    # Batch mode: SQLite changes most columns only by copying the table.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():  # joins the caller's transaction when there is one
        context.run_migrations()


def run() -> None:
    """Migrate upperback's connection, or the database a developer names with ``-x url=``."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit(
            "Name a scratch database: alembic -x url=sqlite:///scratch.db <command> "
            "(docs/log-schema.md)"
        )
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            _migrate(connection)
    finally:
        engine.dispose()


run()
