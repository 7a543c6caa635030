"""A shared PostgreSQL log where each person's own role reaches only their rows.

Runs on a real PostgreSQL server (tests/postgres.py). Connected as a client, raw SQL on
every table reads, changes and deletes only that client's rows; a coach's role reaches
only the coach's clients; nobody but the admin can change the tables themselves.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa

from upperback.function_checks import function_check
from upperback.routine_files import starter_routine
from upperback.routine_history import Version
from upperback.routines import Routine
from upperback.rules import RED_FLAGS
from upperback.sessions import SessionRecord, SetLog, now_utc
from upperback.store import Store, StoreError
from upperback.store.access import (
    ClinicError,
    add_person,
    init_clinic,
    people,
    read_credentials,
    write_credentials,
)

TABLES = (
    "clients",
    "sessions",
    "set_logs",
    "red_flag_checks",
    "routine_versions",
    "function_scores",
)
# Each table's rows, with the client they belong to, as the admin sees them.
OWNER_OF = {
    "clients": "SELECT c.id, c.name FROM clients c",
    "sessions": "SELECT s.id, c.name FROM sessions s JOIN clients c ON c.id = s.client_id",
    "red_flag_checks": (
        "SELECT r.id, c.name FROM red_flag_checks r JOIN clients c ON c.id = r.client_id"
    ),
    "set_logs": (
        "SELECT l.id, c.name FROM set_logs l JOIN sessions s ON s.id = l.session_id "
        "JOIN clients c ON c.id = s.client_id"
    ),
    "routine_versions": (
        "SELECT v.id, c.name FROM routine_versions v JOIN clients c ON c.id = v.client_id"
    ),
    "function_scores": (
        "SELECT f.id, c.name FROM function_scores f JOIN clients c ON c.id = f.client_id"
    ),
}
A_COLUMN = {
    "clients": "created_at",
    "sessions": "notes",
    "set_logs": "note",
    "red_flag_checks": "answers",
    "routine_versions": "reason",
    "function_scores": "rating",
}
BRIDGE = starter_routine("daily-bridge")
ACTIVITIES = {"Reaching a high shelf": 3, "Driving": 5, "Carrying shopping": 4}


def a_version(client: str, number: int = 2) -> tuple[Routine, Version]:
    """A coach's change to the client's own bridge routine."""
    routine = replace(BRIDGE, client=client)
    return routine, Version(number, now_utc(), "Bridge: 10 → 12 reps", "Easy twice running.", ())


def a_session(client: str, pain: int) -> SessionRecord:
    sets = (SetLog("plank", 1, hold_planned=30, hold_done=30, completed=True),)
    return SessionRecord(client, "Daily bridge", now_utc(), pain_before=pain, sets=sets)


@pytest.fixture
def clinic_db(postgres):
    """A clinic: coach carol with alice and bob; coach dana with erin; two sessions each."""
    admin = postgres.new_database()
    init_clinic(admin)
    urls = {
        "carol": add_person(admin, "carol", kind="coach").url,
        "dana": add_person(admin, "dana", kind="coach").url,
    }
    for client, coach in (("alice", "carol"), ("bob", "carol"), ("erin", "dana")):
        urls[client] = add_person(admin, client, kind="client", coach=coach).url
    store = Store(admin)
    for client in ("alice", "bob", "erin"):
        for pain in (5, 4):
            store.save_session(a_session(client, pain))
        store.record_red_flag_check(client, dict.fromkeys(RED_FLAGS, False))
        store.send_routine(*a_version(client))
        store.record_function_scores(function_check(client, ACTIVITIES))
    store.close()
    engines = {name: sa.create_engine(url) for name, url in urls.items()}
    yield admin, engines
    for engine in engines.values():
        engine.dispose()


def owners(admin: str, table: str) -> dict[int, str]:
    engine = sa.create_engine(admin)
    with engine.connect() as conn:
        found = dict(conn.exec_driver_sql(OWNER_OF[table]).all())
    engine.dispose()
    return found


def rows_seen(engine, table: str) -> set[int]:
    with engine.connect() as conn:
        return set(conn.exec_driver_sql(f"SELECT id FROM {table}").scalars())


@pytest.mark.parametrize("table", TABLES)
def test_a_client_selects_only_their_own_rows(clinic_db, table):
    admin, engines = clinic_db
    belongs = owners(admin, table)
    assert rows_seen(engines["alice"], table) == {i for i, n in belongs.items() if n == "alice"}
    assert rows_seen(engines["bob"], table) == {i for i, n in belongs.items() if n == "bob"}


@pytest.mark.parametrize("table", TABLES)
def test_a_coach_selects_only_their_clients_rows(clinic_db, table):
    admin, engines = clinic_db
    belongs = owners(admin, table)
    carol = {i for i, n in belongs.items() if n in ("alice", "bob")}
    assert rows_seen(engines["carol"], table) == carol
    assert rows_seen(engines["dana"], table) == {i for i, n in belongs.items() if n == "erin"}


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("person", ["alice", "carol"])
def test_no_person_updates_or_deletes_rows_with_raw_sql(clinic_db, table, person):
    """A role that may UPDATE or DELETE may lock a whole table: people change their own
    rows only through the owner's functions (tests/test_access_locks.py)."""
    admin, engines = clinic_db
    before = owners(admin, table)
    column = A_COLUMN[table]
    for statement in (f"UPDATE {table} SET {column} = {column}", f"DELETE FROM {table}"):
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):  # noqa: SIM117
            with engines[person].begin() as conn:
                conn.exec_driver_sql(statement)
    assert owners(admin, table) == before


