"""Correcting and deleting a person's own rows: the one place the Store changes rows.

On a clinic's PostgreSQL server a person's role may only read and add rows: a role that
may UPDATE or DELETE may also lock a whole table against everyone. Their changes go
through functions the admin's set-up made (:mod:`upperback.store.access`), which run as
the tables' owner and change a row only when it is the person's to change. Everywhere
else (a laptop's SQLite file, a server log owned by the role that connects) plain
statements do the same.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from upperback.store.schema import red_flag_checks, sessions, set_logs

__all__ = ["clear_check", "correct_session", "remove_session", "through_functions"]


def through_functions(conn) -> bool:
    """Whether this connection changes rows through the clinic's functions: on PostgreSQL,
    when its role may not update the log's tables itself."""
    if conn.dialect.name != "postgresql":
        return False
    query = "SELECT has_table_privilege('sessions', 'UPDATE')"
    return not conn.exec_driver_sql(query).scalar()


def _call(conn, function: str, **arguments) -> bool:
    names = ", ".join(f"p_{name} => :{name}" for name in arguments)
    return bool(conn.execute(sa.text(f"SELECT {function}({names})"), arguments).scalar())


def correct_session(conn, session_id: int, values: dict, *, same_client: bool) -> bool:
    """Replace session ``session_id`` with ``values`` and remove its sets (the caller adds
    the new ones); False when it is not there. With ``same_client`` it must already be the
    session of ``values["client_id"]``."""
    if through_functions(conn):
        new = {f"new_{name}": value for name, value in values.items()}
        return _call(
            conn, "upperback_correct_session", id=session_id, same_client=same_client, **new
        )
    target = sessions.c.id == session_id
    if same_client:
        target &= sessions.c.client_id == values["client_id"]
    if conn.execute(sessions.update().where(target).values(**values)).rowcount != 1:
        return False
    conn.execute(set_logs.delete().where(set_logs.c.session_id == session_id))
    return True


def remove_session(conn, session_id: int, *, client_id: int | None = None) -> bool:
    """Delete a session and its sets; False when it is not there (or, with ``client_id``,
    is not that client's)."""
    if through_functions(conn):
        return _call(conn, "upperback_delete_session", id=session_id, client_id=client_id)
    owned = sessions.c.id == session_id
    if client_id is not None:
        owned &= sessions.c.client_id == client_id
    if conn.execute(sa.select(sessions.c.id).where(owned)).first() is None:
        return False
    conn.execute(set_logs.delete().where(set_logs.c.session_id == session_id))
    return conn.execute(sessions.delete().where(owned)).rowcount == 1


def clear_check(conn, check_id: int, *, by: str, seen_on: date) -> bool:
    """Record the all-clear on a warning-signs check that had a yes: now, by ``by`` (the
    client or their coach), seen by a professional on ``seen_on``; False when there was
    nothing to clear. On a clinic's server the database decides who ``by`` is, from the
    role that connected, and refuses a client's own all-clear of an urgent sign the day
    it was ticked (:data:`upperback.store.owner_sql.CHANGE_FUNCTIONS`)."""
    if through_functions(conn):
        return _call(conn, "upperback_clear_check", id=check_id, by=by, seen_on=seen_on)
    target = (red_flag_checks.c.id == check_id) & red_flag_checks.c.any_yes
    cleared = red_flag_checks.update().where(target)
    cleared = cleared.values(cleared_at=datetime.now(UTC), cleared_by=by, seen_on=seen_on)
    return conn.execute(cleared).rowcount == 1
