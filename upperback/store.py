"""The session log on disk: SQLite by default, PostgreSQL for a clinic or a class.

Access goes through SQLAlchemy Core, so the same code serves both; values reach the database
only as bound parameters. A session and its sets are written in one transaction, so a crash
or a kill leaves either the whole session or none of it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from dataclasses import asdict, fields, replace
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from upperback.safety import RED_FLAGS
from upperback.sessions import SessionError, SessionRecord, SetLog, validate_session
from upperback.workbook import workbook_folder

__all__ = ["CSV_COLUMNS", "SCHEMA_VERSION", "Store", "StoreError", "database_url"]

SCHEMA_VERSION = 1
URL_VARIABLE = "UPPERBACK_DATABASE_URL"
DB_FILE = "sessions.db"

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

SESSION_FIELDS = ("routine", "started_at", "ended_at", "pain_before", "pain_after", "effort")
SET_FIELDS = [f.name for f in fields(SetLog)]

# One row per set, the interchange format of workout apps; a session without sets is one
# row with the set columns empty.
CSV_COLUMNS = [
    "session",
    "client",
    "routine",
    "started_at",
    "ended_at",
    "pain_before",
    "pain_after",
    "effort",
    "session_notes",
    "prescription",
    *SET_FIELDS,
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class StoreError(RuntimeError):
    """The log cannot be opened or written; the message says why and what to do."""


def database_url() -> str:
    """``$UPPERBACK_DATABASE_URL``, else the SQLite file in the workbook folder."""
    return os.environ.get(URL_VARIABLE) or f"sqlite:///{workbook_folder() / DB_FILE}"


def _utc(value: datetime | None) -> datetime | None:
    """Times come back from SQLite without a zone; they were stored in UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Store:
    """The session log.

    Parameters
    ----------
    url : str, default=None
        A SQLAlchemy database URL (``postgresql+psycopg://...`` for a shared server);
        by default ``$UPPERBACK_DATABASE_URL`` or ``sessions.db`` in the workbook folder.

    Raises
    ------
    StoreError
        When the database cannot be reached or created, or was made by a newer or unknown
        program (it is then left untouched).

    Examples
    --------
    >>> import tempfile
    >>> from upperback.sessions import SessionRecord, now_utc
    >>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/log.db")
    >>> saved = store.save_session(SessionRecord("Sam", "Daily bridge", now_utc(), pain_before=4))
    >>> [s.pain_before for s in store.sessions("Sam")]
    [4]
    """

    def __init__(self, url: str | None = None):
        self.url = url or database_url()
        parsed = sa.engine.make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        database = parsed.database or ""
        # A plain file path is made owner-only up front; "file:" URIs and memory are left be.
        if (
            self.is_sqlite
            and database
            and database != ":memory:"
            and not database.startswith("file:")
        ):
            _create_private_file(Path(database))
        try:
            self.engine = sa.create_engine(
                self.url, **({"connect_args": {"timeout": 30}} if self.is_sqlite else {})
            )
        except (SQLAlchemyError, ImportError) as error:
            raise StoreError(f"Cannot use the database {self._shown()}: {error}") from None
        if self.is_sqlite:
            _serialise_sqlite_writes(self.engine)
        self._open_schema()

    def _shown(self) -> str:
        return sa.engine.make_url(self.url).render_as_string(hide_password=True)

    def _open_schema(self) -> None:
        try:
            with self.engine.begin() as conn:
                tables = set(sa.inspect(conn).get_table_names())
                if not tables:
                    metadata.create_all(conn)
                    conn.execute(
                        meta_table.insert().values(key="schema_version", value=str(SCHEMA_VERSION))
                    )
                    return
                if meta_table.name not in tables:
                    raise StoreError(
                        f"{self._shown()} holds tables that are not an upperback session log; "
                        "nothing was changed. Choose another file or database."
                    )
                version = conn.execute(
                    sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")
                ).scalar()
        except StoreError:
            raise
        except SQLAlchemyError as error:
            raise StoreError(
                f"Cannot open the session log {self._shown()}: {_reason(error)}"
            ) from None
        if version is None or not version.isdigit():
            raise StoreError(
                f"{self._shown()} has no readable schema version; nothing was changed."
            )
        if int(version) > SCHEMA_VERSION:
            raise StoreError(
                f"{self._shown()} was written by a newer upperback (log version {version}; this "
                f"one knows version {SCHEMA_VERSION}). Nothing was changed: update upperback "
                "to open it."
            )

    def close(self) -> None:
        self.engine.dispose()

    # -- writing -------------------------------------------------------------------------

    def _write(self, work):
        """Run ``work(conn)`` in one transaction; turn database errors into clear words."""
        try:
            with self.engine.begin() as conn:
                return work(conn)
        except SQLAlchemyError as error:
            raise StoreError(
                f"The session log {self._shown()} could not be written ({_reason(error)}). "
                "Nothing was saved; your entry is still here to save again."
            ) from None

    @staticmethod
    def _client_id(conn, name: str) -> int:
        found = conn.execute(sa.select(clients.c.id).where(clients.c.name == name)).scalar()
        if found is not None:
            return found
        return conn.execute(
            clients.insert().values(name=name, created_at=datetime.now(UTC))
        ).inserted_primary_key[0]

    def save_session(self, session: SessionRecord) -> SessionRecord:
        """Store a session and its sets together, or nothing; a session with an id replaces
        the stored one (a correction). Returns the session with its id."""
        validate_session(session)
        return self._write(lambda conn: self._save(conn, session))

    def _save(self, conn, session: SessionRecord) -> SessionRecord:
        values = _session_row(session, self._client_id(conn, session.client.strip()))
        if session.id is None:
            session_id = conn.execute(sessions.insert().values(**values)).inserted_primary_key[0]
        else:
            session_id = session.id
            updated = conn.execute(
                sessions.update().where(sessions.c.id == session_id).values(**values)
            )
            if updated.rowcount != 1:
                raise StoreError(f"Session {session_id} is no longer in the log.")
            conn.execute(set_logs.delete().where(set_logs.c.session_id == session_id))
        if session.sets:
            conn.execute(set_logs.insert(), _set_rows(session, session_id))
        return replace(session, id=session_id)

    def delete_session(self, session_id: int) -> bool:
        """Remove a session and its sets; False when it was not there."""

        def work(conn):
            conn.execute(set_logs.delete().where(set_logs.c.session_id == session_id))
            return conn.execute(sessions.delete().where(sessions.c.id == session_id)).rowcount == 1

        return self._write(work)

    def record_red_flag_check(self, client: str, answers: dict[str, bool]) -> bool:
        """Store a client's answers to the warning signs, dated; True when any is yes."""
        unknown = set(answers) - set(RED_FLAGS)
        if unknown or not all(isinstance(v, bool) for v in answers.values()):
            raise SessionError(["field 'answers': answer yes or no to the listed signs only"])
        any_yes = any(answers.values())

        def work(conn):
            conn.execute(
                red_flag_checks.insert().values(
                    client_id=self._client_id(conn, client.strip()),
                    checked_at=datetime.now(UTC),
                    answers=json.dumps(answers),
                    any_yes=any_yes,
                )
            )

        self._write(work)
        return any_yes

    # -- reading -------------------------------------------------------------------------

    def _read(self, query):
        try:
            with self.engine.connect() as conn:
                return conn.execute(query).mappings().all()
        except SQLAlchemyError as error:
            raise StoreError(
                f"Cannot read the session log {self._shown()}: {_reason(error)}"
            ) from None

    def clients(self) -> list[str]:
        return [
            row["name"] for row in self._read(sa.select(clients.c.name).order_by(clients.c.name))
        ]

    def last_red_flag_check(self, client: str) -> dict | None:
        """The client's latest check: when, the answers, and whether any was yes."""
        rows = self._read(
            sa.select(red_flag_checks)
            .join(clients)
            .where(clients.c.name == client)
            .order_by(red_flag_checks.c.checked_at.desc(), red_flag_checks.c.id.desc())
            .limit(1)
        )
        if not rows:
            return None
        row = rows[0]
        return {
            "checked_at": _utc(row["checked_at"]),
            "answers": json.loads(row["answers"]),
            "any_yes": row["any_yes"],
        }

    def sessions(self, client: str | None = None) -> list[SessionRecord]:
        """Sessions, oldest first, with their sets; one client's, or everyone's."""
        query = sa.select(sessions, clients.c.name.label("client")).join(clients)
        if client is not None:
            query = query.where(clients.c.name == client)
        rows = self._read(query.order_by(sessions.c.started_at, sessions.c.id))
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        by_session: dict[int, list[SetLog]] = {i: [] for i in ids}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            for s in self._read(
                sa.select(set_logs)
                .where(set_logs.c.session_id.in_(part))
                .order_by(set_logs.c.session_id, set_logs.c.position)
            ):
                by_session[s["session_id"]].append(SetLog(**{k: s[k] for k in SET_FIELDS}))
        return [_record(row, by_session[row["id"]]) for row in rows]

    def sessions_frame(self, client: str | None = None):
        """One row per session as a pandas DataFrame, read in one query (for summaries).

        Columns: session (id), client, routine, started_at (UTC), pain_before, pain_after,
        effort, and the prescribed frequency: times_per_day, days_per_week (missing when the
        session carries no prescription).
        """
        import pandas as pd

        query = sa.select(
            sessions.c.id.label("session"),
            clients.c.name.label("client"),
            sessions.c.routine,
            self._raw_time(sessions.c.started_at),
            sessions.c.pain_before,
            sessions.c.pain_after,
            sessions.c.effort,
            sessions.c.prescription,
        ).join(clients)
        if client is not None:
            query = query.where(clients.c.name == client)
        frame = self._frame(query.order_by(sessions.c.started_at, sessions.c.id))
        frame["started_at"] = pd.to_datetime(frame["started_at"], utc=True, format="ISO8601")
        for name in ("pain_before", "pain_after"):
            frame[name] = frame[name].astype("Int64")
        frame["effort"] = frame["effort"].astype("Float64")
        # Sessions of one routine share one snapshot: read each distinct one once.
        snapshots = frame.pop("prescription")
        frequency = {text: _frequency(text) for text in snapshots.dropna().unique()}
        prescribed = snapshots.map(lambda text: frequency.get(text, (None, None)))
        frame["times_per_day"] = pd.array([f[0] for f in prescribed], dtype="Int64")
        frame["days_per_week"] = pd.array([f[1] for f in prescribed], dtype="Int64")
        return frame

    def sets_frame(self, client: str | None = None):
        """One row per set, with its session id, client and time (for summaries)."""
        import pandas as pd

        query = (
            sa.select(
                set_logs.c.session_id.label("session"),
                clients.c.name.label("client"),
                self._raw_time(sessions.c.started_at),
                *[set_logs.c[name] for name in SET_FIELDS],
            )
            .join(sessions, set_logs.c.session_id == sessions.c.id)
            .join(clients)
        )
        if client is not None:
            query = query.where(clients.c.name == client)
        frame = self._frame(query.order_by(sessions.c.started_at, set_logs.c.position))
        frame["started_at"] = pd.to_datetime(frame["started_at"], utc=True, format="ISO8601")
        for name in ("set_number", "reps_planned", "reps_done"):
            frame[name] = frame[name].astype("Int64")
        for name in ("hold_planned", "hold_done"):
            frame[name] = frame[name].astype("Float64")
        frame["completed"] = frame["completed"].astype(bool)
        return frame

    def _raw_time(self, column):
        """SQLite's stored text (UTC), for pandas to parse in one go rather than row by row."""
        if self.is_sqlite:
            return sa.type_coerce(column, sa.String).label(column.name)
        return column

    def _frame(self, query):
        import pandas as pd

        try:
            with self.engine.connect() as conn:
                result = conn.execute(query)
                keys = list(result.keys())
                rows = result.fetchall()
        except SQLAlchemyError as error:
            raise StoreError(
                f"Cannot read the session log {self._shown()}: {_reason(error)}"
            ) from None
        # Column by column: far quicker for pandas than a list of row objects.
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in keys]
        return pd.DataFrame({key: list(values) for key, values in zip(keys, columns, strict=True)})

    # -- CSV -----------------------------------------------------------------------------

    def export_csv(self, path: str | os.PathLike | None = None, client: str | None = None) -> str:
        """Every set of every session as CSV (one row per set); written to ``path`` if given.

        Text that a spreadsheet would run as a formula is prefixed with ``'``; importing
        the file takes the prefix off again, so the round trip is lossless.
        """
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for session in self.sessions(client):
            head = {
                "session": session.uid,
                "client": session.client,
                "routine": session.routine,
                "started_at": session.started_at.isoformat(),
                "ended_at": session.ended_at.isoformat() if session.ended_at else "",
                "pain_before": session.pain_before,
                "pain_after": session.pain_after,
                "effort": session.effort,
                "session_notes": session.notes,
                "prescription": json.dumps(session.prescription) if session.prescription else "",
            }
            for logged in session.sets or [None]:
                row = dict(head)
                if logged is not None:
                    row.update(asdict(logged))
                writer.writerow({k: _cell(v) for k, v in row.items()})
        text = buffer.getvalue()
        if path is not None:
            _write_atomically(Path(path), text)
        return text

    def import_csv(self, path: str | os.PathLike) -> int:
        """Add the sessions of a CSV export; returns how many. Every row is checked first:
        a bad row is named by line and field and nothing at all is written. Sessions already
        in the log (same session id) are left as they are."""
        path = Path(path)
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                parsed, problems = _parse_csv(handle, path.name)
        except (OSError, UnicodeDecodeError) as error:
            raise StoreError(f"{path} cannot be read: {error}") from None
        if problems:
            raise SessionError(problems)
        return self._write(lambda conn: _insert_new(conn, parsed))


