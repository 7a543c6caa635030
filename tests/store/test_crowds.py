"""Crowds at the log: readers beside a writer, a class opening one database at once.

Every test that takes ``store_url`` runs on SQLite and on a real PostgreSQL server, with
real processes, since locks are held per process. Each waits a bounded time.
"""

import subprocess
import sys
import textwrap
import time

import sqlalchemy as sa

from tests.store.sample import session
from upperback.store import SCHEMA_VERSION, Store
from upperback.store.migrations import VERSION_TABLE, head
from upperback.store.schema import metadata

HOLD_SECONDS = 6.0  # how long the writer keeps its transaction open
WELL_UNDER_A_SECOND = 1.0  # generous: the machine is shared

# Saves sessions in one transaction for HOLD seconds, as a long import does.
LONG_WRITER = textwrap.dedent(
    """
    import sys, time
    from tests.store.sample import session
    from upperback.store import Store

    url, hold = sys.argv[1], float(sys.argv[2])
    store = Store(url)

    def import_for_a_while(conn):
        store._save(conn, session(client="Importer"))
        print("writing", flush=True)
        deadline = time.monotonic() + hold
        while time.monotonic() < deadline:
            store._save(conn, session(client="Importer", n_sets=50))

    store._write(import_for_a_while)
    print("committed", flush=True)
    """
)

# Waits for "go" on its input, so that every process starts at the same moment.
ON_CUE = textwrap.dedent(
    """
    import sys
    from tests.store.sample import session
    from upperback.sessions import SetLog
    from upperback.store import Store

    url, what = sys.argv[1], sys.argv[2]
    print("ready", flush=True)
    sys.stdin.readline()
    store = Store(url)
    if what == "add-robin":
        # Many sets keep the transaction open after the client is added: a wide window.
        sets = tuple(SetLog("plank", k % 50 + 1, hold_done=30.0) for k in range(500))
        store.save_session(session(client="Robin", sets=sets))
    print(store.clients(), flush=True)
    """
)


def _start(script, *args):
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _all_at_once(store_url, what, count):
    """Start ``count`` processes, then let them go at once; returns their exit codes."""
    crowd = [_start(ON_CUE, store_url, what) for _ in range(count)]
    try:
        for process in crowd:
            assert process.stdout.readline().strip() == "ready", process.stderr.read()
        for process in crowd:
            process.stdin.write("go\n")
            process.stdin.flush()
        results = [process.communicate(timeout=120) for process in crowd]
    finally:
        for process in crowd:
            process.kill()
    finished = zip(crowd, results, strict=True)
    return [(process.returncode, errors) for process, (_out, errors) in finished]


def _timed(work):
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def _during_a_long_write(store_url, check):
    """Run ``check()`` while another process holds a long write transaction."""
    writer = _start(LONG_WRITER, store_url, str(HOLD_SECONDS))
    try:
        assert writer.stdout.readline().strip() == "writing", writer.stderr.read()
        check()
        assert writer.poll() is None, "the writer finished before the check did"
        assert writer.stdout.readline().strip() == "committed", writer.stderr.read()
        assert writer.wait(timeout=60) == 0
    finally:
        writer.kill()


def test_a_reader_does_not_wait_for_a_writer(store_url):
    store = Store(store_url)
    store.save_session(session())

    def read():
        sessions, seconds = _timed(store.sessions)
        assert [s.client for s in sessions] == ["Sam"]  # the writer's work is not yet seen
        frame, frame_seconds = _timed(store.sessions_frame)
        assert frame["client"].tolist() == ["Sam"]
        assert max(seconds, frame_seconds) < WELL_UNDER_A_SECOND

    _during_a_long_write(store_url, read)
    assert store.clients() == ["Importer", "Sam"]


def test_the_log_opens_in_another_process_during_a_long_import(store_url):
    Store(store_url).save_session(session())

    def open_and_read():
        store, seconds = _timed(lambda: Store(store_url))
        assert seconds < WELL_UNDER_A_SECOND
        assert store.clients() == ["Sam"]
        store.close()

    _during_a_long_write(store_url, open_and_read)


def test_a_class_opening_an_empty_database_at_once_all_get_in(store_url):
    results = _all_at_once(store_url, "open", 12)
    assert results == [(0, "")] * 12
    engine = sa.create_engine(store_url)
    with engine.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) == {*metadata.tables, VERSION_TABLE}
        revisions = conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").all()
        versions = conn.exec_driver_sql("SELECT key, value FROM upperback_meta").all()
    engine.dispose()
    assert [tuple(row) for row in versions] == [("schema_version", str(SCHEMA_VERSION))]
    assert [tuple(row) for row in revisions] == [(head(),)]  # migrated once


def test_the_same_new_client_added_by_several_processes_at_once_is_one_client(store_url):
    Store(store_url).close()  # the schema exists; the race is over the new client
    results = _all_at_once(store_url, "add-robin", 4)
    assert results == [(0, "")] * 4
    store = Store(store_url)
    assert store.clients() == ["Robin"]
    assert len(store.sessions("Robin")) == 4
