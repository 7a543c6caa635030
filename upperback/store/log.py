"""The session log: save, correct, delete and read sessions, and the warning-signs checks
(the rows each is kept in are in :mod:`upperback.store.rows`).

A session and its sets are written in one transaction, so a crash or a kill leaves either
the whole session or none of it.
"""

from __future__ import annotations

import json
import os
import warnings
from dataclasses import replace
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from upperback.function_checks import FunctionCheck
from upperback.routine_files import routine_from_dict
from upperback.routine_history import Sent, Version
from upperback.routines import Routine
from upperback.sessions import SessionRecord, SetLog, validate_session
from upperback.store.bulk import insert_new
from upperback.store.changes import correct_session, remove_session
from upperback.store.checks import (
    check_from_row,
    clear_latest,
    insert_check,
    latest_checks,
    standing_frame,
)
from upperback.store.client_names import (
    NameCollisionWarning,
    client_id,
    client_is,
    collisions_message,
    merge_clients,
    name_collisions,
    name_key,
)
from upperback.store.csvcodec import read_chunks, write_sessions
from upperback.store.frames import frame_of, sessions_frame, sets_frame
from upperback.store.function_csv import read_function_checks, write_function_checks
from upperback.store.function_scores import checks_of_rows, function_query, insert_function_check
from upperback.store.opening import for_writing, open_engine
from upperback.store.routines import insert_sent, sent_query
from upperback.store.rows import SET_FIELDS, record_of, session_row, set_rows
from upperback.store.schema import (
    SENDERS,
    StoreError,
    as_utc,
    clients,
    database_url,
    reason,
    sessions,
    set_logs,
    shown_url,
)
from upperback.store.scoped import ClientStore
from upperback.workbook import write_private

