"""The log's column types and the limits its schema holds against raw SQL on a server."""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["KEY", "SENDERS", "belongs_to", "id_column", "longest", "on_server", "within"]

# Ids and the keys that point at them: bigint on a server, where a sequence may be spent
# fast; SQLite's own integer key is already 64 bits (and autoincrements only as INTEGER).
KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
SENDERS = ("coach", "client")  # who sent a kept version of a routine


def id_column() -> sa.Column:
    return sa.Column("id", KEY, primary_key=True)


def belongs_to(column: str, parent: str) -> sa.Column:
    return sa.Column(column, KEY, sa.ForeignKey(parent, ondelete="CASCADE"), nullable=False)


def on_server(check: sa.CheckConstraint) -> sa.CheckConstraint:
    """A limit a server keeps against everyone's raw SQL. A laptop's SQLite file has one
    user, whose form already keeps it; adding it there would mean copying every table."""
    return check.ddl_if(dialect="postgresql")


def longest(table: str, column: str, limit: int) -> sa.CheckConstraint:
    check = sa.CheckConstraint(f"length({column}) <= {limit}", name=f"{table}_{column}_length")
    return on_server(check)


def within(table: str, column: str, low, high) -> sa.CheckConstraint:
    check = sa.CheckConstraint(f"{column} BETWEEN {low} AND {high}", name=f"{table}_{column}_range")
    return on_server(check)
