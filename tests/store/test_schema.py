"""Opening a log: made private, made when empty, and refused, untouched, when not ours."""

import contextlib
import os
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.store.sample import session
from upperback.store import Store, StoreError


def test_the_sqlite_files_are_readable_by_their_owner_only(tmp_path):
    Store(f"sqlite:///{tmp_path / 'private' / 'log.db'}").save_session(session())
    made = sorted((tmp_path / "private").iterdir())
    assert [p.name for p in made][:1] == ["log.db"]  # with its write-ahead log beside it
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in made)


def test_the_default_log_lives_in_the_workbook_folder(workbook_home):
    Store().save_session(session())
    assert (workbook_home / "sessions.db").is_file()


def _files(folder: Path) -> dict[str, bytes]:
    """Each file in ``folder`` with its bytes: a database and its -wal, -shm or -journal."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def _held_open(folder: Path) -> list[str]:
    """The files in ``folder`` that this process still has open (Linux only; else none)."""
    held = []
    for link in Path("/proc/self/fd").glob("*"):
        with contextlib.suppress(OSError):
            target = Path(os.readlink(link))
            if target.parent == folder:
                held.append(target.name)
    return held


def _mark_newer(store_url):
    store = Store(store_url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE upperback_meta SET value = '99' WHERE key = 'schema_version'")
        conn.exec_driver_sql("CREATE TABLE future_thing (x INTEGER)")
    store.close()


def test_a_newer_log_is_refused_and_left_untouched(store_url, tmp_path):
    store = Store(store_url)
    store.save_session(session())
    store.close()
    _mark_newer(store_url)
    before = _files(tmp_path) if store_url.startswith("sqlite") else None
    with pytest.raises(StoreError, match=r"newer upperback.*Nothing was changed"):
        Store(store_url)
    if before is not None:
        assert _files(tmp_path) == before and _held_open(tmp_path) == []
    engine = sa.create_engine(store_url)  # still the newer log, and nothing else
    with engine.connect() as conn:
        assert "future_thing" in sa.inspect(conn).get_table_names()
        assert conn.exec_driver_sql("SELECT value FROM upperback_meta").scalar() == "99"
    engine.dispose()


def test_a_database_of_another_program_is_refused_and_left_as_it_was(store_url, tmp_path):
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE invoices (id INTEGER)")
        conn.exec_driver_sql("INSERT INTO invoices VALUES (7)")
    engine.dispose()
    before = _files(tmp_path) if store_url.startswith("sqlite") else None
    with pytest.raises(StoreError, match="not an upperback session log; nothing was changed"):
        Store(store_url)
    if before is not None:
        assert _files(tmp_path) == before and _held_open(tmp_path) == []
    with engine.connect() as conn:
        assert sa.inspect(conn).get_table_names() == ["invoices"]
        assert conn.exec_driver_sql("SELECT id FROM invoices").scalars().all() == [7]
    engine.dispose()


def _other_programs_database(journal_mode):
    def make(path):
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute(f"PRAGMA journal_mode = {journal_mode}")
            conn.execute("CREATE TABLE invoices (id INTEGER)")
            conn.execute("INSERT INTO invoices VALUES (7)")
            conn.commit()

    return make


def _garbage(path):
    path.write_bytes(b"Name,Amount\nSam,12\n" * 40)  # a spreadsheet saved under a .db name


def _log_without_a_version(path):
    Store(f"sqlite:///{path}").close()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE upperback_meta SET value = 'soon' WHERE key = 'schema_version'")
        conn.commit()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_other_programs_database("DELETE"), "not an upperback session log"),
        (_other_programs_database("PERSIST"), "not an upperback session log"),  # keeps -journal
        (_other_programs_database("WAL"), "not an upperback session log"),
        (_garbage, "Cannot open the session log .*: file is not a database"),
        (_log_without_a_version, "has no readable schema version; nothing was changed"),
    ],
    ids=["rollback-journal", "persistent-journal", "write-ahead-log", "garbage", "no-version"],
)
def test_a_refused_sqlite_file_is_left_byte_for_byte_as_it_was(tmp_path, make, message):
    make(tmp_path / "other.db")
    before = _files(tmp_path)
    with pytest.raises(StoreError, match=message):
        Store(f"sqlite:///{tmp_path / 'other.db'}")
    assert _files(tmp_path) == before
    assert _held_open(tmp_path) == []


def test_a_database_open_in_another_program_keeps_its_data_and_its_write_ahead_log(tmp_path):
    path = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(path)) as other:
        other.execute("PRAGMA journal_mode = WAL")
        other.execute("PRAGMA wal_autocheckpoint = 0")  # its rows stay in the -wal file
        other.execute("CREATE TABLE invoices (id INTEGER)")
        other.execute("INSERT INTO invoices VALUES (7)")
        other.commit()
        before = _files(tmp_path)
        with pytest.raises(StoreError, match="not an upperback session log"):
            Store(f"sqlite:///{path}")
        after = _files(tmp_path)
        # The -shm file is SQLite's shared index of the -wal, not data: every reader, the
        # other program's own included, marks in it where it reads.
        assert sorted(after) == sorted(before) == ["other.db", "other.db-shm", "other.db-wal"]
        assert after["other.db"] == before["other.db"]
        assert after["other.db-wal"] == before["other.db-wal"]
        assert other.execute("SELECT id FROM invoices").fetchall() == [(7,)]
    assert _held_open(tmp_path) == []


def test_a_folder_in_place_of_the_file_is_refused_by_name(tmp_path):
    (tmp_path / "log.db").mkdir()
    with pytest.raises(StoreError, match=r"Cannot open the session log .*log\.db: Is a directory"):
        Store(f"sqlite:///{tmp_path / 'log.db'}")


def test_an_empty_file_becomes_a_log(tmp_path):
    (tmp_path / "log.db").touch()  # as a coach might make it before the first session
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    store.save_session(session())
    assert store.clients() == ["Sam"]


def test_a_log_that_cannot_be_created_says_where(tmp_path):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(StoreError, match="Cannot create the session log"):
        Store(f"sqlite:///{tmp_path / 'a-file' / 'log.db'}")
