"""How a session becomes rows of the log, and rows a session again: the one place the
log's columns meet the workbook's session records."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from upperback.sessions import SessionRecord, SetLog
from upperback.store.schema import as_utc

__all__ = [
    "SESSION_FIELDS",
    "SET_FIELDS",
    "record_of",
    "session_row",
    "set_rows",
]

SESSION_FIELDS = ("routine", "started_at", "ended_at", "pain_before", "pain_after", "effort")
SET_FIELDS = [f.name for f in fields(SetLog)]


def session_row(session: SessionRecord, client_id: int) -> dict:
    """The values of a session's row in the sessions table."""
    values = {name: getattr(session, name) for name in SESSION_FIELDS}
    for name in ("started_at", "ended_at"):  # SQLite keeps no zone: store UTC
        values[name] = as_utc(values[name])
    prescription = None if session.prescription is None else json.dumps(session.prescription)
    kept = {"client_id": client_id, "notes": session.notes, "uid": session.uid}
    return values | kept | {"prescription": prescription}


def set_rows(session: SessionRecord, session_id: int) -> list[dict]:
    return [
        {"session_id": session_id, "position": position, **asdict(logged)}
        for position, logged in enumerate(session.sets)
    ]


def record_of(row, sets: list[SetLog]) -> SessionRecord:
    return SessionRecord(
        client=row["client"],
        routine=row["routine"],
        started_at=as_utc(row["started_at"]),
        ended_at=as_utc(row["ended_at"]),
        pain_before=row["pain_before"],
        pain_after=row["pain_after"],
        effort=row["effort"],
        notes=row["notes"],
        sets=tuple(sets),
        prescription=json.loads(row["prescription"]) if row["prescription"] else None,
        uid=row["uid"],
        id=row["id"],
    )
