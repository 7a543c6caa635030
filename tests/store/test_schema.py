"""Opening a log: made private, made when empty, and refused, untouched, when not ours."""

import sqlite3

import pytest

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


def _mark_newer(store_url):
    store = Store(store_url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE upperback_meta SET value = '99' WHERE key = 'schema_version'")
        conn.exec_driver_sql("CREATE TABLE future_thing (x INTEGER)")
    store.close()


def test_a_newer_log_is_refused_and_left_untouched(store_url, tmp_path):
    Store(store_url).save_session(session())
    _mark_newer(store_url)
    before = (tmp_path / "log.db").read_bytes() if store_url.startswith("sqlite") else None
    with pytest.raises(StoreError, match=r"newer upperback.*Nothing was changed"):
        Store(store_url)
    if before is not None:
        assert (tmp_path / "log.db").read_bytes() == before


def test_a_database_that_is_not_a_log_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="not an upperback session log"):
        Store(f"sqlite:///{path}")


def test_a_log_that_cannot_be_created_says_where(tmp_path):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(StoreError, match="Cannot create the session log"):
        Store(f"sqlite:///{tmp_path / 'a-file' / 'log.db'}")
