"""On a clinic's server the catalogue tells a person nothing about the others: no login
name, no one's queries or address, no count of the clinic's rows; and no one outside the
clinic gets in.

Raw SQL as the people of the clinic fixture (tests/test_access.py), on a real PostgreSQL
server. What the catalogue still shows, and why, is in docs/classroom.md.
"""

from __future__ import annotations

import re
import threading

import psycopg
import pytest
import sqlalchemy as sa

from tests.test_access import TABLES, clinic_db  # noqa: F401
from upperback.store import Store

NAMES = ("alice", "bob", "carol", "dana", "erin")
LOGIN_NAME = re.compile(r"\b(" + "|".join(NAMES) + r")\b")
STATISTICS = (
    "pg_stat_activity",
    "pg_stat_user_tables",
    "pg_stat_all_tables",
    "pg_stat_xact_user_tables",
    "pg_statio_user_tables",
    "pg_statio_all_tables",
    "pg_stat_user_indexes",
    "pg_statio_user_sequences",
    "pg_stat_database",
    "pg_sequences",
)
COUNTING = (
    "pg_stat_get_live_tuples('sessions'::regclass)",
    "pg_stat_get_tuples_inserted('clinic_people'::regclass)",
    "pg_relation_size('sessions')",
    "pg_total_relation_size('set_logs')",
    "pg_database_size(current_database())",
    "pg_sequence_last_value('sessions_id_seq')",
)
DENIED = pytest.raises(sa.exc.ProgrammingError, match="permission denied")


def readable(conn) -> list[str]:
    """Every table and view of the catalogue the connection's role may select from."""
    return (
        conn.exec_driver_sql(
            "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname IN ('pg_catalog', 'information_schema') AND c.relkind IN ('r', 'v') "
            "AND has_table_privilege(c.oid, 'SELECT')"
        )
        .scalars()
        .all()
    )


def role_of(admin: str, name: str) -> str:
    engine = sa.create_engine(admin)
    with engine.connect() as conn:
        query = sa.text("SELECT role_name FROM clinic_people WHERE name = :name")
        role = conn.execute(query, {"name": name}).scalar_one()
    engine.dispose()
    return role


def test_no_login_name_is_in_anything_a_person_can_read_in_the_catalogue(clinic_db):  # noqa: F811
    _admin, engines = clinic_db
    with engines["alice"].connect() as conn:
        relations = readable(conn)
        assert "pg_catalog.pg_roles" in relations and "pg_catalog.pg_user" in relations
        found = {}
        for relation in relations:
            rows = conn.exec_driver_sql(f"SELECT t::text FROM {relation} t").scalars()
            if hits := {m for row in rows for m in LOGIN_NAME.findall(row)}:
                found[relation] = hits
        roles = conn.exec_driver_sql("SELECT rolname FROM pg_roles").scalars().all()
        database = conn.exec_driver_sql("SELECT current_database()").scalar()
    assert found == {}
    assert not {name for role in roles for name in LOGIN_NAME.findall(role)}
    ours = [role for role in roles if role.startswith(f"{database}_p_")]
    assert len(ours) == len(NAMES)  # one random word each


@pytest.mark.parametrize("relation", ["pg_authid", "pg_shadow", "clinic_people", "clinic_coaching"])
def test_no_person_reads_the_roles_passwords_or_the_mapping_to_login_names(
    clinic_db,  # noqa: F811
    relation,
):
    _admin, engines = clinic_db
    for person in ("alice", "carol"):
        with DENIED, engines[person].connect() as conn:
            conn.exec_driver_sql(f"SELECT * FROM {relation}")


def test_the_mapping_to_login_names_is_granted_to_the_owner_role_only(clinic_db):  # noqa: F811
    admin, _engines = clinic_db
    engine = sa.create_engine(admin)
    with engine.connect() as conn:
        grantees = conn.exec_driver_sql(
            "SELECT DISTINCT c.relname, a.grantee::regrole::text FROM pg_class c, "
            "aclexplode(c.relacl) a WHERE c.relname IN ('clinic_people', 'clinic_coaching')"
        ).all()
    engine.dispose()
    owner = sa.engine.make_url(admin).database + "_owner"
    assert sorted(grantees) == [("clinic_coaching", owner), ("clinic_people", owner)]


