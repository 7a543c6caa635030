"""Every summary, and a client's whole progress, for any subset of what a client may log.

A client may have logged nothing, one session, sessions with no pain scores, only sets they
skipped, no one-sided moves, or sets of an exercise a coach has since removed from the
tables. Each summary must still work, say what it can, and leave out what it cannot; the
logs go through a real store, so the frames are the ones the views and reports get.
"""

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upperback.analysis import (
    clinic_table,
    left_right,
    muscle_work,
    pain_summary,
    pain_trend,
    streaks,
    weekly_adherence,
)
from upperback.plots import progress_figure
from upperback.progress import load_progress
from upperback.rules import RED_FLAGS
from upperback.sessions import SessionRecord, SetLog
from upperback.store import Store

MONDAY = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # 90 days on still lies in the past
WEEKLY = {"times_per_day": 1, "days_per_week": 3}

PLANK = SetLog("plank", 1, hold_planned=30.0, hold_done=30.0)
SKIPPED = SetLog("plank", 1, hold_planned=30.0, hold_done=0.0, completed=False)
SKIPPED_SIDE = SetLog("side-plank", 1, side="left", hold_planned=20.0, hold_done=0.0,
                      completed=False)  # fmt: skip
REMOVED = SetLog("old-band-row", 1, reps_planned=10, reps_done=10)  # no longer in the tables
ONE_SIDE = SetLog("side-plank", 1, side="left", hold_planned=20.0, hold_done=20.0)


def session(day, sets=(PLANK,), before=5, after=4, prescription=WEEKLY, client="Sam"):
    return SessionRecord(client, "Routine", MONDAY + timedelta(days=day), pain_before=before,
                         pain_after=after, sets=tuple(sets), prescription=prescription)  # fmt: skip


CASES = {
    "no sessions": [],
    "no one-sided sets": [session(0), session(2)],
    "one session": [session(0, before=6, after=5)],
    "only skipped sets": [session(0, [SKIPPED]), session(3, [SKIPPED, SKIPPED_SIDE])],
    "no pain scores": [session(0, before=None, after=None), session(5, before=None, after=None)],
    "an exercise no longer in the tables": [session(0, [REMOVED]), session(1, [REMOVED, PLANK])],
    "sessions without sets": [session(0, []), session(8, [])],
    "no prescription": [session(0, prescription=None), session(9, prescription=None)],
    "only one side": [session(0, [ONE_SIDE])],
    "all of it at once": [session(0, [REMOVED, SKIPPED_SIDE], None, None, None)],
}


def store_with(tmp_path, sessions) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    for record in sessions:
        store.save_session(record)
    return store


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_every_summary_works_for_any_subset_of_data(tmp_path, library, case):
    logged = CASES[case]
    store = store_with(tmp_path, logged)
    sessions, sets = store.sessions_frame("Sam"), store.sets_frame("Sam")

    weekly = weekly_adherence(sessions)
    assert weekly["sessions"].sum() == len(logged)
    assert list(streaks(weekly).columns) == ["current_streak", "longest_streak"]
    assert len(pain_trend(sessions)) == len(logged)
    summary = pain_summary(sessions)
    table = clinic_table(sessions)
    assert list(table.index) == list(summary.index) == (["Sam"] if logged else [])
    work = muscle_work(sets, library.links, library.muscles)
    assert {"muscle", "role", "sets", "tension_seconds", "name"} <= set(work.columns)
    sides = left_right(sets)
    assert list(sides.columns) == ["exercise", "left_sets", "left_work", "right_sets",
                                   "right_work", "balance"]  # fmt: skip

    progress = load_progress(store, "Sam", library)
    assert progress.empty == (not logged) and progress.words
    assert {"week", "sessions", "target"} <= set(progress.weekly.columns)
    assert {"muscle", "tension_seconds"} <= set(progress.muscle_work.columns)
    assert progress_figure(progress, library) is not None


def progress_of(tmp_path, library, case):
    return load_progress(store_with(tmp_path, CASES[case]), "Sam", library)


def test_no_sessions_says_so(tmp_path, library):
    progress = progress_of(tmp_path, library, "no sessions")
    assert progress.words == "No sessions logged yet." and progress.summary is None


def test_no_one_sided_sets_leaves_the_sides_table_empty(tmp_path, library):
    progress = progress_of(tmp_path, library, "no one-sided sets")
    assert progress.left_right.empty
    assert "rectus-abdominis" in set(progress.muscle_work["muscle"])  # the plank still counts