__all__ = ["Store"]


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
        self.is_sqlite = sa.engine.make_url(self.url).get_backend_name() == "sqlite"
        self.engine = open_engine(self.url)
        self._writer = for_writing(self.engine)
        if found := self.name_collisions():  # only the admin's store sees them all
            warnings.warn(collisions_message(found), NameCollisionWarning, stacklevel=2)

    def _shown(self) -> str:
        return shown_url(self.url)

    def for_client(self, client: str) -> ClientStore:
        """The log as ``client``'s page may use it: their own rows only (a ClientStore)."""
        return ClientStore(self, client)

    def name_collisions(self) -> list[tuple[str, ...]]:
        """Spellings of one person the log keeps as separate clients (kept before names
        were matched by key), as groups of names; join each with :meth:`merge_names`."""
        try:
            with self.engine.connect() as conn:
                return name_collisions(conn)
        except SQLAlchemyError as error:
            raise StoreError(
                f"Cannot read the session log {self._shown()}: {reason(error)}"
            ) from None

    def merge_names(self, old: str, new: str) -> int:
        """Make client ``old`` part of client ``new``, in one transaction: their sessions,
        warning-signs checks and routine versions; ``old`` is then gone. How many rows moved.

        Raises
        ------
        StoreError
            When either is not a client in the log, or both are one client already.
        """
        return self._write(lambda conn: merge_clients(conn, old, new))

    def close(self) -> None:
        """Close the log's connections; the store opens new ones if it is used again."""
        self.engine.dispose()

    # -- writing -------------------------------------------------------------------------

    def _write(self, work):
        """Run ``work(conn)`` in one transaction, which takes SQLite's write lock at its start
        (queueing behind another writer, not failing halfway); database errors in clear words."""
        try:
            with self._writer.begin() as conn:
                return work(conn)
        except SQLAlchemyError as error:
            raise StoreError(
                f"The session log {self._shown()} could not be written ({reason(error)}). "
                "Nothing was saved; your entry is still here to save again."
            ) from None

    def save_session(
        self, session: SessionRecord, *, only_client: str | None = None
    ) -> SessionRecord:
        """Store a session and its sets together, or nothing; a session with an id replaces
        the stored one (a correction). Returns the session with its id.

        With ``only_client``, a session of anyone else, or a correction of a session that
        is not that client's, is refused with a StoreError and nothing is written.
        """
        validate_session(session)
        return self._write(lambda conn: self._save(conn, session, only_client))

    def _save(self, conn, session: SessionRecord, only_client: str | None = None) -> SessionRecord:
        if only_client is not None and name_key(session.client) != name_key(only_client):
            raise StoreError(
                f"This session is logged for '{session.client}', and this page keeps "
                f"{only_client}'s sessions only. Nothing was saved."
            )
        values = session_row(session, client_id(conn, session.client))
        if session.id is None:
            session_id = conn.execute(sessions.insert().values(**values)).inserted_primary_key[0]
        else:
            session_id = session.id
            if not correct_session(conn, session_id, values, same_client=only_client is not None):
                raise StoreError(
                    f"Session {session_id} is no longer in the log."
                    if only_client is None
                    else f"Session {session_id} is not one of {only_client}'s sessions; "
                    "nothing was saved."
                )
        if session.sets:
            conn.execute(set_logs.insert(), set_rows(session, session_id))
        return replace(session, id=session_id)

    def delete_session(self, session_id: int, *, only_client: str | None = None) -> bool:
        """Remove a session and its sets; False when it was not there (or, with
        ``only_client``, is not that client's)."""

        def work(conn):
            owner = None
            if only_client is not None:
                owner = conn.execute(sa.select(clients.c.id).where(client_is(only_client))).scalar()
                if owner is None:
                    return False
            return remove_session(conn, session_id, client_id=owner)

        return self._write(work)

    def record_red_flag_check(self, client: str, answers: dict[str, bool]) -> bool:
        """Store a client's answers to the warning signs, dated; True when any is yes."""
        return self._write(lambda conn: insert_check(conn, client, answers))

    def record_professional_clearance(self, client: str, *, seen_on: date) -> bool:
        """The client's own all-clear, seen by a professional on ``seen_on``; False when the
        latest check had no yes; a ClearanceError says why one may not be kept."""
        return self._write(lambda conn: clear_latest(conn, client, by="client", seen_on=seen_on))

    def record_coach_clearance(self, client: str, *, seen_on: date) -> bool:
        """A coach's all-clear for their client (urgent signs too, the same day), as above."""
        return self._write(lambda conn: clear_latest(conn, client, by="coach", seen_on=seen_on))

    def record_function_scores(self, check: FunctionCheck) -> None:
        """Keep a client's ratings of their activities, all of them or none; a
        FunctionCheckError says what to put right first."""
        self._write(lambda conn: insert_function_check(conn, check))

    def send_routine(self, routine: Routine, version: Version, *, sent_by: str = "coach") -> None:
        """Keep ``version`` of a client's routine (its ``client`` field names them) in the
        log, where their page finds it: on a shared hub, how a coach's change reaches the
        client's own server. A version already kept is left as it is.

        ``sent_by`` says who made the change, ``"coach"`` or ``"client"`` (planning their
        own week); on a clinic's server the database sets it from the role that connected.
        """
        if not routine.client.strip():
            raise StoreError(f"'{routine.name}' names no client; the log keeps clients' routines.")
        if sent_by not in SENDERS:
            raise StoreError(f"{sent_by!r} cannot send a routine; use one of: coach, client")
        self._write(lambda conn: insert_sent(conn, routine, version, sent_by))

    # -- reading -------------------------------------------------------------------------

    def _read(self, query):
        """Rows of ``query``, read in a transaction that never waits for a writer."""
        try:
            with self.engine.connect() as conn:
                return conn.execute(query).mappings().all()
        except SQLAlchemyError as error:
            raise StoreError(
                f"Cannot read the session log {self._shown()}: {reason(error)}"
            ) from None

    def clients(self, *, matching: str | None = None) -> list[str]:
        """Every client's name, or only the one ``matching`` (when logged)."""
        query = sa.select(clients.c.name).order_by(clients.c.name)
        if matching is not None:
            query = query.where(client_is(matching))
        return [row["name"] for row in self._read(query)]

    def last_red_flag_check(self, client: str) -> dict | None:
        """The client's latest check: when, the answers, whether any was yes (and any urgent),
        when a professional cleared it, and when it is due again."""
        rows = self._read(latest_checks(client))
        return check_from_row(rows[0]) if rows else None

    def red_flag_summary(self):
        """Each client's warning-signs standing, as a DataFrame, one row per client.

        Columns: client, checked_at (the latest check, missing when never asked), any_yes,
        urgent, cleared (by a professional since), cleared_at, due_at (when to ask again)
        and due (to be asked now: never asked, or the time has come).
        """
        return standing_frame(self._read(latest_checks()), self.clients())

    def function_scores(self, client: str | None = None) -> list[FunctionCheck]:
        """Each time a client rated their activities, oldest first; one client's, or
        everyone's (by client)."""
        return checks_of_rows(self._read(function_query(client)))

    def sent_routines(self, client: str) -> list[Sent]:
        """Every version of the client's routines the log keeps, oldest first."""
        return [_sent(row) for row in self._read(sent_query(client))]

    def sessions(self, client: str | None = None) -> list[SessionRecord]:
        """Sessions, oldest first, with their sets; one client's, or everyone's."""
        query = sa.select(sessions, clients.c.name.label("client")).join(clients)
        if client is not None:
            query = query.where(client_is(client))
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
        return [record_of(row, by_session[row["id"]]) for row in rows]

    def sessions_frame(self, client: str | None = None):
        """One row per session as a pandas DataFrame (see :func:`.frames.sessions_frame`)."""
        return sessions_frame(self._frame, client, raw_times=self.is_sqlite)

    def sets_frame(self, client: str | None = None):
        """One row per set, with its session id, client and time (for summaries)."""
        return sets_frame(self._frame, client, raw_times=self.is_sqlite)

    def _frame(self, query):
        try:
            with self.engine.connect() as conn:
                result = conn.execute(query)
                keys, rows = list(result.keys()), result.fetchall()
        except SQLAlchemyError as error:
            raise StoreError(
                f"Cannot read the session log {self._shown()}: {reason(error)}"
            ) from None
        return frame_of(keys, rows)

    # -- CSV -----------------------------------------------------------------------------

    def export_csv(self, path: str | os.PathLike | None = None, client: str | None = None) -> str:
        """Every set of every session as CSV (one row per set); written to ``path`` if given,
        private (0600). Formulas are written inert, and an import takes exactly that off."""
        return _written(write_sessions(self.sessions(client)), path)

    def import_csv(self, path: str | os.PathLike) -> int:
        """Add the sessions of a CSV export; returns how many. A bad row is named by line and
        column, and then nothing is written; sessions already in the log are left as they are."""
        try:
            with open(path, "rb") as handle:
                chunks = read_chunks(handle, Path(path).name)
                return self._write(lambda conn: insert_new(conn, chunks))
        except OSError as error:
            raise StoreError(f"{path} cannot be read: {error.strerror}") from None

    def export_function_csv(
        self, path: str | os.PathLike | None = None, client: str | None = None
    ) -> str:
        """Every rating of activities as CSV (one row per activity rated); written to
        ``path`` if given, private (0600)."""
        return _written(write_function_checks(self.function_scores(client)), path)

    def import_function_csv(self, path: str | os.PathLike) -> int:
        """Add the checks of an export of ratings; returns how many. A bad row is named by
        line, and then nothing is written; checks already in the log are left as they are."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise StoreError(f"{path} cannot be read: {error}") from None
        checks = read_function_checks(text, Path(path).name)

        def work(conn) -> int:
            kept = {(name_key(c.client), c.checked_at) for c in self.function_scores()}
            new = [c for c in checks if (name_key(c.client), c.checked_at) not in kept]
            for check in new:
                insert_function_check(conn, check)
            return len(new)

        return self._write(work)


def _sent(row) -> Sent:
    """A kept version of a client's routine: the routine, and what changed and why.

    Made here rather than in :mod:`upperback.store.routines`, which reads no routine files,
    so the layers under the Store stay as few as the import graph allows.
    """
    days = tuple(date.fromisoformat(day) for day in json.loads(row["sessions"]))
    version = Version(row["number"], as_utc(row["saved_at"]), row["change"], row["reason"], days)
    return Sent(routine_from_dict(json.loads(row["body"]), source="the session log"), version)


def _written(text: str, path: str | os.PathLike | None) -> str:
    """``text``, written first to ``path`` (private, 0600) when one is given."""
    if path is not None:
        write_private(path, text)
    return text
