"""Adding a whole file of sessions at once: ids taken in one go, rows written in bulk.

COPY on PostgreSQL, one executemany on SQLite; the caller's transaction makes it all or
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import sqlalchemy as sa

from upperback.store.client_names import client_id, name_key
from upperback.store.schema import as_utc, clients, sessions, set_logs

if TYPE_CHECKING:  # chunks come from the codec; writing them needs nothing else of it
    from upperback.store.csvcodec import Chunk

__all__ = ["insert_new"]


def insert_new(conn, chunks: Iterable[Chunk]) -> int:
    """Insert, in bulk, the sessions whose uid the log lacks, with their sets; how many."""
    known = set(conn.execute(sa.select(sessions.c.uid)).scalars())
    client_ids = dict(conn.execute(sa.select(clients.c.name_key, clients.c.id)).all())
    id_of: dict[str, int] = {}
    for chunk in chunks:
        new = np.fromiter((uid not in known for uid in chunk.sessions.get("uid", [])), bool)
        heads = {name: cells[new] for name, cells in chunk.sessions.items()}
        names = list(heads.pop("client", []))
        keys = [name_key(name) for name in names]
        first_spelling = dict(zip(reversed(keys), reversed(names), strict=True))
        client_ids |= {k: client_id(conn, first_spelling[k]) for k in set(keys) - client_ids.keys()}
        ids = _new_session_ids(conn, len(keys))
        id_of |= dict(zip(heads.get("uid", []), ids, strict=True))
        heads |= {"id": ids, "client_id": [client_ids[key] for key in keys]}
        heads |= {n: [as_utc(t) for t in heads.get(n, [])] for n in ("started_at", "ended_at")}
        _bulk_insert(conn, sessions, heads)
        ours = np.fromiter((uid in id_of for uid in chunk.sets.get("uid", [])), bool)
        sets = {name: cells[ours] for name, cells in chunk.sets.items()}
        sets["session_id"] = [id_of[uid] for uid in sets.pop("uid", [])]
        _bulk_insert(conn, set_logs, sets)
    return len(id_of)


def _new_session_ids(conn, count: int) -> list[int]:
    """Ids for ``count`` new sessions, taken in one go."""
    if conn.dialect.name == "postgresql":
        query = "SELECT nextval(pg_get_serial_sequence('sessions', 'id')) FROM generate_series(1, %s)"  # fmt: skip
        return [row[0] for row in conn.exec_driver_sql(query, (count,))]
    # SQLite: the import holds the write lock (BEGIN IMMEDIATE), so the largest id stays ours.
    largest = conn.execute(sa.select(sa.func.max(sessions.c.id))).scalar() or 0
    return list(range(largest + 1, largest + count + 1))


def _bulk_insert(conn, table: sa.Table, columns: dict) -> None:
    """Rows, given column by column, into a table: COPY on PostgreSQL, else executemany."""
    raw, names = conn.connection.driver_connection, ", ".join(columns)
    try:
        if conn.dialect.name == "postgresql":
            statement = f"COPY {table.name} ({names}) FROM STDIN"
            with raw.cursor().copy(statement) as copy:
                for row in zip(*columns.values(), strict=True):
                    copy.write_row(row)
        else:  # the column types say how SQLite keeps each value, as for any other write
            kept = {name: table.c[name].type.bind_processor(conn.dialect) for name in columns}
            values = [map(kept[n], cells) if kept[n] else cells for n, cells in columns.items()]
            statement = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(kept))})"
            raw.executemany(statement, zip(*values, strict=True))
    except conn.dialect.dbapi.Error as error:
        raise sa.exc.DBAPIError(statement, None, error) from None
