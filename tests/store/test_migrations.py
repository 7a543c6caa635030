"""The log's schema changes go through Alembic's revisions, on SQLite and on PostgreSQL.

A log made before migrations is stamped with its revision and upgraded with every row kept;
a log from a newer upperback is refused untouched; and migrating an empty database gives
exactly the tables upperback.store.schema describes, so a change there without a revision
fails here.
"""

import subprocess
import sys
import warnings
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from tests.store.sample import T0, session
from tests.store.test_schema import _files, _held_open
from upperback.rules.safety import RED_FLAGS
from upperback.store import SCHEMA_VERSION, Store, StoreError
from upperback.store.migrations import (
    REVISION_OF_VERSION,
    VERSION_TABLE,
    alembic_config,
    downgrade,
    head,
    known_revisions,
    revisions,
    schema_version_of,
    upgrade,
)
from upperback.store.schema import metadata

FIRST = "0001_first_log"


def _look(url: str) -> dict:
    """What a person would check after a migration: versions, columns of the checks."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
        revisions = []
        if VERSION_TABLE in tables:
            revisions = conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").all()
        version = conn.exec_driver_sql("SELECT value FROM upperback_meta").scalar()
        columns = {c["name"] for c in sa.inspect(conn).get_columns("red_flag_checks")}
    engine.dispose()
    return {
        "revisions": [row[0] for row in revisions],
        "version": version,
        "cleared_at": "cleared_at" in columns,
        "alembic": VERSION_TABLE in tables,
    }


def _a_log_with_rows(url: str) -> tuple[list, list]:
    """A log with two clients' sessions, sets and warning-signs checks; what it reads back."""
    store = Store(url)
    store.save_session(session())
    store.save_session(session(client="Robin", when=T0.replace(day=3), n_sets=5))
    store.record_red_flag_check("Sam", dict.fromkeys(RED_FLAGS, False))
    store.record_red_flag_check("Robin", {"fever": True})
    kept = _read_back(store)
    store.close()
    return kept


def _read_back(store: Store) -> tuple[list, list]:
    checks = [
        {k: v for k, v in store.last_red_flag_check(name).items() if k != "cleared_at"}
        for name in ("Robin", "Sam")
    ]
    return store.sessions(), checks


