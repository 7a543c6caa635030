"""The log read as pandas DataFrames, one query each, for summaries and charts.

Kept apart from :mod:`upperback.store.log`, which reads and writes records: these read
whole columns at once (far quicker for pandas than a list of row objects).
"""

from __future__ import annotations

import json
from dataclasses import fields

import sqlalchemy as sa

from upperback.sessions import SetLog
from upperback.store.client_names import client_is
from upperback.store.schema import clients, sessions, set_logs

__all__ = ["frame_of", "sessions_frame", "sets_frame"]

SET_FIELDS = [f.name for f in fields(SetLog)]


def sessions_frame(read, client: str | None = None, *, raw_times: bool = False):
    """One row per session, read by ``read`` (a query to a DataFrame) in one query.

    Columns: session (id), client, routine, started_at (UTC), pain_before, pain_after,
    effort, and the prescribed frequency: times_per_day, days_per_week (missing when the
    session carries no prescription). ``raw_times``: the log keeps times as text (SQLite).
    """
    import pandas as pd

    query = sa.select(
        sessions.c.id.label("session"),
        clients.c.name.label("client"),
        sessions.c.routine,
        _time(sessions.c.started_at, raw_times),
        sessions.c.pain_before,
        sessions.c.pain_after,
        sessions.c.effort,
        sessions.c.prescription,
    ).join(clients)
    if client is not None:
        query = query.where(client_is(client))
    frame = read(query.order_by(sessions.c.started_at, sessions.c.id))
    frame["started_at"] = pd.to_datetime(frame["started_at"], utc=True, format="ISO8601")
    for name in ("pain_before", "pain_after"):
        frame[name] = frame[name].astype("Int64")
    frame["effort"] = frame["effort"].astype("Float64")
    # Sessions of one routine share one snapshot: read each distinct one once.
    snapshots = frame.pop("prescription")
    each = {text: frequency(text) for text in snapshots.dropna().unique()}
    prescribed = snapshots.map(lambda text: each.get(text, (None, None)))
    frame["times_per_day"] = pd.array([f[0] for f in prescribed], dtype="Int64")
    frame["days_per_week"] = pd.array([f[1] for f in prescribed], dtype="Int64")
    return frame


def sets_frame(read, client: str | None = None, *, raw_times: bool = False):
    """One row per set, with its session id, client and time, as :func:`sessions_frame`."""
    import pandas as pd

    query = (
        sa.select(
            set_logs.c.session_id.label("session"),
            clients.c.name.label("client"),
            _time(sessions.c.started_at, raw_times),
            *[set_logs.c[name] for name in SET_FIELDS],
        )
        .join(sessions, set_logs.c.session_id == sessions.c.id)
        .join(clients)
    )
    if client is not None:
        query = query.where(client_is(client))
    frame = read(query.order_by(sessions.c.started_at, set_logs.c.position))
    frame["started_at"] = pd.to_datetime(frame["started_at"], utc=True, format="ISO8601")
    for name in ("set_number", "reps_planned", "reps_done"):
        frame[name] = frame[name].astype("Int64")
    for name in ("hold_planned", "hold_done"):
        frame[name] = frame[name].astype("Float64")
    frame["completed"] = frame["completed"].astype(bool)
    return frame


def frame_of(keys: list[str], rows):
    """A DataFrame of ``rows`` under ``keys``, built column by column."""
    import pandas as pd

    columns = list(zip(*rows, strict=True)) if rows else [() for _ in keys]
    return pd.DataFrame({key: list(values) for key, values in zip(keys, columns, strict=True)})


def frequency(prescription: str | None) -> tuple[int | None, int | None]:
    """(times a day, days a week) from a stored routine snapshot."""
    if not prescription:
        return None, None
    try:
        data = json.loads(prescription)
        return data.get("times_per_day"), data.get("days_per_week")
    except (ValueError, AttributeError):
        return None, None


def _time(column, raw: bool):
    """SQLite's stored text (UTC), for pandas to parse in one go rather than row by row."""
    return sa.type_coerce(column, sa.String).label(column.name) if raw else column
