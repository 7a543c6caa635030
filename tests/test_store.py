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

from upperback.rules import RED_FLAGS
from upperback.sessions import SessionError, SessionRecord, SetLog
from upperback.store import Store, StoreError

T0 = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)


def session(client="Sam", when=T0, n_sets=3, **changes):
    logged = tuple(
        SetLog("side-plank", n, "left", hold_planned=20.0, hold_done=20.0, note=f"set {n}")
        for n in range(1, n_sets + 1)
    )
    values = dict(
        client=client,
        routine="Daily bridge",
        started_at=when,
        ended_at=when + timedelta(minutes=12),
        pain_before=5,
        pain_after=3,
        effort=4.0,
        notes="felt loose",
        sets=logged,
        prescription={"format": "upperback-routine", "version": 1, "name": "Daily bridge"},
    )
    values.update(changes)
    return SessionRecord(**values)


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


def test_csv_round_trip_is_lossless(store_url, tmp_path):
    store = Store(store_url)
    store.save_session(session(notes='=HYPERLINK("x")', pain_after=None, effort=0.5))
    store.save_session(session(client="Alex", n_sets=0, notes="no sets, just notes"))
    store.save_session(session(client="Émile, Jr.", when=T0 + timedelta(days=1), notes="a\nb"))
    exported = store.export_csv(tmp_path / "log.csv")

    fresh = Store(f"sqlite:///{tmp_path / 'other.db'}")
    assert fresh.import_csv(tmp_path / "log.csv") == 3
    assert fresh.export_csv() == exported
    assert [(s.client, s.uid, s.sets) for s in fresh.sessions()] == [
        (s.client, s.uid, s.sets) for s in store.sessions()
    ]
    assert fresh.import_csv(tmp_path / "log.csv") == 0  # importing twice adds nothing


def test_exported_text_cannot_run_as_a_spreadsheet_formula(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    for text in ("=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx"):
        store.save_session(session(notes=text))
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(store.export_csv())))
    assert {row["session_notes"][0] for row in rows} == {"'"}


def test_a_bad_import_names_each_row_and_writes_nothing(store_url, tmp_path):
    source = Store(f"sqlite:///{tmp_path / 'source.db'}")
    source.save_session(session(n_sets=3))
    lines = source.export_csv().splitlines()
    lines[2] = lines[2].replace(",5,3,4.0,", ",15,3,4.0,")  # pain before 15 on line 3
    lines[3] = lines[3].replace(",true,", ",maybe,")  # line 4
    (tmp_path / "bad.csv").write_text("\n".join(lines) + "\n")

    store = Store(store_url)
    with pytest.raises(SessionError) as caught:
        store.import_csv(tmp_path / "bad.csv")
    text = str(caught.value)
    assert "bad.csv, line 3" in text and "pain_before" in text
    assert "bad.csv, line 4" in text and "completed" in text
    assert store.sessions() == []


def test_an_import_missing_columns_is_refused(tmp_path):
    (tmp_path / "x.csv").write_text("date,exercise\n2026-01-01,plank\n")
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    with pytest.raises(SessionError, match="line 1: missing column"):
        store.import_csv(tmp_path / "x.csv")


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


def test_a_log_that_cannot_be_written_says_so_and_keeps_the_entry(tmp_path):
    Store(f"sqlite:///{tmp_path / 'log.db'}").save_session(session())
    read_only = Store(f"sqlite:///file:{tmp_path / 'log.db'}?mode=ro&uri=true")
    entry = session(client="Alex")
    with pytest.raises(StoreError, match=r"could not be written.*Nothing was saved"):
        read_only.save_session(entry)
    assert [s.client for s in read_only.sessions()] == ["Sam"]


def test_a_log_that_cannot_be_created_says_where(tmp_path):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(StoreError, match="Cannot create the session log"):
        Store(f"sqlite:///{tmp_path / 'a-file' / 'log.db'}")


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
