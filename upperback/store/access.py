"""Who may see which rows of a shared PostgreSQL log: one database role per person.

On a shared server every person's notebook can run raw SQL, so privacy cannot rest on the
app asking politely. Each person logs in to PostgreSQL as a role of their own; the log's
tables belong to a role nobody logs in as; and row-level security policies let a client's
role reach only that client's rows, and a coach's role only the rows of the clients they
coach. Who is a client and who coaches whom is kept in two small tables that only the
owner can read; the policies ask them through two functions that run as the owner.

People's roles may read and add rows, nothing more: a role that may UPDATE or DELETE a
table may also lock all of it against everyone. Their corrections, deletions and
all-clears go through functions that run as the owner and change only rows that are
theirs. Each role may hold only :data:`CONNECTION_LIMIT` connections, and is named
with a random word, so the server's lists of roles and connections show no one's name.

The admin (a PostgreSQL superuser) sets this up once with :func:`init_clinic` and adds
people with :func:`add_person`; the ``upperback clinic`` command wraps both.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from upperback.person_names import PersonNameError, person_name
from upperback.store.catalogue import hide_statistics
from upperback.store.log import Store
from upperback.store.migrations import VERSION_TABLE
from upperback.store.opening import POOL_OVERFLOW, POOL_SIZE
from upperback.store.owner_sql import (
    CHANGE_FUNCTIONS,
    FUNCTIONS,
    POLICIES,
    VISIBLE_FUNCTIONS,
    clear_check_function,
)
from upperback.store.schema import (
    StoreError,
    metadata,
    reason,
    shown_url,
)
from upperback.workbook import local_zone, private_folder, write_private

__all__ = [
    "CONNECTION_LIMIT",
    "KINDS",
    "ClinicError",
    "Person",
    "add_person",
    "credentials_file",
    "init_clinic",
    "new_person_role",
    "people",
    "read_credentials",
    "role_for",
    "write_credentials",
]

PERSON_TABLES = (
    "clients",
    "sessions",
    "set_logs",
    "red_flag_checks",
    "routine_versions",
    "function_scores",
)
KINDS = ("client", "coach")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_-]{0,39}")
# Kernels one person may have running at once (their app, a notebook or two), each with a
# Store whose pool holds at most POOL_SIZE + POOL_OVERFLOW connections.
KERNELS_PER_PERSON = 4
CONNECTION_LIMIT = KERNELS_PER_PERSON * (POOL_SIZE + POOL_OVERFLOW)

access_metadata = sa.MetaData()
clinic_people = sa.Table(
    "clinic_people",
    access_metadata,
    sa.Column("name", sa.String(40), primary_key=True),  # the hub's login name
    # A random role name: the server's catalogues, which every role reads, show only it.
    sa.Column("role_name", sa.String(63), nullable=False, unique=True),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.CheckConstraint("kind IN ('client', 'coach')", name="kind_is_known"),
)
clinic_coaching = sa.Table(
    "clinic_coaching",
    access_metadata,
    sa.Column("coach", sa.ForeignKey("clinic_people.name", ondelete="CASCADE"), primary_key=True),
    sa.Column("client", sa.ForeignKey("clinic_people.name", ondelete="CASCADE"), primary_key=True),
)


class ClinicError(StoreError):
    """The clinic's database could not be set up as asked; the message says why."""


@dataclass(frozen=True)
class Person:
    """Someone with a role of their own in the clinic's database.

    Attributes
    ----------
    name : str
        Their login name on the hub, which is also their name in the session log.
    kind : str
        ``"client"`` or ``"coach"``.
    url : str
        The database URL they connect with, password included: hand it to them only.
    """

    name: str
    kind: str
    url: str


def role_for(database: str, name: str) -> str:
    """A clinic's group role: its owner's (``"owner"``, owns the tables, NOLOGIN) or its
    people's (``"people"``: every person's role is a member).

    Roles belong to the whole server, so each is named after the clinic's database: two
    clinics on one server never share one.

    Examples
    --------
    >>> role_for("clinic", "owner"), role_for("clinic", "people")
    ('clinic_owner', 'clinic_people')
    """
    if name not in ("owner", "people"):
        raise ClinicError(f"{name!r} is not one of the clinic's groups; use one of: owner, people")
    return _fits(f"{database}_{name}")


def new_person_role(database: str) -> str:
    """A new person's role: the clinic's database and a random word, no one's name.

    Examples
    --------
    >>> new_person_role("clinic").startswith("clinic_p_")
    True
    """
    return _fits(f"{database}_p_{secrets.token_hex(8)}")


def _fits(role: str) -> str:
    if len(role.encode()) > 63:
        raise ClinicError(
            f"The database role {role!r} would be longer than PostgreSQL allows (63 bytes): "
            "use a shorter database name."
        )
    return role


