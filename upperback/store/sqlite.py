"""The log's SQLite file: made private before SQLite opens it, in WAL mode, and locked only
by the transactions that write, so a reader never waits for a writer."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import sqlalchemy as sa

from upperback.workbook import private_folder

__all__ = ["create_private_file", "lock_for_writes_only", "sqlite_file", "use_write_ahead_log"]


def sqlite_file(parsed: sa.engine.URL) -> Path | None:
    """The file of a SQLite URL given as a plain path; None for memory, "file:" URIs, servers."""
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    return None if database.startswith("file:") else Path(database)


def use_write_ahead_log(engine: sa.engine.Engine) -> None:
    """Put the log in WAL mode, where readers never wait for a writer; the file keeps it."""
    connection = engine.raw_connection()  # outside any transaction, as the PRAGMA needs
    try:
        cursor = connection.cursor()
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] not in ("wal", "memory"):
            with contextlib.suppress(sqlite3.Error):  # a read-only file keeps its journal
                cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()
    finally:
        connection.close()


def create_private_file(path: Path) -> None:
    """Make the SQLite file readable by its owner only, before SQLite first opens it.

    Raises OSError when the folder or the file cannot be made.
    """
    if path.exists():
        return
    private_folder(path.parent)
    with contextlib.suppress(FileExistsError):  # another process made it first
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def lock_for_writes_only(engine: sa.engine.Engine, writes: str) -> None:
    """Writing transactions take SQLite's write lock at their start; reads take none.

    A transaction writes when its execution options set ``writes``. Two notebooks writing at once then queue for the lock (waiting up to 30 s) instead of
    failing halfway with "database is locked". Reads begin a plain (deferred) transaction:
    in WAL mode they read a snapshot and never wait for a writer.
    """

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @sa.event.listens_for(engine, "begin")
    def _begin(conn):
        writing = conn.get_execution_options().get(writes, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
