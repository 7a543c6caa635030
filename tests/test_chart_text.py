"""The charts' text alternatives: each sentence against the numbers worked out by hand, at
the edges (no data, one session, too early, falling, rising, steady), and the page they
make: the image's alt text and its data under "Show as a table"."""

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from upperback.chart_text import (
    adherence_sentence,
    before_after_sentence,
    calendar_sentence,
    left_right_sentence,
    muscle_work_sentence,
    pain_sentence,
    progress_sentence,
    progress_tables,
)
from upperback.html import chart_html
from upperback.progress import progress
from upperback.progress_words import plain_summary

MONDAY = datetime(2026, 9, 7, 8, 0, tzinfo=UTC)  # a Monday
NO_SETS = pd.DataFrame(columns=["session", "exercise", "side"])


def frame(rows, *, per_week=3):
    """Sessions as Store.sessions_frame gives them: (days after MONDAY, before, after)."""
    data = pd.DataFrame(rows, columns=["day", "pain_before", "pain_after"])
    data["client"] = "Sam"
    data["started_at"] = pd.to_datetime([MONDAY + timedelta(days=d) for d in data["day"]], utc=True)
    data["times_per_day"] = pd.array([1] * len(data), dtype="Int64")
    data["days_per_week"] = pd.array([per_week] * len(data), dtype="Int64")
    for name in ("pain_before", "pain_after"):
        data[name] = data[name].astype("Int64")
    return data.drop(columns="day")


def of(rows, library, **options):
    return progress(frame(rows, **options), NO_SETS, library, client="Sam")


def weeks_of(pains):
    """Three sessions a week for as many weeks as ``pains``, each week's pain the same."""
    return [(7 * week + day, pain, pain) for week, pain in enumerate(pains) for day in (0, 2, 4)]


def test_no_data_is_said_for_every_chart_and_no_table_is_offered(library):
    empty = of([], library)
    words = progress_sentence(empty)
    assert "Pain over time: No pain scores yet." in words
    assert "Sessions each week against the plan: No weeks logged yet." in words
    assert "Calendar of sessions: No sessions logged yet." in words
    assert "Work per muscle: No muscle has worked yet." in words
    assert "Left against right: No one-sided sets done yet." in words
    assert progress_tables(empty) == {}


def test_one_session_gives_its_score_and_day(library):
    one = of([(0, 5, 3)], library)
    assert pain_sentence(one.trend, one.summary) == "One pain score so far: 5 out of 10 on 7 Sep."
    assert calendar_sentence(one.sessions) == "1 session on 7 Sep."
    assert before_after_sentence(one.sessions) == (
        "Pain was lower after the session than before in 1 of 1 session scored both times."
    )


def test_scores_over_less_than_the_trend_span_are_too_early(library):
    early = of([(0, 6, 5), (3, 5, 5), (10, 4, 4)], library)
    assert pain_sentence(early.trend, early.summary) == (
        "3 pain scores over 10 days, the latest 4 out of 10: too early to show a trend."
    )
    assert "Too early to show a trend." in early.words  # the summary says the same


@pytest.mark.parametrize(
    ("pains", "expected"),
    [
        ([6, 6, 5, 4, 4, 4], "Pain fell from 6.0 to 4.0 out of 10 over 6 weeks."),
        ([3, 3, 4, 5, 6, 6], "Pain rose from 3.0 to 6.0 out of 10 over 6 weeks."),
        ([4, 4, 4, 4, 4, 4], "Pain stayed at 4.0 out of 10 over 6 weeks."),
    ],
)
def test_the_trend_is_told_from_the_summarys_own_numbers(library, pains, expected):
    shown = of(weeks_of(pains), library)
    assert pain_sentence(shown.trend, shown.summary) == expected
    if pains[0] != pains[-1]:  # the plain summary gives the same two numbers
        start, now = expected.split("from ")[1].split(" out of")[0].split(" to ")
        assert f"from {start} to {now} out of 10" in plain_summary(shown.sessions)


def test_warnings_and_routine_changes_are_said_with_how_they_are_marked(library):
    rows = [*weeks_of([5, 5, 5, 5, 5])[:-1], (32, 5, 8)]  # the last session: pain rose to 8
    versions = pd.DataFrame(
        {
            "routine": ["Mat"],
            "version": pd.array([2], dtype="Int64"),
            "date": pd.to_datetime([MONDAY + timedelta(days=14)]),
            "change": ["more reps"],
        }
    )
    shown = progress(frame(rows), NO_SETS, library, client="Sam", versions=versions)
    words = progress_sentence(shown)
    assert "1 session had high or rising pain, marked with a red triangle." in words
    assert "The routine changed 1 time (v2), marked with a dash-dotted line." in words