def _as_made_before_migrations(url: str, version: str) -> None:
    """Turn a log into one that upperback ``version`` made, before it had migrations."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        downgrade(conn, REVISION_OF_VERSION[version])
        conn.exec_driver_sql(f"DROP TABLE {VERSION_TABLE}")
    engine.dispose()


def test_an_empty_database_migrated_to_the_newest_revision_is_what_schema_py_describes(
    store_url,
):
    """Fails when upperback/store/schema.py changes without a revision (docs/log-schema.md)."""
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        upgrade(conn)
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert differences == []


def test_the_revisions_read_from_their_file_names_are_alembics_own_history():
    """Opening a log reads the revisions from file names; Alembic reads the files."""
    scripts = ScriptDirectory.from_config(alembic_config())
    history = [script.revision for script in reversed(list(scripts.walk_revisions()))]
    assert list(revisions()) == history  # one line of revisions, in the order of their numbers
    assert [schema_version_of(r) for r in history] == list(range(1, len(history) + 1))


def test_the_newest_revision_is_the_schema_version_this_upperback_writes():
    assert schema_version_of(head()) == SCHEMA_VERSION
    # Logs from before migrations are stamped with these: each must exist and match.
    assert set(REVISION_OF_VERSION.values()) <= known_revisions()
    assert all(schema_version_of(r) == int(v) for v, r in REVISION_OF_VERSION.items())


def test_each_revision_writes_its_schema_version_both_ways(store_url):
    """An older upperback reads the version, so every step up and down must leave it right."""
    engine = sa.create_engine(store_url)
    order = list(revisions())
    assert order[0] == FIRST and order[-1] == head()
    with engine.begin() as conn:
        config = alembic_config(conn)
        for revision in order:
            command.upgrade(config, revision)
            assert _version(conn) == str(schema_version_of(revision)), revision
        for below in reversed(order[:-1]):
            command.downgrade(config, below)
            assert _version(conn) == str(schema_version_of(below)), below
    engine.dispose()


def _version(conn) -> str:
    return conn.exec_driver_sql("SELECT value FROM upperback_meta").scalar()


def test_a_version_one_log_from_before_migrations_is_upgraded_with_every_row(store_url):
    kept = _a_log_with_rows(store_url)
    _as_made_before_migrations(store_url, "1")
    assert _look(store_url) == {
        "revisions": [], "version": "1", "cleared_at": False, "alembic": False}  # fmt: skip
    store = Store(store_url)
    assert _look(store_url) == {
        "revisions": [head()], "version": str(SCHEMA_VERSION), "cleared_at": True,
        "alembic": True}  # fmt: skip
    assert _read_back(store) == kept
    assert store.last_red_flag_check("Robin")["cleared_at"] is None
    assert store.record_professional_clearance("Robin", seen_on=date.today()) is True
    assert store.last_red_flag_check("Robin")["cleared_at"] is not None


def test_a_version_two_log_from_before_migrations_is_stamped_and_kept(store_url):
    kept = _a_log_with_rows(store_url)
    _as_made_before_migrations(store_url, "2")
    assert _look(store_url) == {
        "revisions": [], "version": "2", "cleared_at": True, "alembic": False}  # fmt: skip
    store = Store(store_url)
    assert _look(store_url)["revisions"] == [head()]
    assert _read_back(store) == kept


def test_down_to_the_first_revision_and_up_again_keeps_the_rows(store_url):
    kept = _a_log_with_rows(store_url)
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        downgrade(conn, FIRST)
    engine.dispose()
    assert _look(store_url) == {
        "revisions": [FIRST], "version": "1", "cleared_at": False, "alembic": True}  # fmt: skip
    store = Store(store_url)  # brings it up again
    assert _look(store_url)["revisions"] == [head()]
    assert _read_back(store) == kept
    assert store.record_professional_clearance("Robin", seen_on=date.today()) is True


def test_a_log_of_an_unknown_newer_revision_is_refused_untouched(store_url, tmp_path):
    _a_log_with_rows(store_url)
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE {VERSION_TABLE} SET version_num = '0099_from_later'")
    engine.dispose()
    before = _files(tmp_path) if store_url.startswith("sqlite") else None
    with pytest.raises(StoreError, match=r"newer upperback.*0099_from_later.*Nothing was changed"):
        Store(store_url)
    if before is not None:
        assert _files(tmp_path) == before and _held_open(tmp_path) == []
    assert _look(store_url)["revisions"] == ["0099_from_later"]


def test_opening_an_up_to_date_log_needs_no_alembic(tmp_path):
    """Alembic takes about a third of a second to load: only a log to migrate pays it."""
    url = f"sqlite:///{tmp_path / 'log.db'}"
    Store(url).close()
    script = "import sys\nfrom upperback.store import Store\nStore(sys.argv[1]).close()\n"
    script += "print('alembic' in sys.modules)\n"
    opened = subprocess.run(
        [sys.executable, "-c", script, url], capture_output=True, text=True, check=True
    )
    assert opened.stdout.strip() == "False"


def test_clearances_from_before_version_five_are_the_clients_seen_that_day(store_url):
    """A log at 0004 knew only when a client cleared a check: after 0005 it was the client,
    seen on that (UTC) day; on the way down, who and when seen go and the clearance stays."""
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        upgrade(conn)
        downgrade(conn, "0004_hardened_log")
    engine.dispose()
    late_evening = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO clients (name, created_at) VALUES ('Robin', :t), ('Sam', :t)"),
            {"t": late_evening},
        )
        for name, cleared in (("Robin", late_evening), ("Sam", None)):
            conn.execute(
                sa.text(
                    "INSERT INTO red_flag_checks (client_id, checked_at, answers, any_yes, "
                    "cleared_at) SELECT id, :checked, :answers, true, :cleared FROM clients "
                    "WHERE name = :name"
                ),
                {
                    "checked": late_evening.replace(hour=8),
                    "cleared": cleared,
                    "name": name,
                    "answers": '{"fever": true}',
                },
            )
    engine.dispose()
    store = Store(store_url)
    robin, sam = (store.last_red_flag_check(name) for name in ("Robin", "Sam"))
    assert (robin["cleared_by"], robin["seen_on"]) == ("client", date(2026, 11, 30))
    assert robin["cleared_at"] == late_evening
    assert (sam["cleared_at"], sam["cleared_by"], sam["seen_on"]) == (None, None, None)
    store.close()
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        downgrade(conn, "0004_hardened_log")
        columns = {c["name"] for c in sa.inspect(conn).get_columns("red_flag_checks")}
        kept = conn.exec_driver_sql("SELECT cleared_at FROM red_flag_checks").scalars().all()
    engine.dispose()
    assert not {"cleared_by", "seen_on"} & columns
    assert sum(value is not None for value in kept) == 1


def test_the_log_refuses_a_clearance_by_anyone_but_the_client_or_their_coach(store_url):
    store = Store(store_url)
    store.record_red_flag_check("Robin", {"fever": True})
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE red_flag_checks SET cleared_by = 'neighbour'")
    store.close()


def _a_log_with_two_spellings_of_sam(url: str) -> None:
    """A log of version 5, from before names had keys, holding both "Sam" and "sam", each
    with a session, a warning-signs check and version 2 of their bridge routine."""
    from dataclasses import replace

    from upperback.routine_files import starter_routine
    from upperback.routine_history import Version

    store = Store(url)
    store.save_session(session(client="Sam", uid="sam-1"))
    store.record_red_flag_check("Sam", {"fever": True})
    bridge = replace(starter_routine("daily-bridge"), client="Sam")
    store.send_routine(bridge, Version(2, T0, "Bridge: 10 → 12 reps", "Easy twice.", ()))
    store.close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        downgrade(conn, "0005_clearance_details")
        tables = sa.MetaData()
        tables.reflect(conn)
        clients, sessions, checks, versions = (
            tables.tables[name]
            for name in ("clients", "sessions", "red_flag_checks", "routine_versions")
        )
        sam = conn.execute(clients.insert().values(name="sam", created_at=T0)).inserted_primary_key[
            0
        ]
        copy = {"client_id": sam}
        for table, key in ((sessions, "uid"), (checks, None), (versions, None)):
            row = dict(conn.execute(sa.select(table)).mappings().first())
            row.pop("id")
            conn.execute(table.insert().values({**row, **copy, **({key: "sam-2"} if key else {})}))
    engine.dispose()


def test_a_log_holding_two_spellings_of_one_person_is_named_to_the_admin_then_merged(
    store_url,
):
    from upperback.store import NameCollisionWarning

    _a_log_with_two_spellings_of_sam(store_url)
    with pytest.warns(NameCollisionWarning, match=r"'Sam' and 'sam'.*merge-names 'sam' 'Sam'"):
        store = Store(store_url)  # upgraded, nothing merged, nothing lost
    assert _look(store_url)["version"] == str(SCHEMA_VERSION)
    assert store.name_collisions() == [("Sam", "sam")]
    assert sorted(store.clients()) == ["Sam", "sam"]
    assert len(store.sessions()) == 2  # both kept
    assert [s.uid for s in store.sessions("sam")] == ["sam-1"]  # the first spelling's only

    assert store.merge_names("sam", "Sam") == 3  # a session, a check, a routine version
    assert store.clients() == ["Sam"] and store.name_collisions() == []
    assert sorted(s.uid for s in store.sessions("sam")) == ["sam-1", "sam-2"]
    assert sorted(s.version.number for s in store.sent_routines("SAM")) == [2, 4]
    assert store.for_client("sam").client == "Sam"
    store.close()
    with warnings.catch_warnings():
        warnings.simplefilter("error", NameCollisionWarning)
        Store(store_url).close()  # no warning once joined


def test_merge_names_on_the_command_line_joins_the_two_in_one_go(tmp_path, capsys):
    from upperback.cli import main

    url = f"sqlite:///{tmp_path / 'log.db'}"
    _a_log_with_two_spellings_of_sam(url)
    assert main(["clinic", "merge-names", "sam", "Sam", "--database", url]) == 0
    assert "'sam' is now part of 'Sam': 3 rows moved." in capsys.readouterr().out
    assert main(["clinic", "merge-names", "sam", "Sam", "--database", url]) == 1
    assert "already one client" in capsys.readouterr().err
    assert sorted(s.uid for s in Store(url).sessions("sam")) == ["sam-1", "sam-2"]
