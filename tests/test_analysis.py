"""Every summary against values worked out by hand on small logs, edge cases included."""

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from upperback.analysis import (
    clinic_table,
    left_right,
    muscle_work,
    pain_summary,
    pain_trend,
    streaks,
    weekly_adherence,
)
from upperback.progress_words import plain_summary
from upperback.sessions import SessionRecord, SetLog
from upperback.store import Store

MONDAY = datetime(2026, 9, 7, 8, 0, tzinfo=UTC)  # a Monday


def frame(rows):
    """Sessions as Store.sessions_frame gives them: (days after MONDAY, before, after)."""
    data = pd.DataFrame(rows, columns=["day", "pain_before", "pain_after"])
    data["client"] = "Sam"
    data["started_at"] = pd.to_datetime([MONDAY + timedelta(days=d) for d in data["day"]], utc=True)
    data["times_per_day"] = pd.array([1] * len(data), dtype="Int64")
    data["days_per_week"] = pd.array([3] * len(data), dtype="Int64")
    for name in ("pain_before", "pain_after"):
        data[name] = data[name].astype("Int64")
    return data.drop(columns="day")


# -- adherence ---------------------------------------------------------------------------


def test_weekly_adherence_counts_empty_weeks_and_the_target():
    sessions = frame([(0, 5, 4), (2, 5, 4), (4, 5, 4), (8, 5, 4), (22, 4, 3)])
    weekly = weekly_adherence(sessions)
    assert weekly["sessions"].tolist() == [3, 1, 0, 1]
    assert weekly["target"].tolist() == [3, 3, 3, 3]
    assert weekly["met"].tolist() == [True, False, False, False]
    assert weekly["ratio"].round(3).tolist() == [1.0, 0.333, 0.0, 0.333]
    assert weekly["week"].dt.day_of_week.eq(0).all()


def test_adherence_runs_to_a_given_date():
    weekly = weekly_adherence(frame([(0, 5, 4)]), until=pd.Timestamp(MONDAY + timedelta(days=15)))
    assert weekly["sessions"].tolist() == [1, 0, 0]


def test_adherence_of_no_sessions_is_an_empty_table():
    empty = frame([])
    assert weekly_adherence(empty).empty and streaks(weekly_adherence(empty)).empty


def test_streaks_count_whole_weeks_on_target():
    weekly = pd.DataFrame({"client": "Sam", "met": [True, True, True, False, True, True, False]})
    assert streaks(weekly).loc["Sam"].tolist() == [2, 3]  # this week is still under way
    weekly = pd.DataFrame({"client": "Sam", "met": [False, True, True]})
    assert streaks(weekly).loc["Sam"].tolist() == [2, 2]


# -- pain --------------------------------------------------------------------------------


def test_pain_trend_baseline_rolling_mean_and_important_change():
    # Baseline: the first 14 days (days 0, 3, 10): (6 + 6 + 3) / 3 = 5.
    rows = [(0, 6, 5), (3, 6, 5), (10, 3, 3), (20, 4, 3), (30, 2, 2), (40, 1, 1), (50, 2, 2)]
    trend = pain_trend(frame(rows))
    assert trend["baseline"].unique().tolist() == [5.0]
    # Rolling mean of pain before over the last five sessions, at the last session:
    # (3 + 4 + 2 + 1 + 2) / 5 = 2.4, a change of -2.6 (-52%).
    last = trend.iloc[-1]
    assert last["rolling"] == pytest.approx(2.4)
    assert last["change"] == pytest.approx(-2.6) and last["change_pct"] == pytest.approx(-0.52)
    assert bool(last["important"])
    # At day 20 the rolling mean is (6+6+3+4)/4 = 4.75: a drop of 0.25, not important.
    assert not bool(trend.iloc[3]["important"])


def test_a_thirty_percent_drop_counts_even_when_under_two_points():
    # Baseline 3; later sessions at 2: rolling mean falls to 2 once the early ones roll out.
    rows = [(0, 3, 3), (1, 3, 3)] + [(20 + d, 2, 2) for d in range(5)]
    last = pain_trend(frame(rows)).iloc[-1]
    assert last["change"] == pytest.approx(-1.0) and bool(last["important"])