def test_a_client_cannot_write_rows_as_someone_else(clinic_db):
    admin, engines = clinic_db
    bobs_client_id = next(i for i, n in owners(admin, "clients").items() if n == "bob")
    bobs_session = next(i for i, n in owners(admin, "sessions").items() if n == "bob")
    alices_session = next(i for i, n in owners(admin, "sessions").items() if n == "alice")
    attempts = [
        "INSERT INTO clients (name, created_at) VALUES ('mallory', now())",
        f"INSERT INTO sessions (uid, client_id, routine, started_at, notes) "
        f"VALUES ('x1', {bobs_client_id}, 'r', now(), '')",
        f"INSERT INTO red_flag_checks (client_id, checked_at, answers, any_yes) "
        f"VALUES ({bobs_client_id}, now(), '{{}}', false)",
        f"INSERT INTO set_logs (session_id, position, exercise, set_number, completed, note) "
        f"VALUES ({bobs_session}, 9, 'plank', 1, true, '')",
        f"INSERT INTO routine_versions (client_id, routine, number, saved_at, change, reason, "
        f"sessions, body) VALUES ({bobs_client_id}, 'r', 9, now(), '', '', '[]', '{{}}')",
        f"INSERT INTO function_scores (client_id, checked_at, position, activity, rating) "
        f"VALUES ({bobs_client_id}, now(), 0, 'Driving', 9)",
    ]
    for statement in attempts:
        with pytest.raises(sa.exc.ProgrammingError, match="row-level security"):  # noqa: SIM117
            with engines["alice"].begin() as conn:
                conn.exec_driver_sql(statement)
    assert owners(admin, "sessions")[alices_session] == "alice"


@pytest.mark.parametrize(
    "statement",
    [
        "DROP TABLE sessions",
        "ALTER TABLE sessions DISABLE ROW LEVEL SECURITY",
        "ALTER TABLE clients ADD COLUMN spy text",
        "TRUNCATE set_logs",
        "DROP POLICY own_rows ON clients",
        "CREATE TABLE public.mine (x int)",
        "SELECT * FROM clinic_people",
        "SELECT * FROM clinic_coaching",
        "UPDATE upperback_meta SET value = '99'",
        "SET ROLE {owner}",
    ],
)
def test_a_client_cannot_change_the_tables_or_read_who_is_who(clinic_db, statement):
    admin, engines = clinic_db
    statement = statement.format(owner=sa.engine.make_url(admin).database + "_owner")
    with pytest.raises(sa.exc.ProgrammingError, match=r"permission denied|must be (the )?owner"):  # noqa: SIM117
        with engines["alice"].begin() as conn:
            conn.exec_driver_sql(statement)


