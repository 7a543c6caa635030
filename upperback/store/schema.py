"""The log's tables, its schema version, and opening a database safely.

SQLite by default, PostgreSQL for a clinic or a class: both through SQLAlchemy Core, so values
reach the database only as bound parameters.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa

from upperback.rules.limits import (
    HOLD_LIMITS,
    LOG_TEXT_LIMITS,
    PRESCRIPTION_MAX_CHARS,
    SETS_PER_SESSION,
    TEXT_LIMITS,
    WHOLE_LIMITS,
)
from upperback.store.columns import SENDERS, belongs_to, id_column, longest, on_server, within
from upperback.store.migrations import VERSION_TABLE, head, known_revisions, upgrade
from upperback.store.sqlite import (
    create_private_file,
    lock_for_writes_only,
    sqlite_file,
    use_write_ahead_log,
)
from upperback.workbook import workbook_folder

__all__ = [
    "SCHEMA_VERSION",
    "StoreError",
    "database_url",
    "for_writing",
    "insert_unless_present",
    "metadata",
    "open_engine",
    "shown_url",
]

# The version the newest migration leaves in upperback_meta (a test keeps the two agreed).
SCHEMA_VERSION = 5  # 5: a clearance keeps who gave it and the day the client was seen
URL_VARIABLE = "UPPERBACK_DATABASE_URL"
DB_FILE = "sessions.db"
WRITES = "upperback_writes"  # execution option: this transaction writes
# A Store's connections to a server: its pool keeps POOL_SIZE open and opens up to
# POOL_OVERFLOW more while all are busy. A clinic's limit per person is sized from them.
POOL_SIZE = 2
POOL_OVERFLOW = 1
SET_UP_LOCK = 0x75_7062_6B73_6574  # PostgreSQL advisory lock: one schema set-up at a time


class StoreError(RuntimeError):
    """The log cannot be opened or written; the message says why and what to do."""


def database_url() -> str:
    """``$UPPERBACK_DATABASE_URL``, else the SQLite file in the workbook folder."""
    return os.environ.get(URL_VARIABLE) or f"sqlite:///{workbook_folder() / DB_FILE}"


def as_utc(value: datetime | None) -> datetime | None:
    """Times come back from SQLite without a zone; they were stored in UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = sa.MetaData()