def test_warnings_mark_high_or_rising_pain():
    trend = pain_trend(frame([(0, 3, 5), (1, 7, 6), (2, 4, 5), (3, 2, 8)]))
    assert trend["warning"].tolist() == [True, True, False, True]


def test_pain_summary_now_against_baseline_and_responder():
    rows = [(0, 6, 5), (3, 6, 5), (10, 3, 3), (40, 3, 3), (50, 2, 2)]
    summary = pain_summary(frame(rows)).loc["Sam"]
    assert summary["baseline"] == pytest.approx(5.0)
    assert summary["now"] == pytest.approx(2.5)  # days 40 and 50: the last two weeks
    assert summary["change"] == pytest.approx(-2.5) and bool(summary["responder"])
    assert summary["sessions"] == 5 and summary["scored"] == 5


def test_missing_pain_scores_are_left_out_not_counted_as_zero():
    sessions = frame([(0, 6, 5), (1, None, None), (30, 4, None)])
    summary = pain_summary(sessions).loc["Sam"]
    assert summary["baseline"] == pytest.approx(6.0) and summary["now"] == pytest.approx(4.0)
    assert summary["scored"] == 2


def test_no_scores_at_all_means_no_baseline_and_no_responder():
    summary = pain_summary(frame([(0, None, None), (9, None, None)])).loc["Sam"]
    assert pd.isna(summary["baseline"]) and not summary["responder"]
    assert "Not enough pain scores" in plain_summary(frame([(0, None, None)]))


def test_one_session_is_its_own_baseline():
    summary = pain_summary(frame([(0, 4, 3)])).loc["Sam"]
    assert summary["baseline"] == summary["now"] == 4 and summary["change"] == 0


def test_plain_summary_speaks_honestly():
    rows = [(0, 6, 5), (3, 6, 5), (10, 3, 3), (42, 3, 3), (44, 2, 2)]  # days 42, 44: Mon, Wed
    text = plain_summary(frame(rows))
    assert "Pain down 2.5 points since you started (from 5.0 to 2.5 out of 10)" in text
    assert "clinically important improvement" in text
    assert "2 of 3 planned sessions this week" in text and "0 of 3 last week" in text
    small = plain_summary(frame([(0, 5, 5), (30, 4, 4)]))
    assert (
        "Not yet a clear improvement: that takes a fall of 2 points, or of 30% and at least 1"
        in small
    )
    assert plain_summary(frame([])) == "No sessions logged yet."


def test_plain_summary_speaks_to_a_coach_about_the_client():
    rows = [(0, 6, 5), (3, 6, 5), (10, 3, 3), (42, 3, 3), (44, 2, 2)]
    text = plain_summary(frame(rows), about="Sam")
    assert "Sam's pain is down 2.5 points since they started" in text
    assert "you" not in text.lower().split()
    early = plain_summary(frame([(0, 5, 5), (2, 4, 4)]), about="Sam")
    assert "Pain at Sam's latest session" in early and "your" not in early


def test_counts_in_the_summary_have_the_right_plural():
    one_warning = plain_summary(frame([(0, 8, 9)]))
    assert "1 session had high or rising pain" in one_warning
    two = plain_summary(frame([(0, 8, 9), (1, 7, 9)]))
    assert "2 sessions had high or rising pain" in two
    single_target = frame([(0, 4, 4)]).assign(days_per_week=pd.array([1], dtype="Int64"))
    assert "1 of 1 planned session this week." in plain_summary(single_target)


def test_the_clinic_table_carries_the_warning_signs_check():
    signs = pd.DataFrame(
        {"status": ["yes: not cleared"], "any_yes": [True], "waiting": [True], "urgent": [False]},
        index=pd.Index(["Sam"], name="client"),
    )
    both = pd.concat([frame([(0, 4, 4)]), frame([(0, 3, 3)]).assign(client="Ana")])
    table = clinic_table(both, warning_signs=signs)
    assert table.loc["Sam", "flagged"] and not table.loc["Ana", "flagged"]
    assert table.loc["Ana", "warning_signs"] == "never checked"
    assert table.loc["Sam", "warning_signs"] == "yes: not cleared"  # short, for a narrow table


