"""Opening the log safely: an engine whose schema is ready, migrated when empty or behind,
and nothing changed in a database this code does not know.

SQLite by default, PostgreSQL for a clinic or a class; the tables are
:mod:`upperback.store.schema`'s.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa

from upperback.store.migrations import VERSION_TABLE, head, known_revisions, upgrade
from upperback.store.schema import (
    SCHEMA_VERSION,
    StoreError,
    meta_table,
    metadata,
    reason,
    shown_url,
)
from upperback.store.sqlite import (
    create_private_file,
    lock_for_writes_only,
    sqlite_file,
    use_write_ahead_log,
)

__all__ = ["POOL_OVERFLOW", "POOL_SIZE", "for_writing", "open_engine"]

WRITES = "upperback_writes"  # execution option: this transaction writes
# A Store's connections to a server: its pool keeps POOL_SIZE open and opens up to
# POOL_OVERFLOW more while all are busy. A clinic's limit per person is sized from them.
POOL_SIZE = 2
POOL_OVERFLOW = 1
SET_UP_LOCK = 0x75_7062_6B73_6574  # PostgreSQL advisory lock: one schema set-up at a time


def open_engine(url: str) -> sa.engine.Engine:
    """An engine on ``url`` whose schema is ready: migrated to the newest revision when
    empty or behind, checked otherwise.

    The database is first only read: nothing in it or beside it changes until it is known to
    be empty or an upperback log of a version this code knows. Opening a log that is already
    up to date takes no write lock, so it succeeds while another process writes.
    docs/log-schema.md describes the migrations.

    Raises
    ------
    StoreError
        When the database cannot be reached, created or brought up to date, or was made by
        a newer or unknown program (it is then left untouched).
    """
    parsed = sa.engine.make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    path = sqlite_file(parsed)
    if path is not None:
        try:
            create_private_file(path)
        except OSError as error:
            raise StoreError(f"Cannot create the session log at {path}: {error.strerror}") from None
    try:
        pool = {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}
        engine = sa.create_engine(url, **({"connect_args": {"timeout": 30}} if is_sqlite else pool))
    except ImportError as error:
        raise StoreError(
            f"Cannot use the database {shown_url(url)}: its driver is missing ({error}). "
            "For PostgreSQL, install upperback[postgres]."
        ) from None
    except sa.exc.SQLAlchemyError as error:
        raise StoreError(f"Cannot use the database {shown_url(url)}: {error}") from None
    if is_sqlite:
        lock_for_writes_only(engine, WRITES)
    try:
        _make_ready(engine, path, shown_url(url))
    except BaseException:
        engine.dispose()
        raise
    return engine


def for_writing(engine: sa.engine.Engine) -> sa.engine.Engine:
    """``engine`` for transactions that write: on SQLite they take the write lock at once.

    Reads use ``engine`` itself: their transactions begin plainly and never wait for a
    writer.
    """
    return engine.execution_options(**{WRITES: True})


@dataclass(frozen=True)
class _Contents:
    """What a database holds, as far as opening it is concerned."""

    tables: frozenset[str]
    version: str | None
    revisions: tuple[str, ...] = ()  # Alembic's record; none in a log made before migrations

    @property
    def is_current(self) -> bool:
        """Whether the log is at this upperback's newest revision and needs no change."""
        return (
            self.version == str(SCHEMA_VERSION)
            and self.revisions == (head(),)
            and set(metadata.tables) <= self.tables
        )


def _contents(conn: sa.Connection) -> _Contents:
    tables = frozenset(sa.inspect(conn).get_table_names())
    version = None
    if meta_table.name in tables:
        version = conn.execute(
            sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")
        ).scalar()
    revisions = ()
    if VERSION_TABLE in tables:
        query = f"SELECT version_num FROM {VERSION_TABLE}"
        revisions = tuple(sorted(conn.exec_driver_sql(query).scalars()))
    return _Contents(tables, version, revisions)