def test_adherence_counts_planned_and_done_weeks():
    weekly = pd.DataFrame(
        {
            "week": pd.date_range("2026-11-02", periods=4, freq="7D"),
            "sessions": [3, 3, 2, 1],
            "target": pd.array([3, 3, 3, 3], dtype="Int64"),
            "met": [True, True, False, False],
        }
    )
    assert adherence_sentence(weekly) == (
        "9 of 12 planned sessions done over 4 weeks; 2 of 4 weeks met the plan."
    )
    unplanned = weekly.assign(target=pd.array([None] * 4, dtype="Int64"), met=pd.NA)
    assert adherence_sentence(unplanned) == "9 sessions done over 4 weeks, with no plan set."
    some = weekly.assign(target=pd.array([3, 3, None, None], dtype="Int64"))
    assert adherence_sentence(some).endswith(
        "6 of 6 planned sessions done over 4 weeks; 2 of 2 weeks met the plan. "
        "3 sessions in weeks with no plan set."
    )


def test_before_and_after_counts_higher_and_lower_and_skips_half_scored():
    sessions = pd.DataFrame(
        {
            "pain_before": pd.array([5, 4, 3, 6], dtype="Int64"),
            "pain_after": pd.array([3, 5, 3, None], dtype="Int64"),
        }
    )
    assert before_after_sentence(sessions) == (
        "Pain was lower after the session than before in 1 of 3 sessions scored both times, "
        "higher in 1."
    )


def test_muscle_work_names_the_top_three_and_leaves_out_steadying_work():
    work = pd.DataFrame(
        {
            "name": ["Rhomboids", "Trapezius", "Deltoid", "Core", "Biceps"],
            "role": ["primary", "secondary", "primary", "stabiliser", "secondary"],
            "tension_seconds": [720.0, 480.0, 60.0, 900.0, 0.0],
        }
    )
    assert muscle_work_sentence(work) == (
        "Most time under tension: Rhomboids (12 minutes), Trapezius (8 minutes) and "
        "Deltoid (1.0 minutes); 3 muscles worked in all."
    )


def test_left_right_names_the_move_and_the_side_that_did_more():
    balance = pd.DataFrame(
        {
            "exercise": ["can-openers", "side-plank", "wall-splat"],
            "left_work": [16.0, 30.0, 0.0],
            "right_work": [12.0, 30.0, 0.0],
        }
    )
    names = pd.Series({"can-openers": "Can openers", "side-plank": "Side plank"})
    assert left_right_sentence(balance, names) == (
        "Can openers: left 16, right 12 (more on the left); Side plank: left 30, right 30 (even)."
    )


def test_the_tables_hold_every_session_and_week_under_words(library):
    shown = of(weeks_of([6, 5, 4, 4, 4]), library)
    tables = progress_tables(shown)
    pain = tables["Pain over time"]
    assert len(pain) == 15 and list(pain.columns) == [
        "Date",
        "Pain before",
        "Pain after",
        "Rolling mean",
        "High or rising pain",
    ]
    assert pain["Date"].iloc[0] == "7 Sep" and pain["Pain before"].iloc[-1] == "4"
    weekly = tables["Sessions each week against the plan"]
    assert weekly["Sessions"].tolist() == [3] * 5 and weekly["Planned"].tolist() == ["3"] * 5
    assert not any("_" in column for table in tables.values() for column in table.columns)


def test_the_page_sets_the_sentence_as_alt_text_and_folds_the_tables():
    tables = {"Pain over time": pd.DataFrame({"Date": ["7 Sep"], "Pain before": ["5"]})}
    page = chart_html(b"\x89PNG", 'Pain fell "a lot" <b>', tables)
    assert 'alt="Pain fell &quot;a lot&quot; &lt;b&gt;"' in page  # escaped, whatever it says
    assert "<details" in page and "<summary>Show as a table</summary>" in page
    assert "<caption>Pain over time</caption>" in page and "<td>7 Sep</td>" in page
    assert "<details" not in chart_html(b"\x89PNG", "No sessions logged yet.", {})