# -- work per muscle and sides ------------------------------------------------------------


def sets_frame(rows):
    columns = [
        "exercise",
        "side",
        "reps_planned",
        "reps_done",
        "hold_planned",
        "hold_done",
        "completed",
    ]
    data = pd.DataFrame(rows, columns=columns)
    for name in ("reps_planned", "reps_done"):
        data[name] = data[name].astype("Int64")
    for name in ("hold_planned", "hold_done"):
        data[name] = data[name].astype("Float64")
    return data


def test_work_per_muscle_counts_holds_and_reps_by_role(library):
    sets = sets_frame(
        [
            ("plank", None, None, None, 30.0, 30.0, True),  # a 30 s hold
            ("plank", None, None, None, 30.0, 12.0, False),  # cut short: 12 s, not a set done
            ("seated-row", None, 10, 10, None, None, True),  # 10 reps x 3 s
            ("can-openers", "left", 8, 8, 3.0, None, True),  # 8 reps x (3 s + 3 s hold)
        ]
    )
    work = muscle_work(sets, library.links).set_index(["muscle", "role"])
    rectus = work.loc[("rectus-abdominis", "primary")]  # the plank's primary only
    assert (rectus["sets"], rectus["hold_seconds"], rectus["tension_seconds"]) == (1, 42.0, 42.0)
    lats = work.loc[("latissimus-dorsi", "primary")]  # the row's
    assert (lats["sets"], lats["reps"], lats["tension_seconds"]) == (1, 10, 30.0)
    rhomboid = work.loc[("rhomboid-major", "primary")]  # row + can openers
    assert (rhomboid["sets"], rhomboid["reps"]) == (2, 18)
    assert rhomboid["tension_seconds"] == pytest.approx(30 + 8 * 6)


def test_a_client_who_only_held_still_shows_work(library):
    sets = sets_frame([("cobra", None, None, None, 20.0, 20.0, True)] * 3)
    work = muscle_work(sets, library.links)
    erector = work[(work["muscle"] == "erector-spinae") & (work["role"] == "primary")].iloc[0]
    assert erector["sets"] == 3 and erector["reps"] == 0 and erector["tension_seconds"] == 60.0


def test_left_against_right(library):
    sets = sets_frame(
        [
            ("side-plank", "left", None, None, 20.0, 15.0, True),
            ("side-plank", "right", None, None, 20.0, 20.0, True),
            ("can-openers", "left", 8, 6, 3.0, None, True),
            ("can-openers", "right", 8, 8, 3.0, None, True),
            ("plank", None, None, None, 30.0, 30.0, True),  # two-sided: left out
        ]
    )
    table = left_right(sets).set_index("exercise")
    assert (
        table.loc["side-plank", "left_work"] == 15.0
        and table.loc["side-plank", "right_work"] == 20.0
    )
    assert table.loc["side-plank", "balance"] == pytest.approx(0.75)
    assert table.loc["can-openers", "balance"] == pytest.approx(0.75)
    assert "plank" not in table.index


def test_summaries_from_a_real_store(tmp_path, library):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    for day, pain in [(0, 6), (2, 6), (4, 5), (30, 3), (32, 2)]:
        store.save_session(
            SessionRecord(
                "Sam",
                "Thoracic five",
                MONDAY + timedelta(days=day),
                pain_before=pain,
                pain_after=pain - 1,
                sets=(SetLog("plank", 1, hold_planned=30.0, hold_done=30.0),),
                prescription={"times_per_day": 1, "days_per_week": 3},
            )
        )
    sessions = store.sessions_frame("Sam")
    table = clinic_table(sessions)
    assert table.loc["Sam", "sessions"] == 5
    assert table.loc["Sam", "baseline"] == pytest.approx(17 / 3)
    assert bool(table.loc["Sam", "responder"])
    work = muscle_work(store.sets_frame("Sam"), library.links)
    assert work["tension_seconds"].max() == 150.0
