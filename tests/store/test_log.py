"""The session log: nothing a client logs is lost, nothing half-written is kept.

Every test that takes ``store_url`` runs on SQLite and on a real PostgreSQL server.
"""

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.store.sample import T0, session
from upperback.rules import RED_FLAGS
from upperback.sessions import SessionError, SetLog
from upperback.store import Store, StoreError


def test_a_session_and_its_sets_come_back_as_saved(store_url):
    store = Store(store_url)
    saved = store.save_session(session())
    [loaded] = store.sessions("Sam")
    assert loaded == saved and loaded.id is not None
    assert loaded.sets[2].note == "set 3" and loaded.prescription["name"] == "Daily bridge"
    assert store.clients() == ["Sam"]


def test_several_sessions_a_day_are_kept_in_order(store_url):
    store = Store(store_url)
    for hours in (9, 1, 5):
        store.save_session(session(when=T0 + timedelta(hours=hours)))
    starts = [s.started_at.hour for s in store.sessions("Sam")]
    assert starts == [8, 12, 16]


def test_a_past_session_can_be_corrected_or_deleted(store_url):
    store = Store(store_url)
    saved = store.save_session(session())
    other = store.save_session(session(client="Alex"))
    from dataclasses import replace

    store.save_session(replace(saved, pain_after=2, sets=saved.sets[:1]))
    [fixed] = store.sessions("Sam")
    assert fixed.pain_after == 2 and len(fixed.sets) == 1
    assert store.delete_session(saved.id) is True
    assert store.sessions("Sam") == [] and store.delete_session(saved.id) is False
    assert len(store.sessions("Alex")[0].sets) == len(other.sets)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"pain_before": 11}, "pain_before"),
        ({"pain_after": -1}, "pain_after"),
        ({"pain_after": 3.5}, "pain_after"),
        ({"effort": 10.5}, "effort"),
        ({"effort": 2.3}, "effort"),
        ({"client": " "}, "client"),
        ({"started_at": datetime(2026, 1, 1)}, "started_at"),
        ({"ended_at": T0 - timedelta(hours=1)}, "ended_at"),
        ({"sets": (SetLog("plank", 0),)}, "set_number"),
        ({"sets": (SetLog("plank", 1, side="middle"),)}, "side"),
        ({"sets": (SetLog("plank", 1, hold_done=-4.0),)}, "hold_done"),
    ],
)
def test_a_wrong_value_is_named_and_nothing_is_written(store_url, changes, field):
    store = Store(store_url)
    with pytest.raises(SessionError, match=f"field '{field}'"):
        store.save_session(session(**changes))
    assert store.sessions() == []


def test_the_red_flag_check_is_stored_with_its_date(store_url):
    store = Store(store_url)
    assert store.last_red_flag_check("Sam") is None
    answers = dict.fromkeys(RED_FLAGS, False)
    assert store.record_red_flag_check("Sam", answers) is False
    answers["fever"] = True
    assert store.record_red_flag_check("Sam", answers) is True
    latest = store.last_red_flag_check("Sam")
    assert latest["any_yes"] and latest["answers"]["fever"]
    assert abs(latest["checked_at"] - datetime.now(UTC)) < timedelta(minutes=1)


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from upperback.sessions import SessionRecord, SetLog
    from upperback.store import Store

    url, name, count, sets = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    store = Store(url)
    print("ready", flush=True)
    for n in range(count):
        logged = tuple(SetLog("plank", k % 50 + 1, hold_planned=30.0, hold_done=30.0)
                       for k in range(sets))
        store.save_session(SessionRecord(name, "r", datetime.now(UTC), notes=str(sets),
                                         sets=logged))
    """
)


def _writer(url, name, count, sets):
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, url, name, str(count), str(sets)],
        stdout=subprocess.PIPE,
        text=True,
    )


def test_two_writers_at_once_lose_nothing(store_url):
    Store(store_url).close()  # the schema exists before the race starts
    writers = [_writer(store_url, name, 40, 10) for name in ("Sam", "Alex")]
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    store = Store(store_url)
    for name in ("Sam", "Alex"):
        logged = store.sessions(name)
        assert len(logged) == 40 and all(len(s.sets) == 10 for s in logged)


def test_a_writer_killed_mid_write_leaves_only_whole_sessions(store_url):
    Store(store_url).close()
    writer = _writer(store_url, "Sam", 100_000, 400)
    assert writer.stdout.readline().strip() == "ready"
    time.sleep(2.0)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    store = Store(store_url)  # opens cleanly
    logged = store.sessions("Sam")
    assert logged, "the writer saved nothing before it was killed"
    assert all(len(s.sets) == int(s.notes) == 400 for s in logged)
    if store_url.startswith("sqlite"):
        path = store_url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_frames_for_summaries_read_the_same_on_every_database(store_url):
    store = Store(store_url)
    store.save_session(session(prescription={"times_per_day": 2, "days_per_week": 3}))
    store.save_session(session(client="Alex", when=T0 + timedelta(days=1), prescription=None))
    frame = store.sessions_frame()
    assert frame["client"].tolist() == ["Sam", "Alex"]
    assert frame["started_at"].tolist() == [T0, T0 + timedelta(days=1)]
    assert str(frame["started_at"].dt.tz) == "UTC"
    assert frame["times_per_day"].tolist()[0] == 2 and frame["days_per_week"].isna().tolist() == [
        False,
        True,
    ]
    sets = store.sets_frame("Sam")
    assert len(sets) == 3 and sets["hold_done"].tolist() == [20.0] * 3
    assert sets["completed"].all() and sets["side"].tolist() == ["left"] * 3
    assert store.sessions_frame("Nobody").empty and store.sets_frame("Nobody").empty


def test_a_log_that_cannot_be_written_says_so_and_keeps_the_entry(tmp_path):
    Store(f"sqlite:///{tmp_path / 'log.db'}").save_session(session())
    read_only = Store(f"sqlite:///file:{tmp_path / 'log.db'}?mode=ro&uri=true")
    entry = session(client="Alex")
    with pytest.raises(StoreError, match=r"could not be written.*Nothing was saved"):
        read_only.save_session(entry)
    assert [s.client for s in read_only.sessions()] == ["Sam"]
