"""Who a client is in the log: one row per person, found by their name's matching key.

Every read and write finds a client through :func:`client_is`, so any spelling of a name
(letter case, spaces, Unicode's two forms of "ë") reaches the same rows, and a new client's
name is checked by :func:`upperback.person_names.person_name` before it is kept.

A log kept before names had keys may hold two spellings of one person as two clients.
Revision 0006 gave the key to the first of them only; :func:`name_collisions` lists such
spellings, and :func:`merge_clients` joins two clients into one.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

import sqlalchemy as sa

from upperback.person_names import PersonName, PersonNameError, matching_key, person_name
from upperback.store.schema import (
    StoreError,
    clients,
    function_scores,
    insert_unless_present,
    red_flag_checks,
    routine_versions,
    sessions,
)

__all__ = [
    "NameCollisionWarning",
    "checked_name",
    "client_id",
    "client_is",
    "collisions_message",
    "merge_clients",
    "name_collisions",
    "name_key",
]


class NameCollisionWarning(UserWarning):
    """The log keeps two spellings of one person as two clients; the message names them."""


def name_key(name: str) -> str:
    """What two names must share to be one client: the one place names are matched, so
    every read, write and client's handle matches them alike."""
    return matching_key(name)


def client_is(name: str):
    """The condition "this row is the client called ``name``", in any spelling."""
    return clients.c.name_key == name_key(name)


def checked_name(name: str) -> PersonName:
    """``name`` as the log keeps it, or a StoreError saying why it cannot be a client's."""
    try:
        return person_name(name)
    except PersonNameError as error:
        raise StoreError(f"{error} Nothing was saved.") from None


def client_id(conn, name: str) -> int:
    """The client's id, adding the client when new, even as another process adds them."""
    query = sa.select(clients.c.id).where(client_is(name))
    found = conn.execute(query).scalar()
    if found is None:
        kept = checked_name(name)
        insert = insert_unless_present(conn, clients, "name_key")
        values = {"name": kept.shown, "name_key": kept.key, "created_at": datetime.now(UTC)}
        conn.execute(insert.values(**values))
        found = conn.execute(query).scalar_one()
    return found


def name_collisions(conn) -> list[tuple[str, ...]]:
    """The names that are spellings of one person yet separate clients, as groups."""
    unkeyed = sa.select(sa.func.count()).where(clients.c.name_key.is_(None))
    if not conn.execute(unkeyed).scalar():
        return []
    groups = defaultdict(list)
    for name in conn.execute(sa.select(clients.c.name).order_by(clients.c.id)).scalars():
        groups[matching_key(name)].append(name)
    return [tuple(names) for names in groups.values() if len(names) > 1]


def collisions_message(groups: list[tuple[str, ...]]) -> str:
    """What the admin reads on opening a log with two spellings of one person."""
    listed = "; ".join(" and ".join(f"'{name}'" for name in names) for names in groups)
    first = groups[0]
    return (
        f"This session log keeps one person under two spellings, as separate clients: {listed}. "
        f"Only the first spelling of each is found by name; join them with "
        f"`upperback clinic merge-names '{first[1]}' '{first[0]}'` (Store.merge_names), "
        "which keeps everything of both."
    )


def merge_clients(conn, old: str, new: str) -> int:
    """Move everything of client ``old`` to client ``new`` and remove ``old``; how many rows
    moved. The caller's transaction makes it all or nothing.

    ``old`` and ``new`` are names as the log shows them (as :func:`name_collisions` lists
    them); either may also be any spelling of a client's name. A routine version numbered
    as one of ``new``'s is numbered after ``new``'s own.
    """
    source, target = _row_called(conn, old), _row_called(conn, new)
    if source == target:
        raise StoreError(f"'{old}' and '{new}' are already one client; nothing was changed.")
    moved = 0
    for table in (sessions, red_flag_checks, function_scores):
        change = table.update().where(table.c.client_id == source).values(client_id=target)
        moved += conn.execute(change).rowcount
    moved += _move_versions(conn, source, target)
    conn.execute(clients.delete().where(clients.c.id == source))
    _give_free_keys(conn)
    return moved


def _row_called(conn, name: str) -> int:
    """The id of the client shown as ``name``, else of the one ``name`` spells."""
    for condition in (clients.c.name == name, clients.c.name == name.strip(), client_is(name)):
        found = conn.execute(sa.select(clients.c.id).where(condition)).scalar()
        if found is not None:
            return found
    raise StoreError(f"No client is called '{name.strip()}' in the log; nothing was changed.")


def _move_versions(conn, source: int, target: int) -> int:
    """Give ``target`` the routine versions of ``source``, numbered after its own."""
    versions = routine_versions.c
    highest = dict(
        conn.execute(
            sa.select(versions.routine, sa.func.max(versions.number))
            .where(versions.client_id == target)
            .group_by(versions.routine)
        ).all()
    )
    moved = 0
    for routine in conn.execute(
        sa.select(versions.routine).distinct().where(versions.client_id == source)
    ).scalars():
        change = (
            routine_versions.update()
            .where(versions.client_id == source, versions.routine == routine)
            .values(client_id=target, number=versions.number + highest.get(routine, 0))
        )
        moved += conn.execute(change).rowcount
    return moved


def _give_free_keys(conn) -> None:
    """Each client without a key takes their name's key once no other client holds it."""
    taken = set(conn.execute(sa.select(clients.c.name_key)).scalars())
    unkeyed = sa.select(clients.c.id, clients.c.name).where(clients.c.name_key.is_(None))
    for row_id, name in conn.execute(unkeyed.order_by(clients.c.id)).all():
        key = matching_key(name)
        if key not in taken:
            taken.add(key)
            conn.execute(clients.update().where(clients.c.id == row_id).values(name_key=key))
