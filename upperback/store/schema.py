"""The log's tables, its schema version, and opening a database safely.

SQLite by default, PostgreSQL for a clinic or a class: both through SQLAlchemy Core, so values
reach the database only as bound parameters.
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from upperback.workbook import workbook_folder

__all__ = ["SCHEMA_VERSION", "StoreError", "database_url", "metadata", "open_engine", "shown_url"]

SCHEMA_VERSION = 1
URL_VARIABLE = "UPPERBACK_DATABASE_URL"
DB_FILE = "sessions.db"


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
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
red_flag_checks = sa.Table(
    "red_flag_checks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("client_id", sa.ForeignKey("clients.id", ondelete="CASCADE"), nullable=False),
    sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("answers", sa.Text, nullable=False),  # JSON: each warning sign, yes or no
    sa.Column("any_yes", sa.Boolean, nullable=False),
)
sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("uid", sa.String(32), nullable=False, unique=True),
    sa.Column("client_id", sa.ForeignKey("clients.id", ondelete="CASCADE"), nullable=False),
    sa.Column("routine", sa.String(200), nullable=False),
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
)
set_logs = sa.Table(
    "set_logs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("exercise", sa.String(100), nullable=False),
    sa.Column("set_number", sa.Integer, nullable=False),
    sa.Column("side", sa.String(5)),
    sa.Column("reps_planned", sa.Integer),
    sa.Column("reps_done", sa.Integer),
    sa.Column("hold_planned", sa.Float),
    sa.Column("hold_done", sa.Float),
    sa.Column("completed", sa.Boolean, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
)
sa.Index("sessions_by_client", sessions.c.client_id, sessions.c.started_at)
sa.Index("sets_by_session", set_logs.c.session_id, set_logs.c.position)


def shown_url(url: str) -> str:
    """The database URL as it may be shown to a person: the password hidden."""
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def reason(error: Exception) -> str:
    """The database's own first line about what went wrong."""
    original = getattr(error, "orig", None)
    return str(original or error).strip().splitlines()[0]


def open_engine(url: str) -> sa.engine.Engine:
    """An engine on ``url`` whose schema is ready: created when empty, checked otherwise.

    Raises
    ------
    StoreError
        When the database cannot be reached or created, or was made by a newer or unknown
        program (it is then left untouched).
    """
    parsed = sa.engine.make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    database = parsed.database or ""
    # A plain file path is made owner-only up front; "file:" URIs and memory are left be.
    if is_sqlite and database and database != ":memory:" and not database.startswith("file:"):
        _create_private_file(Path(database))
    try:
        engine = sa.create_engine(url, **({"connect_args": {"timeout": 30}} if is_sqlite else {}))
    except ImportError as error:
        raise StoreError(
            f"Cannot use the database {shown_url(url)}: its driver is missing ({error}). "
            "For PostgreSQL, install upperback[postgres]."
        ) from None
    except sa.exc.SQLAlchemyError as error:
        raise StoreError(f"Cannot use the database {shown_url(url)}: {error}") from None
    if is_sqlite:
        _serialise_sqlite_writes(engine)
    try:
        _check_schema(engine, shown_url(url))
    except BaseException:
        engine.dispose()
        raise
    return engine


def _check_schema(engine: sa.engine.Engine, shown: str) -> None:
    try:
        with engine.begin() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            if not tables:
                metadata.create_all(conn)
                conn.execute(
                    meta_table.insert().values(key="schema_version", value=str(SCHEMA_VERSION))
                )
                return
            if meta_table.name not in tables:
                raise StoreError(
                    f"{shown} holds tables that are not an upperback session log; "
                    "nothing was changed. Choose another file or database."
                )
            version = conn.execute(
                sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")
            ).scalar()
    except sa.exc.SQLAlchemyError as error:
        raise StoreError(f"Cannot open the session log {shown}: {reason(error)}") from None
    if version is None or not version.isdigit():
        raise StoreError(f"{shown} has no readable schema version; nothing was changed.")
    if int(version) > SCHEMA_VERSION:
        raise StoreError(
            f"{shown} was written by a newer upperback (log version {version}; this "
            f"one knows version {SCHEMA_VERSION}). Nothing was changed: update upperback "
            "to open it."
        )


def _create_private_file(path: Path) -> None:
    """Make the SQLite file readable by its owner only, before SQLite first opens it."""
    if path.exists():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"Cannot create the session log at {path}: {error.strerror}") from None
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass  # another process made it first
    except OSError as error:
        raise StoreError(f"Cannot create the session log at {path}: {error.strerror}") from None


def _serialise_sqlite_writes(engine) -> None:
    """Take SQLite's write lock at the start of each transaction (BEGIN IMMEDIATE).

    Two notebooks writing at once then queue for the lock (waiting up to 30 s) instead of
    failing halfway with "database is locked". The log runs in WAL mode, so readers never
    wait for a writer.
    """

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        with contextlib.suppress(Exception):  # a read-only file keeps its journal mode
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