def test_a_client_sees_no_one_elses_connection_query_or_address(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    bobs_role = role_of(admin, "bob")
    started, finish = threading.Event(), threading.Event()

    def bob_waits():
        with engines["bob"].connect() as conn:
            conn.exec_driver_sql("SELECT 1 /* bob-is-here */")
            started.set()
            while not finish.is_set():
                conn.exec_driver_sql("SELECT pg_sleep(0.2) /* bob-is-here */")

    worker = threading.Thread(target=bob_waits)
    worker.start()
    try:
        assert started.wait(30)
        with engines["alice"].connect() as conn:
            for query in (
                "SELECT query FROM pg_stat_activity",
                "SELECT * FROM pg_stat_get_activity(NULL)",
                "SELECT pg_stat_get_backend_userid(b) FROM pg_stat_get_backend_idset() b",
            ):
                with DENIED, conn.begin_nested():
                    conn.exec_driver_sql(query)
        # The server's own database stays open to every role (docs/classroom.md): there the
        # list of connections names only random roles, and hides their queries and addresses.
        url = engines["alice"].url.set(database="postgres")
        elsewhere = sa.create_engine(url)
        with elsewhere.connect() as conn:
            others = conn.exec_driver_sql(
                "SELECT coalesce(usename, ''), coalesce(query, ''), client_addr "
                "FROM pg_stat_activity WHERE usename IS DISTINCT FROM current_user"
            ).all()
        elsewhere.dispose()
    finally:
        finish.set()
        worker.join()
    assert bobs_role in {row[0] for row in others}, "bob's connection is not in the list"
    assert not [row for row in others if "bob-is-here" in row[1] or row[2] is not None]
    assert not [row for row in others if LOGIN_NAME.search(row[0])]


@pytest.mark.parametrize("person", ["alice", "carol"])
def test_no_person_counts_the_clinics_rows_in_the_statistics(clinic_db, person):  # noqa: F811
    admin, engines = clinic_db
    engine = sa.create_engine(admin)
    with engine.connect() as conn:  # the admin, a superuser, keeps them
        counted = conn.exec_driver_sql("SELECT relname FROM pg_stat_user_tables").scalars()
        assert {"sessions", "clinic_people"} <= set(counted)
        conn.exec_driver_sql("ANALYZE")  # column statistics for pg_stats, below
    engine.dispose()
    with engines[person].connect() as conn:
        for relation in STATISTICS:
            with DENIED, conn.begin_nested():
                conn.exec_driver_sql(f"SELECT * FROM {relation}")
        for call in COUNTING:
            with DENIED, conn.begin_nested():
                conn.exec_driver_sql(f"SELECT {call}")
        # Row-level security keeps each table's column statistics from its readers.
        analysed = conn.exec_driver_sql(
            "SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = 'public'"
        ).scalars()
        assert not set(analysed) & {*TABLES, "clinic_people", "clinic_coaching"}


def test_a_role_outside_the_clinic_cannot_connect_to_it(clinic_db, postgres):  # noqa: F811
    admin, _engines = clinic_db
    engine = sa.create_engine(admin)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP ROLE IF EXISTS stranger")
        conn.exec_driver_sql("CREATE ROLE stranger LOGIN")
    engine.dispose()
    database = sa.engine.make_url(admin).database
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        psycopg.connect(host="127.0.0.1", port=postgres.port, user="stranger", dbname=database)


@pytest.mark.parametrize("person", ["alice", "carol"])
def test_no_person_makes_temporary_tables(clinic_db, person):  # noqa: F811
    _admin, engines = clinic_db
    with DENIED, engines[person].begin() as conn:
        conn.exec_driver_sql("CREATE TEMP TABLE mine (x int)")


def test_the_store_still_works_as_a_person_with_the_statistics_closed(clinic_db):  # noqa: F811
    _admin, engines = clinic_db
    alice = Store(engines["alice"].url.render_as_string(hide_password=False))
    assert [s.client for s in alice.sessions()] == ["alice", "alice"]
    alice.close()
