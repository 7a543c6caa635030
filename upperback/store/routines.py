"""Routines the log keeps for a client: each version a coach (or the client) accepted.

On a laptop a client's routine files sit in the workbook folder beside the log; on a
shared hub the coach's folder is not the client's, and the log, which both reach, carries
each new version to the client's page.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import sqlalchemy as sa

from upperback.routines import Routine, routine_to_dict
from upperback.store.client_names import client_id, client_is
from upperback.store.schema import as_utc, clients, routine_versions

if TYPE_CHECKING:  # only its fields are read here
    from upperback.routine_history import Version

__all__ = ["insert_sent", "sent_query"]


def insert_sent(conn, routine: Routine, version: Version, sent_by: str) -> None:
    """Keep ``version`` of the client's ``routine``, sent by ``sent_by`` ("coach" or
    "client"; a clinic's server sets it from the role instead); a version already kept is
    left as it is."""
    owner = client_id(conn, routine.client)
    kept = sa.select(routine_versions.c.id).where(
        routine_versions.c.client_id == owner,
        routine_versions.c.routine == routine.name,
        routine_versions.c.number == version.number,
    )
    if conn.execute(kept).first() is not None:
        return
    conn.execute(
        routine_versions.insert().values(
            client_id=owner,
            routine=routine.name,
            number=version.number,
            saved_at=as_utc(version.saved_at),
            change=version.change,
            reason=version.reason,
            sessions=json.dumps([day.isoformat() for day in version.sessions]),
            body=json.dumps(routine_to_dict(routine), ensure_ascii=False),
            sent_by=sent_by,
        )
    )


def sent_query(client: str):
    """The client's kept versions, oldest first."""
    return (
        sa.select(routine_versions)
        .join(clients)
        .where(client_is(client))
        .order_by(routine_versions.c.saved_at, routine_versions.c.number)
    )