def test_the_store_works_as_a_person_and_keeps_to_their_rows(clinic_db):
    _admin, engines = clinic_db
    url = engines["alice"].url.render_as_string(hide_password=False)
    alice = Store(url)  # the tables are there: nothing is created
    alice.save_session(a_session("alice", 3))
    assert [s.client for s in alice.sessions()] == ["alice"] * 3
    assert alice.clients() == ["alice"]
    assert set(alice.sessions_frame()["client"]) == {"alice"}
    with pytest.raises(Exception, match="could not be written"):
        alice.save_session(a_session("bob", 2))
    alice.close()
    coach = Store(engines["carol"].url.render_as_string(hide_password=False))
    assert coach.clients() == ["alice", "bob"]
    coach.close()


def test_init_is_safe_to_run_again_and_people_are_listed(clinic_db):
    admin, engines = clinic_db
    init_clinic(admin)
    assert rows_seen(engines["bob"], "sessions")  # still works after a second init
    assert people(admin)["alice"] == ("client", "carol")
    assert people(admin)["carol"] == ("coach", None)


def test_mistakes_are_named_and_change_nothing(clinic_db, postgres):
    admin, _engines = clinic_db
    with pytest.raises(ClinicError, match="already in the clinic, as a client"):
        add_person(admin, "alice", kind="client", coach="carol")
    with pytest.raises(
        ClinicError, match="'zed' is not a coach here; the coaches are: carol, dana"
    ):
        add_person(admin, "frank", kind="client", coach="zed")
    with pytest.raises(ClinicError, match="lower-case letters"):
        add_person(admin, "Robert'); DROP TABLE clients;--", kind="client")
    with pytest.raises(ClinicError, match="use one of: client, coach"):
        add_person(admin, "frank", kind="admin")
    assert "frank" not in people(admin)
    with pytest.raises(ClinicError, match="clinic init"):
        add_person(postgres.new_database(), "frank", kind="coach")
    with pytest.raises(ClinicError, match="is not PostgreSQL"):
        init_clinic("sqlite:///nowhere.db")


def test_credentials_are_kept_for_their_owner_only(tmp_path, clinic_db):
    admin, _engines = clinic_db
    person = add_person(admin, "gina", kind="coach")
    path = write_credentials(tmp_path / "credentials", person)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    assert read_credentials(tmp_path / "credentials", "gina") == person.url
    assert read_credentials(tmp_path / "credentials", "nobody") is None


def test_the_clinic_command_sets_up_people_and_keeps_their_urls(postgres, tmp_path, capsys):
    from upperback.cli import main

    admin = postgres.new_database()
    folder = tmp_path / "credentials"
    assert main(["clinic", "init", "--database", admin]) == 0
    assert (
        main(["clinic", "add-coach", "carol", "--database", admin, "--credentials", str(folder)])
        == 0
    )
    assert (
        main(["clinic", "add-client", "alice", "--coach", "carol", "--database", admin,
              "--credentials", str(folder)]) == 0
    )  # fmt: skip
    out = capsys.readouterr().out
    assert "Added client alice" in out and "password" not in out.lower()
    assert read_credentials(folder, "alice") not in out  # the URL holds a password
    alice = Store(read_credentials(folder, "alice"))
    alice.save_session(a_session("alice", 4))
    assert alice.clients() == ["alice"]
    alice.close()
    assert main(["clinic", "add-client", "bob", "--coach", "nobody", "--database", admin]) == 1
    assert "'nobody' is not a coach here; the coaches are: carol" in capsys.readouterr().err
    assert main(["clinic", "list", "--database", admin]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "alice\tclient\tcoached by carol",
        "carol\tcoach",
    ]


def test_a_coach_sends_their_clients_a_new_version_and_only_they_see_it(clinic_db):
    _, engines = clinic_db
    as_carol = Store(engines["carol"].url.render_as_string(hide_password=False))
    as_carol.send_routine(*a_version("alice", 3))
    with pytest.raises(StoreError, match="could not be written"):  # dana's client, not hers
        as_carol.send_routine(*a_version("erin", 3))
    as_alice = Store(engines["alice"].url.render_as_string(hide_password=False))
    assert [s.version.number for s in as_alice.sent_routines("alice")] == [2, 3]
    assert as_alice.sent_routines("bob") == []  # raw reads of another's rows find none
    as_erin = Store(engines["erin"].url.render_as_string(hide_password=False))
    assert [s.version.number for s in as_erin.sent_routines("erin")] == [2]
    for store in (as_carol, as_alice, as_erin):
        store.close()