def test_one_session_is_its_own_baseline(tmp_path, library):
    progress = progress_of(tmp_path, library, "one session")
    assert progress.summary["baseline"] == progress.summary["now"] == 6
    assert progress.weekly["sessions"].tolist() == [1]


def test_only_skipped_sets_count_as_sessions_but_as_no_work(tmp_path, library):
    progress = progress_of(tmp_path, library, "only skipped sets")
    assert progress.muscle_work.empty
    assert progress.left_right["left_sets"].tolist() == [0]  # tried, not done
    assert progress.weekly["sessions"].sum() == 2


def test_no_pain_scores_says_there_is_no_trend_yet(tmp_path, library):
    progress = progress_of(tmp_path, library, "no pain scores")
    assert "Not enough pain scores yet" in progress.words
    assert progress.summary["scored"] == 0 and not progress.summary["responder"]


def test_a_removed_exercise_counts_as_a_session_and_works_no_muscle(tmp_path, library):
    progress = progress_of(tmp_path, library, "an exercise no longer in the tables")
    assert progress.weekly["sessions"].sum() == 2
    plank_only = muscle_work(progress.sets[progress.sets["exercise"] == "plank"], library.links)
    assert progress.muscle_work["tension_seconds"].sum() == plank_only["tension_seconds"].sum()


def test_without_a_prescription_there_is_no_target_to_miss(tmp_path, library):
    progress = progress_of(tmp_path, library, "no prescription")
    assert progress.weekly["target"].isna().all()
    assert "planned sessions" not in progress.words


def test_a_client_whose_sessions_were_deleted_reads_as_no_sessions(tmp_path, library):
    store = store_with(tmp_path, [session(0)])
    store.record_red_flag_check("Sam", dict.fromkeys(RED_FLAGS, False))
    for row in store.sessions_frame("Sam").itertuples():
        store.delete_session(row.session)
    progress = load_progress(store, "Sam", library)
    assert progress.empty and progress.words == "No sessions logged yet."


# -- property: random small logs never break a summary -------------------------------------

set_logs = st.builds(
    SetLog,
    exercise=st.sampled_from(["plank", "side-plank", "can-openers", "seated-row", "gone-move"]),
    set_number=st.integers(1, 5),
    side=st.sampled_from([None, "left", "right"]),
    reps_planned=st.none() | st.integers(0, 30),
    reps_done=st.none() | st.integers(0, 30),
    hold_planned=st.none() | st.floats(0, 120),
    hold_done=st.none() | st.floats(0, 120),
    completed=st.booleans(),
)
records = st.builds(
    session,
    day=st.integers(0, 90),
    sets=st.lists(set_logs, max_size=4),
    before=st.none() | st.integers(0, 10),
    after=st.none() | st.integers(0, 10),
    prescription=st.none()
    | st.fixed_dictionaries(
        {"times_per_day": st.integers(1, 6), "days_per_week": st.integers(1, 7)}
    ),
    client=st.sampled_from(["Sam", "Ana"]),
)


# Each example runs every summary on a store of its own (about a second on a busy 2-core
# machine), so the examples are few.
@settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(logged=st.lists(records, max_size=6), until_day=st.none() | st.integers(-10, 120))
def test_random_small_logs_never_break_a_summary(tmp_path_factory, library, logged, until_day):
    store = store_with(tmp_path_factory.mktemp("log"), logged)
    sessions, sets = store.sessions_frame(), store.sets_frame()
    until = None if until_day is None else pd.Timestamp(MONDAY + timedelta(days=until_day))
    clients = {record.client for record in logged}

    weekly = weekly_adherence(sessions, until=until)
    # Up to a date, the weeks after it are left out; without one, every session counts.
    assert weekly["sessions"].sum() <= len(logged)
    assert until is not None or weekly["sessions"].sum() == len(logged)
    assert set(streaks(weekly).index) == clients
    table = clinic_table(sessions, until=until)
    assert set(table.index) == clients and (table["sessions"] >= 1).all()
    summary = pain_summary(sessions)
    assert (summary["scored"] <= summary["sessions"]).all()
    work = muscle_work(sets, library.links, library.muscles)
    assert (work["sets"] <= len(sets)).all()
    assert (left_right(sets)["balance"].dropna() >= 0).all()
    progress = load_progress(store, "Sam", library)
    assert progress.words and progress.empty == ("Sam" not in clients)