meta_table = sa.Table(
    "upperback_meta",
    metadata,
    sa.Column("key", sa.String(50), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)
clients = sa.Table(
    "clients",
    metadata,
    id_column(),
    sa.Column("name", sa.String(TEXT_LIMITS["client"]), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
red_flag_checks = sa.Table(
    "red_flag_checks",
    metadata,
    id_column(),
    belongs_to("client_id", "clients.id"),
    sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("answers", sa.Text, nullable=False),  # JSON: each warning sign, yes or no
    sa.Column("any_yes", sa.Boolean, nullable=False),
    # The all-clear after a "yes": when it was recorded, who gave it (the client or their
    # coach) and the day a professional saw the client.
    sa.Column("cleared_at", sa.DateTime(timezone=True)),
    sa.Column("cleared_by", sa.String(10)),
    sa.Column("seen_on", sa.Date),
    sa.CheckConstraint("cleared_by IN ('client', 'coach')", name="cleared_by_who"),
    longest("red_flag_checks", "answers", LOG_TEXT_LIMITS["answers"]),
)
sessions = sa.Table(
    "sessions",
    metadata,
    id_column(),
    sa.Column("uid", sa.String(TEXT_LIMITS["uid"]), nullable=False, unique=True),
    belongs_to("client_id", "clients.id"),
    sa.Column("routine", sa.String(TEXT_LIMITS["routine"]), nullable=False),
    sa.Column("prescription", sa.Text),  # JSON snapshot of the routine as prescribed
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("ended_at", sa.DateTime(timezone=True)),
    sa.Column("pain_before", sa.SmallInteger),
    sa.Column("pain_after", sa.SmallInteger),
    sa.Column("effort", sa.Float),
    sa.Column("notes", sa.Text, nullable=False),
    sa.CheckConstraint("pain_before BETWEEN 0 AND 10", name="pain_before_nprs"),
    sa.CheckConstraint("pain_after BETWEEN 0 AND 10", name="pain_after_nprs"),
    sa.CheckConstraint("effort BETWEEN 0 AND 10", name="effort_cr10"),
    longest("sessions", "notes", TEXT_LIMITS["notes"]),
    longest("sessions", "prescription", PRESCRIPTION_MAX_CHARS),
)
set_logs = sa.Table(
    "set_logs",
    metadata,
    id_column(),
    belongs_to("session_id", "sessions.id"),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("exercise", sa.String(TEXT_LIMITS["exercise"]), nullable=False),
    sa.Column("set_number", sa.Integer, nullable=False),
    sa.Column("side", sa.String(TEXT_LIMITS["side"])),
    sa.Column("reps_planned", sa.Integer),
    sa.Column("reps_done", sa.Integer),
    sa.Column("hold_planned", sa.Float),
    sa.Column("hold_done", sa.Float),
    sa.Column("completed", sa.Boolean, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    longest("set_logs", "note", TEXT_LIMITS["note"]),
    # Each set has its own place in its session, so the places bound the sets per session.
    within("set_logs", "position", 0, SETS_PER_SESSION - 1),
    *(
        within("set_logs", name, *WHOLE_LIMITS[name])
        for name in ("set_number", "reps_planned", "reps_done")
    ),
    *(within("set_logs", name, *HOLD_LIMITS) for name in ("hold_planned", "hold_done")),
)
# Each version of a client's routine that a coach (or the client) accepted: the log carries
# it to the client's page, which on a shared hub is a server of its own.
routine_versions = sa.Table(
    "routine_versions",
    metadata,
    id_column(),
    belongs_to("client_id", "clients.id"),
    sa.Column("routine", sa.String(TEXT_LIMITS["routine"]), nullable=False),  # its name
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("change", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("sessions", sa.Text, nullable=False),  # JSON: the days the change rests on
    sa.Column("body", sa.Text, nullable=False),  # JSON: the routine, as its file holds it
    # "coach" or "client": on a clinic's server the database sets it from the role that
    # connected (upperback.store.access), whatever the insert says.
    sa.Column("sent_by", sa.String(10)),
    sa.UniqueConstraint("client_id", "routine", "number", name="one_row_per_version"),
    on_server(
        sa.CheckConstraint(
            "sent_by IN (" + ", ".join(f"'{s}'" for s in SENDERS) + ")", name="sent_by_is_known"
        )
    ),
    *(
        longest("routine_versions", name, LOG_TEXT_LIMITS[name])
        for name in ("change", "reason", "sessions")
    ),
    longest("routine_versions", "body", PRESCRIPTION_MAX_CHARS),
)
sa.Index("sessions_by_client", sessions.c.client_id, sessions.c.started_at)
sa.Index("sets_by_session", set_logs.c.session_id, set_logs.c.position, unique=True)


def shown_url(url: str) -> str:
    """The database URL as it may be shown to a person: the password hidden."""
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def reason(error: Exception) -> str:
    """The database's own first line about what went wrong."""
    original = getattr(error, "orig", None)
    return str(original or error).strip().splitlines()[0]


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


def insert_unless_present(conn: sa.Connection, table: sa.Table, *keys: str) -> sa.Insert:
    """An INSERT into ``table`` that skips a row whose ``keys`` another process just added.

    On databases other than SQLite and PostgreSQL it is a plain INSERT.
    """
    from sqlalchemy.dialects import postgresql, sqlite

    module = {"sqlite": sqlite, "postgresql": postgresql}.get(conn.dialect.name)
    if module is None:
        return table.insert()
    return module.insert(table).on_conflict_do_nothing(index_elements=list(keys))


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


def name_key(name: str) -> str:
    """What two names must share to be one client: the one place names are matched, so
    every read, write and client's handle matches them alike."""
    return name.strip()


def client_is(name: str):
    """The condition "this row is the client called ``name``"."""
    return clients.c.name == name_key(name)


def client_id(conn, name: str) -> int:
    """The client's id, adding the client when new, even as another process adds them."""
    query = sa.select(clients.c.id).where(client_is(name))
    found = conn.execute(query).scalar()
    if found is None:
        insert = insert_unless_present(conn, clients, "name")
        conn.execute(insert.values(name=name.strip(), created_at=datetime.now(UTC)))
        found = conn.execute(query).scalar_one()
    return found