def check_name(name: str) -> str:
    """The person's login name (their name's matching key, as the hub lower-cases it), or a
    :class:`ClinicError` saying what a name may hold."""
    try:
        login = person_name(name).key
    except PersonNameError as error:
        raise ClinicError(str(error)) from None
    if not NAME_PATTERN.fullmatch(login):
        raise ClinicError(
            f"'{login}' cannot be a person's name in the clinic: use their login name on the "
            "hub, 1 to 40 characters of lower-case letters, digits, '-' or '_', starting "
            "with a letter."
        )
    return login


def _admin_engine(admin_url: str) -> sa.engine.Engine:
    if sa.engine.make_url(admin_url).get_backend_name() != "postgresql":
        raise ClinicError(
            f"{shown_url(admin_url)} is not PostgreSQL: a clinic with a role per person "
            "needs a PostgreSQL server (a laptop's own log needs none of this)."
        )
    return sa.create_engine(admin_url)


def _run(admin_url: str, work, doing: str):
    """Run ``work(conn)`` as the admin in one transaction; database errors in plain words."""
    engine = _admin_engine(admin_url)
    try:
        with engine.begin() as conn:
            return work(conn)
    except sa.exc.SQLAlchemyError as error:
        raise ClinicError(
            f"Could not {doing} in {shown_url(admin_url)}: {reason(error)}. Nothing was changed."
        ) from None
    finally:
        engine.dispose()


def quoted(identifier: str) -> str:
    """An SQL identifier, quoted (roles and databases cannot be bound parameters)."""
    return '"' + identifier.replace('"', '""') + '"'


def _ensure_group(conn, role: str) -> None:
    exists = conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    if exists.scalar() is None:
        conn.exec_driver_sql(f"CREATE ROLE {quoted(role)} NOLOGIN")


def init_clinic(admin_url: str) -> None:
    """Make the log at ``admin_url`` private by design: owner, grants and row policies.

    Creates the log's tables when missing, or migrates them when behind (through
    :class:`~upperback.store.Store`), hands them and Alembic's record to a NOLOGIN owner, and lets members of the people's role reach rows only through
    the policies. Safe to run again.

    Parameters
    ----------
    admin_url : str
        A PostgreSQL URL for a superuser of the clinic's server.

    Raises
    ------
    ClinicError
        When the database is not PostgreSQL or the admin may not change it.
    """
    _admin_engine(admin_url).dispose()  # says so first when it is not PostgreSQL
    Store(admin_url).close()  # creates the tables, or checks they are the log's own
    _run(admin_url, _lock_down, "set up the clinic")


def _lock_down(conn) -> None:
    database = conn.exec_driver_sql("SELECT current_database()").scalar()
    owner, group = (role_for(database, kind) for kind in ("owner", "people"))
    for role in (owner, group):
        _ensure_group(conn, role)
    access_metadata.create_all(conn)
    owner, group = quoted(owner), quoted(group)
    # Nobody but the clinic's people may connect, and nobody may create anything.
    conn.exec_driver_sql(f"REVOKE ALL ON DATABASE {quoted(database)} FROM PUBLIC")
    conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {quoted(database)} TO {group}")
    conn.exec_driver_sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {group}")
    hide_statistics(conn)  # the statistics views count everyone's rows and connections
    for table in [*metadata.tables, VERSION_TABLE, *access_metadata.tables]:
        # Owned sequences move with their table.
        conn.exec_driver_sql(f"ALTER TABLE {quoted(table)} OWNER TO {owner}")
        conn.exec_driver_sql(f"REVOKE ALL ON {quoted(table)} FROM PUBLIC")
    for table in POLICIES:  # the policies name the functions, which are made anew
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS own_rows ON {table}")
    conn.exec_driver_sql("DROP FUNCTION IF EXISTS upperback_visible_client_ids()")
    conn.exec_driver_sql(VISIBLE_FUNCTIONS)
    conn.exec_driver_sql(CHANGE_FUNCTIONS)
    conn.exec_driver_sql(clear_check_function(_zone_name()))
    for function in FUNCTIONS:
        conn.exec_driver_sql(f"ALTER FUNCTION {function} OWNER TO {owner}")
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {group}")
    # People's stores read which version the log is, to open it or to ask for the admin.
    for table in ("upperback_meta", VERSION_TABLE):
        conn.exec_driver_sql(f"GRANT SELECT ON {table} TO {group}")
    for table, rule in POLICIES.items():
        conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        conn.exec_driver_sql(
            f"CREATE POLICY own_rows ON {table} TO {group} USING ({rule}) WITH CHECK ({rule})"
        )
        # Reading and adding only: UPDATE, DELETE or TRUNCATE would let a role take locks
        # that stop everyone else (LOCK TABLE in any mode); INSERT allows ROW EXCLUSIVE.
        conn.exec_driver_sql(f"REVOKE ALL ON {table} FROM {group}")
        conn.exec_driver_sql(f"GRANT SELECT, INSERT ON {table} TO {group}")
        conn.exec_driver_sql(f"GRANT USAGE ON SEQUENCE {table}_id_seq TO {group}")
    for (role,) in conn.execute(sa.select(clinic_people.c.role_name)):  # a clinic set up before
        conn.exec_driver_sql(f"ALTER ROLE {quoted(role)} CONNECTION LIMIT {CONNECTION_LIMIT}")


