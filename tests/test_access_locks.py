"""On a clinic's server no person's role can stall the others: it takes no lock that blocks
them, changes rows only through the owner's functions (and only its own), and holds no
more connections than its limit.

Runs on a real PostgreSQL server (tests/postgres.py), as people of the clinic fixture.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import psycopg
import pytest
import sqlalchemy as sa

from tests.test_access import TABLES, a_session, a_version, clinic_db, owners  # noqa: F401
from upperback.store import Store
from upperback.store.access import CONNECTION_LIMIT, add_person, people
from upperback.store.migrations import VERSION_TABLE

# PostgreSQL's table lock modes, weakest first.
MODES = (
    "ACCESS SHARE",
    "ROW SHARE",
    "ROW EXCLUSIVE",
    "SHARE UPDATE EXCLUSIVE",
    "SHARE",
    "SHARE ROW EXCLUSIVE",
    "EXCLUSIVE",
    "ACCESS EXCLUSIVE",
)
BLOCKING = MODES[MODES.index("SHARE") :]  # each stops every other person's insert
EVERY_TABLE = (*TABLES, "upperback_meta", VERSION_TABLE, "clinic_people", "clinic_coaching")


def url_of(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def locks_taken(conn, table: str) -> list[str]:
    """The modes the connection's role may take on ``table``, each tried in a savepoint."""
    taken = []
    for mode in MODES:
        try:
            with conn.begin_nested():
                conn.exec_driver_sql(f"LOCK TABLE {table} IN {mode} MODE NOWAIT")
            taken.append(mode)
        except sa.exc.ProgrammingError as error:
            assert "permission denied" in str(error)
    return taken


@pytest.mark.parametrize("person", ["alice", "carol"])
def test_no_person_may_take_a_share_lock_or_stronger_on_any_table(clinic_db, person):  # noqa: F811
    _admin, engines = clinic_db
    with engines[person].connect() as conn, conn.begin():
        taken = {table: locks_taken(conn, table) for table in EVERY_TABLE}
    assert not {mode for modes in taken.values() for mode in modes} & set(BLOCKING)
    for table in TABLES:  # reading and adding, as the row policies need
        assert taken[table] == ["ACCESS SHARE", "ROW EXCLUSIVE"]
    assert taken["upperback_meta"] == ["ACCESS SHARE"]
    assert taken["clinic_people"] == []


@pytest.mark.parametrize(
    "clause", ["FOR UPDATE", "FOR NO KEY UPDATE", "FOR SHARE", "FOR KEY SHARE"]
)
def test_no_person_may_lock_rows_by_selecting_them(clinic_db, clause):  # noqa: F811
    _admin, engines = clinic_db
    with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):  # noqa: SIM117
        with engines["alice"].begin() as conn:
            conn.exec_driver_sql(f"SELECT id FROM sessions {clause}")


def test_another_client_logs_while_one_holds_every_lock_it_can(clinic_db):  # noqa: F811
    _admin, engines = clinic_db
    holder = engines["alice"].connect()
    holder.begin()
    for table in EVERY_TABLE:
        taken = locks_taken(holder, table)
        if taken:
            holder.exec_driver_sql(f"LOCK TABLE {table} IN {taken[-1]} MODE")
    done = []

    def bob_logs():
        bob = Store(url_of(engines["bob"])).for_client("bob")
        saved = bob.save_session(a_session("bob", 3))
        bob.save_session(replace(saved, pain_before=2))  # a correction
        bob.record_red_flag_check("bob", {"fever": True})
        bob.record_professional_clearance("bob", seen_on=date.today())
        bob.send_routine(*a_version("bob", 3))
        done.append(bob.delete_session(saved.id))
        bob.store.close()

    worker = threading.Thread(target=bob_logs)
    worker.start()
    worker.join(timeout=60)
    holder.rollback()
    holder.close()
    worker.join()
    assert done == [True], "bob's writes waited for alice's locks"


