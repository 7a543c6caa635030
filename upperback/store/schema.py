"""The log's tables and its schema version (opening a database is
:mod:`upperback.store.opening`).

SQLite by default, PostgreSQL for a clinic or a class: both through SQLAlchemy Core, so values
reach the database only as bound parameters.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

import sqlalchemy as sa

from upperback.rules.function import ACTIVITIES, ACTIVITY_LONGEST, FUNCTION_RANGE
from upperback.rules.limits import (
    CLIENT_KEY_LENGTH,
    HOLD_LIMITS,
    LOG_TEXT_LIMITS,
    PRESCRIPTION_MAX_CHARS,
    SETS_PER_SESSION,
    TEXT_LIMITS,
    WHOLE_LIMITS,
)
from upperback.store.columns import SENDERS, belongs_to, id_column, longest, on_server, within
from upperback.workbook import workbook_folder

__all__ = [
    "SCHEMA_VERSION",
    "StoreError",
    "database_url",
    "insert_unless_present",
    "metadata",
    "shown_url",
]

# The version the newest migration leaves in upperback_meta (a test keeps the two agreed).
SCHEMA_VERSION = 7  # 7: each client's ratings of their activities (6: one client per name key)
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
    id_column(),
    sa.Column("name", sa.String(TEXT_LIMITS["client"]), nullable=False, unique=True),
    # The name's matching key (upperback.person_names): one client per key. Empty only for
    # a second spelling of someone, kept from a log made before keys, until it is merged.
    sa.Column("name_key", sa.String(CLIENT_KEY_LENGTH)),
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
sa.Index("one_client_per_key", clients.c.name_key, unique=True)


# The Patient-Specific Functional Scale: one row per activity a client rated; the rows of
# one check share its time, in the order the client named the activities.
function_scores = sa.Table(
    "function_scores",
    metadata,
    id_column(),
    belongs_to("client_id", "clients.id"),
    sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("position", sa.SmallInteger, nullable=False),
    sa.Column("activity", sa.String(ACTIVITY_LONGEST), nullable=False),
    sa.Column("rating", sa.SmallInteger, nullable=False),
    within("function_scores", "position", 0, ACTIVITIES[1] - 1),
    within("function_scores", "rating", *FUNCTION_RANGE),
    on_server(
        sa.CheckConstraint("length(trim(activity)) > 0", name="function_scores_activity_named")
    ),
)
sa.Index("sessions_by_client", sessions.c.client_id, sessions.c.started_at)
sa.Index("sets_by_session", set_logs.c.session_id, set_logs.c.position, unique=True)
sa.Index(
    "function_scores_by_client",
    function_scores.c.client_id,
    function_scores.c.checked_at,
    function_scores.c.position,
    unique=True,
)


def shown_url(url: str) -> str:
    """The database URL as it may be shown to a person: the password hidden."""
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def reason(error: Exception) -> str:
    """The database's own first line about what went wrong."""
    original = getattr(error, "orig", None)
    return str(original or error).strip().splitlines()[0]


def insert_unless_present(conn: sa.Connection, table: sa.Table, *keys: str) -> sa.Insert:
    """An INSERT into ``table`` that skips a row whose ``keys`` another process just added.

    On databases other than SQLite and PostgreSQL it is a plain INSERT.
    """
    from sqlalchemy.dialects import postgresql, sqlite

    module = {"sqlite": sqlite, "postgresql": postgresql}.get(conn.dialect.name)
    if module is None:
        return table.insert()
    return module.insert(table).on_conflict_do_nothing(index_elements=list(keys))