def _zone_name() -> str:
    """The clinic's time zone as PostgreSQL names it: the admin's zone, where it has a name
    (or is a whole number of hours from UTC), else UTC."""
    zone = local_zone()
    if getattr(zone, "key", None):
        return zone.key
    offset = zone.utcoffset(None) if hasattr(zone, "utcoffset") else None
    hours, rest = divmod(int(offset.total_seconds()), 3600) if offset is not None else (0, 1)
    if rest or not hours:
        return "UTC"
    return f"Etc/GMT{-hours:+d}"  # the POSIX names count the other way: GMT-1 is UTC+1


def add_person(admin_url: str, name: str, *, kind: str, coach: str | None = None) -> Person:
    """Give a person a database role of their own, with a new password.

    Parameters
    ----------
    admin_url : str
        A PostgreSQL URL for a superuser of the clinic's server.
    name : str
        Their login name on the hub (also their name in the session log).
    kind : {"client", "coach"}
        A client sees their own rows; a coach sees the rows of the clients they coach.
    coach : str, default=None
        For a client: the coach, already added, who may see their rows.

    Returns
    -------
    Person
        With the URL to hand to that person's server only.

    Raises
    ------
    ClinicError
        For a bad name, an unknown coach, a person already added, or a clinic not set up
        (run :func:`init_clinic` first).
    """
    name = check_name(name)
    coach = None if coach is None else check_name(coach)
    if kind not in KINDS:
        raise ClinicError(f"{kind!r} is not a kind of person here; use one of: client, coach")
    if coach is not None and kind != "client":
        raise ClinicError("Only a client has a coach; add a coach without one.")
    password = secrets.token_hex(24)  # hex only: safe inside the SQL literal below

    def work(conn) -> str:
        _check_ready(conn, admin_url)
        database = conn.exec_driver_sql("SELECT current_database()").scalar()
        role, group = new_person_role(database), role_for(database, "people")
        known = dict(conn.execute(sa.select(clinic_people.c.name, clinic_people.c.kind)).all())
        if name in known:
            raise ClinicError(f"{name} is already in the clinic, as a {known[name]}.")
        if coach is not None and known.get(coach) != "coach":
            coaches = ", ".join(sorted(n for n, k in known.items() if k == "coach")) or "none yet"
            raise ClinicError(f"{coach!r} is not a coach here; the coaches are: {coaches}.")
        conn.exec_driver_sql(
            f"CREATE ROLE {quoted(role)} LOGIN PASSWORD '{password}' IN ROLE {quoted(group)} "
            f"CONNECTION LIMIT {CONNECTION_LIMIT}"
        )
        conn.execute(clinic_people.insert().values(name=name, role_name=role, kind=kind))
        if coach is not None:
            conn.execute(clinic_coaching.insert().values(coach=coach, client=name))
        return role

    role = _run(admin_url, work, f"add {name}")
    url = sa.engine.make_url(admin_url).set(username=role, password=password)
    return Person(name, kind, url.render_as_string(hide_password=False))


def _check_ready(conn, admin_url: str) -> None:
    if not sa.inspect(conn).has_table(clinic_people.name):
        raise ClinicError(
            f"{shown_url(admin_url)} is not set up as a clinic yet: run "
            "`upperback clinic init` first."
        )


def people(admin_url: str) -> dict[str, tuple[str, str | None]]:
    """Everyone in the clinic: name -> (kind, their coach or None)."""

    def work(conn):
        _check_ready(conn, admin_url)
        coaches = dict(
            conn.execute(sa.select(clinic_coaching.c.client, clinic_coaching.c.coach)).all()
        )
        rows = conn.execute(sa.select(clinic_people.c.name, clinic_people.c.kind))
        return {name: (kind, coaches.get(name)) for name, kind in rows}

    return _run(admin_url, work, "list the clinic")


def credentials_file(folder: str | Path, name: str) -> Path:
    """Where a person's database URL is kept for the hub to hand to their server."""
    return Path(folder) / f"{check_name(name)}.url"


def write_credentials(folder: str | Path, person: Person) -> Path:
    """Keep ``person``'s URL in ``folder``, readable by the file's owner (the hub) only."""
    private_folder(Path(folder))
    return write_private(credentials_file(folder, person.name), person.url + "\n")


def read_credentials(folder: str | Path, name: str) -> str | None:
    """The database URL kept for ``name``, or None when they have none."""
    path = credentials_file(folder, name)
    return path.read_text().strip() if path.is_file() else None