def test_a_person_changes_through_the_functions_only_rows_they_may_see(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    sessions = owners(admin, "sessions")
    bobs, alices = (next(i for i, n in sessions.items() if n == who) for who in ("bob", "alice"))
    erins = next(i for i, n in sessions.items() if n == "erin")

    def deleted(person: str, session_id: int) -> bool:
        with engines[person].begin() as conn:
            query = sa.text("SELECT upperback_delete_session(:id, NULL)")
            return conn.execute(query, {"id": session_id}).scalar()

    assert deleted("alice", bobs) is False and bobs in owners(admin, "sessions")
    assert deleted("dana", alices) is False  # not her client
    assert deleted("carol", alices) is True  # her client's
    assert deleted("alice", erins) is False
    assert set(owners(admin, "sessions")) == set(sessions) - {alices}


def test_a_client_cannot_correct_or_clear_another_clients_rows(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    store = Store(admin)
    store.record_red_flag_check("bob", {"fever": True})
    store.close()
    bobs_check = max(i for i, n in owners(admin, "red_flag_checks").items() if n == "bob")
    bobs_session = next(i for i, n in owners(admin, "sessions").items() if n == "bob")
    alice_id = next(i for i, n in owners(admin, "clients").items() if n == "alice")
    with engines["alice"].begin() as conn:
        clear = "SELECT upperback_clear_check(:id, 'client', current_date)"
        cleared = conn.execute(sa.text(clear), {"id": bobs_check})
        assert cleared.scalar() is False
        taken = conn.execute(  # moving bob's session to herself
            sa.text(
                "SELECT upperback_correct_session(:id, false, :me, 'u', 'r', NULL, now(), "
                "NULL, NULL, NULL, NULL, '')"
            ),
            {"id": bobs_session, "me": alice_id},
        )
        assert taken.scalar() is False
    assert owners(admin, "sessions")[bobs_session] == "bob"
    assert Store(admin).last_red_flag_check("bob")["cleared_at"] is None


def test_a_client_corrects_deletes_and_clears_their_own_rows(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    alice = Store(url_of(engines["alice"])).for_client("alice")
    first = alice.sessions()[0]
    alice.save_session(replace(first, pain_before=1, sets=first.sets * 3))
    corrected = next(s for s in alice.sessions() if s.id == first.id)
    assert corrected.pain_before == 1 and len(corrected.sets) == 3
    alice.record_red_flag_check("alice", {"fever": True})
    assert alice.record_professional_clearance("alice", seen_on=date.today()) is True
    assert alice.last_red_flag_check()["cleared_at"] is not None
    assert alice.delete_session(first.id) is True
    assert first.id not in owners(admin, "sessions")
    alice.store.close()


def _connect(url: str):
    parts = sa.engine.make_url(url)
    return psycopg.connect(
        host=parts.host,
        port=parts.port,
        user=parts.username,
        password=parts.password,
        dbname=parts.database,
    )


def test_a_person_holds_no_more_connections_than_their_limit(clinic_db):  # noqa: F811
    _admin, engines = clinic_db
    alice, bob = url_of(engines["alice"]), url_of(engines["bob"])
    for engine in engines.values():
        engine.dispose()
    held = [_connect(alice) for _ in range(CONNECTION_LIMIT)]
    try:
        with pytest.raises(psycopg.OperationalError, match="too many connections for role"):
            _connect(alice)
        with _connect(bob) as other:  # everyone else still connects
            assert other.execute("SELECT 1").fetchone() == (1,)
    finally:
        for conn in held:
            conn.close()
    _connect(alice).close()  # and alice again, once hers are closed


def test_the_limit_fits_the_pools_of_a_few_kernels(clinic_db):  # noqa: F811
    """The workbook's engine pools POOL_SIZE + POOL_OVERFLOW connections: a person may run
    several kernels (their app, notebooks) before the limit refuses one."""
    from upperback.store.opening import POOL_OVERFLOW, POOL_SIZE

    assert CONNECTION_LIMIT >= 3 * (POOL_SIZE + POOL_OVERFLOW)
    _admin, engines = clinic_db
    stores = [Store(url_of(engines["alice"])) for _ in range(3)]
    try:
        for store in stores:
            assert store.engine.pool.size() == POOL_SIZE
            assert [s.client for s in store.sessions()] == ["alice", "alice"]
    finally:
        for store in stores:
            store.close()


def test_the_clinic_command_sets_the_connection_limit(clinic_db, tmp_path):  # noqa: F811
    from upperback.cli import main

    admin, _engines = clinic_db
    folder = str(tmp_path / "credentials")
    assert main(["clinic", "add-coach", "gus", "--database", admin, "--credentials", folder]) == 0
    command = ["clinic", "add-client", "hal", "--coach", "gus", "--database", admin]
    assert main([*command, "--credentials", folder]) == 0
    engine = sa.create_engine(admin)
    with engine.connect() as conn:
        limits = dict(
            conn.exec_driver_sql(
                "SELECT p.name, r.rolconnlimit FROM clinic_people p "
                "JOIN pg_roles r ON r.rolname = p.role_name"
            ).all()
        )
    engine.dispose()
    assert limits["gus"] == limits["hal"] == limits["alice"] == CONNECTION_LIMIT
    assert people(admin)["hal"] == ("client", "gus")
    add_person(admin, "ivy", kind="coach")  # and a person added from Python alike