def _insert_new(conn, parsed: list[SessionRecord], batch: int = 20_000) -> int:
    """Insert the sessions whose uid the log lacks, sets in large batches; returns how many."""
    known = set(conn.execute(sa.select(sessions.c.uid)).scalars())
    client_ids = {name: cid for cid, name in conn.execute(sa.select(clients.c.id, clients.c.name))}
    pending: list[dict] = []
    added = 0
    for session in parsed:
        if session.uid in known:
            continue
        name = session.client.strip()
        if name not in client_ids:
            client_ids[name] = Store._client_id(conn, name)
        values = _session_row(session, client_ids[name])
        session_id = conn.execute(sessions.insert().values(**values)).inserted_primary_key[0]
        pending += _set_rows(session, session_id)
        if len(pending) >= batch:
            conn.execute(set_logs.insert(), pending)
            pending = []
        added += 1
    if pending:
        conn.execute(set_logs.insert(), pending)
    return added


def _frequency(prescription: str | None) -> tuple[int | None, int | None]:
    """(times a day, days a week) from a stored routine snapshot."""
    if not prescription:
        return None, None
    try:
        data = json.loads(prescription)
        return data.get("times_per_day"), data.get("days_per_week")
    except (ValueError, AttributeError):
        return None, None


def _session_row(session: SessionRecord, client_id: int) -> dict:
    """The values of a session's row in the sessions table."""
    values = {name: getattr(session, name) for name in SESSION_FIELDS}
    for name in ("started_at", "ended_at"):  # SQLite keeps no zone: store UTC
        values[name] = _utc(values[name])
    prescription = None if session.prescription is None else json.dumps(session.prescription)
    return values | {"client_id": client_id, "notes": session.notes, "uid": session.uid,
                     "prescription": prescription}  # fmt: skip