def _refuse_unless_ours(found: _Contents, shown: str) -> None:
    """Raise unless the database is empty or a log of a version this code knows."""
    if not found.tables:
        return
    if meta_table.name not in found.tables:
        raise StoreError(
            f"{shown} holds tables that are not an upperback session log; "
            "nothing was changed. Choose another file or database."
        )
    version = found.version
    if version is None or not version.isdigit():
        raise StoreError(f"{shown} has no readable schema version; nothing was changed.")
    unknown = set(found.revisions) - known_revisions()
    if int(version) > SCHEMA_VERSION or unknown or len(found.revisions) > 1:
        raise StoreError(
            f"{shown} was written by a newer upperback (log version {version}"
            f"{', revision ' + ', '.join(sorted(unknown)) if unknown else ''}; this one knows "
            f"version {SCHEMA_VERSION}). Nothing was changed: update upperback to open it."
        )


def _make_ready(engine: sa.engine.Engine, path: Path | None, shown: str) -> None:
    """Look read-only; refuse what is not ours; then switch to WAL and migrate when behind."""
    try:
        if path is None:
            with engine.connect() as conn:
                found = _contents(conn)
        else:
            found = _read_file_untouched(path, shown)
        _refuse_unless_ours(found, shown)
        if engine.dialect.name == "sqlite":
            use_write_ahead_log(engine)
        if found.is_current:
            return  # no write lock: the log opens while another process writes
        if not found.tables:
            _migrate(engine, shown)
            return
    except (sa.exc.SQLAlchemyError, sqlite3.Error) as error:  # the latter from the PRAGMAs
        raise StoreError(f"Cannot open the session log {shown}: {reason(error)}") from None
    try:
        _migrate(engine, shown)
    except sa.exc.SQLAlchemyError as error:
        raise StoreError(
            f"{shown} was made by an older upperback (log version {found.version}) and could "
            f"not be brought up to date ({reason(error)}); nothing was changed. Open it once "
            "as its owner (for a clinic's server, the admin runs `upperback clinic init`)."
        ) from None


def _migrate(engine: sa.engine.Engine, shown: str) -> None:
    """Create or upgrade the log to the newest revision, one process at a time.

    One transaction holds the set-up lock (SQLite's write lock, taken at BEGIN IMMEDIATE; a
    PostgreSQL advisory lock) and runs the migrations, so a class opening an empty database
    at once makes it once, and a failed upgrade leaves the log as it was.
    """
    with for_writing(engine).begin() as conn:
        if conn.dialect.name == "postgresql":  # SQLite's write lock serialises already
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": SET_UP_LOCK})
        found = _contents(conn)  # another process may have set it up meanwhile
        _refuse_unless_ours(found, shown)
        if not found.is_current:
            before = found.version if found.tables and not found.revisions else None
            upgrade(conn, made_before_migrations=before)


def _read_file_untouched(path: Path, shown: str) -> _Contents:
    """Read a SQLite file's contents, leaving it and its -wal/-shm/-journal files as they are.

    Read-only mode never writes the file, rolls back a journal or folds a -wal back in. A
    database in WAL mode without a -wal file is the exception: read-only, SQLite would leave
    new empty -wal and -shm files behind, while a plain read removes them again on closing,
    with nothing to fold back in.
    """
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise StoreError(f"Cannot open the session log {shown}: {error.strerror}") from None
    in_wal_mode = header[18:20] == b"\x02\x02"  # the header's file format versions
    mode = "rw" if in_wal_mode and not Path(f"{path}-wal").exists() else "ro"
    uri = f"file:{quote(str(path.resolve()))}?mode={mode}"
    reader = sa.create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, timeout=30),
        poolclass=sa.pool.NullPool,
    )
    try:
        with reader.connect() as conn:
            return _contents(conn)
    finally:
        reader.dispose()
