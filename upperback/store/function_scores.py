"""The clients' ratings of their activities (the Patient-Specific Functional Scale) in the
log: one row per activity, the rows of one check sharing its time.

A check is written in one transaction, all its activities or none of them.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from upperback.function_checks import FunctionCheck, validate_function_check
from upperback.store.client_names import client_id, client_is
from upperback.store.schema import as_utc, clients, function_scores

__all__ = ["checks_of_rows", "function_query", "function_rows", "insert_function_check"]


def function_rows(check: FunctionCheck, client_key: int) -> list[dict]:
    """The rows of one check: its activities in the client's order, at its time (UTC)."""
    when = as_utc(check.checked_at)
    return [
        {
            "client_id": client_key,
            "checked_at": when,
            "position": position,
            "activity": activity,
            "rating": rating,
        }
        for position, (activity, rating) in enumerate(check.ratings)
    ]


def insert_function_check(conn, check: FunctionCheck) -> None:
    """Keep a validated check (a FunctionCheckError says what to put right)."""
    validate_function_check(check)
    conn.execute(function_scores.insert(), function_rows(check, client_id(conn, check.client)))


def function_query(client: str | None = None) -> sa.Select:
    """Every rating, with its client's name; one client's, or everyone's; oldest first."""
    query = sa.select(function_scores, clients.c.name.label("client")).join(clients)
    if client is not None:
        query = query.where(client_is(client))
    columns = function_scores.c
    return query.order_by(clients.c.name, columns.checked_at, columns.position)


def checks_of_rows(rows: Iterable) -> list[FunctionCheck]:
    """The checks the rows of :func:`function_query` hold, in the same order."""
    grouped: dict[tuple, list] = {}
    for row in rows:
        grouped.setdefault((row["client"], as_utc(row["checked_at"])), []).append(row)
    return [
        FunctionCheck(
            client, when, tuple((r["activity"], r["rating"]) for r in group), id=group[0]["id"]
        )
        for (client, when), group in grouped.items()
    ]