def _set_rows(session: SessionRecord, session_id: int) -> list[dict]:
    return [
        {"session_id": session_id, "position": position, **asdict(logged)}
        for position, logged in enumerate(session.sets)
    ]


def _record(row, sets: list[SetLog]) -> SessionRecord:
    return SessionRecord(
        client=row["client"],
        routine=row["routine"],
        started_at=_utc(row["started_at"]),
        ended_at=_utc(row["ended_at"]),
        pain_before=row["pain_before"],
        pain_after=row["pain_after"],
        effort=row["effort"],
        notes=row["notes"],
        sets=tuple(sets),
        prescription=json.loads(row["prescription"]) if row["prescription"] else None,
        uid=row["uid"],
        id=row["id"],
    )


def _reason(error: SQLAlchemyError) -> str:
    original = getattr(error, "orig", None)
    return str(original or error).strip().splitlines()[0]


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


def _cell(value):
    """A CSV cell: empty for missing, and text that a spreadsheet would run made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _parse_csv(handle, label: str) -> tuple[list[SessionRecord], list[str]]:
    """Sessions from CSV rows, or the problems of every bad row by line and field."""
    reader = csv.DictReader(handle)
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [f"{label}, line 1: missing column(s) {', '.join(missing)}"]
    problems: list[str] = []
    heads: dict[str, tuple[int, dict]] = {}
    grouped: dict[str, list[SetLog]] = {}
    for row in reader:
        line = reader.line_num
        found = []
        try:
            uid = row["session"].strip()
            if not uid:
                raise ValueError("field 'session': give the session id")
            head = {
                "client": _text(row["client"]),
                "routine": _text(row["routine"]),
                "started_at": _parse_time(row["started_at"], "started_at"),
                "ended_at": _parse_time(row["ended_at"], "ended_at") if row["ended_at"] else None,
                "pain_before": _parse_number(row["pain_before"], "pain_before"),
                "pain_after": _parse_number(row["pain_after"], "pain_after"),
                "effort": _parse_number(row["effort"], "effort", float),
                "notes": _text(row["session_notes"]),
                "prescription": json.loads(row["prescription"]) if row["prescription"] else None,
                "uid": uid,
            }
            if row["exercise"]:
                logged = SetLog(
                    exercise=_text(row["exercise"]),
                    set_number=_parse_number(row["set_number"], "set_number"),
                    side=row["side"] or None,
                    reps_planned=_parse_number(row["reps_planned"], "reps_planned"),
                    reps_done=_parse_number(row["reps_done"], "reps_done"),
                    hold_planned=_parse_number(row["hold_planned"], "hold_planned", float),
                    hold_done=_parse_number(row["hold_done"], "hold_done", float),
                    completed=_parse_bool(row["completed"]),
                    note=_text(row["note"]),
                )
            else:
                logged = None
        except (ValueError, json.JSONDecodeError) as error:
            problems.append(f"{label}, line {line}: {error}")
            continue
        try:
            validate_session(SessionRecord(**head, sets=(logged,) if logged else ()))
        except SessionError as error:
            found = error.problems
        problems += [f"{label}, line {line}: {p}" for p in found]
        if uid in heads and heads[uid][1] != head:
            problems.append(
                f"{label}, line {line}: the rows of session {uid} disagree about the session "
                f"(see line {heads[uid][0]})"
            )
        heads.setdefault(uid, (line, head))
        grouped.setdefault(uid, [])
        if logged is not None:
            grouped[uid].append(logged)
    sessions_found = [
        SessionRecord(**head, sets=tuple(grouped[uid])) for uid, (_, head) in heads.items()
    ]
    return sessions_found, problems


def _parse_time(text: str, name: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"field '{name}': {text!r} is not a date and time (ISO 8601)") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _parse_number(text: str, name: str, kind=int):
    """An empty cell is missing; anything else must read as ``kind`` (int or float)."""
    text = text.strip()
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise ValueError(f"field '{name}': {text!r} is not {what}") from None


def _parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value not in ("true", "false"):
        raise ValueError(f"field 'completed': {text!r}; use true or false")
    return value == "true"
