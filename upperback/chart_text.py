"""What each chart shows, in a sentence and as a table: the charts' text alternative.

A chart is an image; a person who cannot see it reads the sentence (the image's alt text)
or opens the data as a table. Both come from the frames of a :class:`Progress`, the same
numbers the charts and the summary use, so the words never disagree with the picture.
Every function copes with no data. The muscle charts (the grid of exercises by muscles,
the map) are put in words here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from upperback.rules.pain import trend_wait
from upperback.text import plural
from upperback.workbook import local_zone

if TYPE_CHECKING:
    from upperback.progress import Progress

__all__ = [
    "CHART_TITLES",
    "adherence_sentence",
    "before_after_sentence",
    "calendar_sentence",
    "left_right_sentence",
    "muscle_map_sentence",
    "muscle_matrix_sentence",
    "muscle_work_sentence",
    "pain_sentence",
    "progress_sentence",
    "progress_tables",
]

# The progress figure's charts, in the order they are drawn, by their titles.
CHART_TITLES = {
    "pain": "Pain over time",
    "before_after": "Pain before and after each session",
    "weekly": "Sessions each week against the plan",
    "calendar": "Calendar of sessions",
    "muscles": "Work per muscle",
    "sides": "Left against right",
}
STEADY = 0.05  # points: a change that rounds to nothing at one decimal is no change


def _day(moment: pd.Timestamp) -> str:
    shown = pd.Timestamp(moment).tz_convert(local_zone())
    return f"{shown.day} {shown:%b}"


def _span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """How long from the first to the last: "6 weeks", "10 days", "1 day"."""
    days = (last - first) / pd.Timedelta(days=1)
    if days >= 14:
        return plural(round(days / 7), "week")
    return plural(max(round(days), 1), "day")


def pain_sentence(trend: pd.DataFrame, summary: pd.Series | None) -> str:
    """The pain chart in words: from the baseline to now over how long, or the scores so far.

    ``trend`` is :func:`upperback.analysis.pain_trend`, ``summary`` the client's row of
    :func:`upperback.analysis.pain_summary`, the numbers of the plain summary.

    Examples
    --------
    >>> pain_sentence(pd.DataFrame(columns=["started_at", "pain_before"]), None)
    'No pain scores yet.'
    """
    scored = trend[trend["pain_before"].notna()] if len(trend) else trend
    if scored.empty or summary is None:
        return "No pain scores yet."
    when = scored["started_at"]
    if len(scored) == 1:
        score = float(scored["pain_before"].iloc[0])
        return f"One pain score so far: {score:g} out of 10 on {_day(when.iloc[0])}."
    span = (when.max() - when.min()) / pd.Timedelta(days=1)
    if trend_wait(span):
        latest = float(scored.sort_values("started_at")["pain_before"].iloc[-1])
        return (
            f"{len(scored)} pain scores over {_span(when.min(), when.max())}, the latest "
            f"{latest:g} out of 10: too early to show a trend."
        )
    start, now = float(summary["baseline"]), float(summary["now"])
    over = _span(when.min(), when.max())
    if abs(now - start) < STEADY:
        return f"Pain stayed at {now:.1f} out of 10 over {over}."
    verb = "fell" if now < start else "rose"
    return f"Pain {verb} from {start:.1f} to {now:.1f} out of 10 over {over}."


def _warnings_sentence(trend: pd.DataFrame) -> str:
    warned = int(trend["warning"].astype(bool).sum()) if len(trend) else 0
    if not warned:
        return ""
    return f"{plural(warned, 'session')} had high or rising pain, marked with a red triangle."


def _versions_sentence(versions: pd.DataFrame) -> str:
    if versions.empty:
        return ""
    labels = ", ".join(f"v{int(number)}" for number in versions["version"])
    changes = plural(len(versions), "time")
    return f"The routine changed {changes} ({labels}), marked with a dash-dotted line."


def before_after_sentence(sessions: pd.DataFrame) -> str:
    """Whether sessions helped on the day: how many ended with less pain than they began.

    Examples
    --------
    >>> before_after_sentence(pd.DataFrame(columns=["pain_before", "pain_after"]))
    'No session has a pain score both before and after yet.'
    """
    both = sessions.dropna(subset=["pain_before", "pain_after"]) if len(sessions) else sessions
    if both.empty:
        return "No session has a pain score both before and after yet."
    change = both["pain_after"].astype(float) - both["pain_before"].astype(float)
    lower, higher = int((change < 0).sum()), int((change > 0).sum())
    parts = [
        f"Pain was lower after the session than before in {lower} of "
        f"{plural(len(both), 'session')} scored both times"
    ]
    if higher:
        parts.append(f"higher in {higher}")
    return ", ".join(parts) + "."


def adherence_sentence(weekly: pd.DataFrame) -> str:
    """Sessions done against planned over the weeks shown, and how many weeks met the plan.

    Examples
    --------
    >>> weeks = pd.DataFrame({"week": pd.date_range("2026-11-02", periods=2, freq="7D"),
    ...                       "sessions": [3, 1], "target": [3, 3], "met": [True, False]})
    >>> adherence_sentence(weeks)
    '4 of 6 planned sessions done over 2 weeks; 1 of 2 weeks met the plan.'
    """
    if weekly.empty:
        return "No weeks logged yet."
    done = int(weekly["sessions"].sum())
    weeks = plural(len(weekly), "week")
    planned = weekly["target"].astype("Float64")
    if planned.isna().all():
        return f"{plural(done, 'session')} done over {weeks}, with no plan set."
    with_plan = planned.notna()
    planned_done = int(weekly.loc[with_plan.to_numpy(), "sessions"].sum())
    met = int(weekly["met"].astype("boolean").fillna(False).sum())
    sentence = (
        f"{planned_done} of {plural(int(planned.sum()), 'planned session')} done over "
        f"{weeks}; {met} of {plural(int(with_plan.sum()), 'week')} met the plan."
    )
    if not with_plan.all():
        sentence += f" {plural(done - planned_done, 'session')} in weeks with no plan set."
    return sentence


def calendar_sentence(sessions: pd.DataFrame) -> str:
    """How many sessions, on how many days, from when to when.

    Examples
    --------
    >>> calendar_sentence(pd.DataFrame(columns=["started_at"]))
    'No sessions logged yet.'
    """
    if sessions.empty:
        return "No sessions logged yet."
    when = sessions["started_at"]
    days = when.dt.tz_convert(local_zone()).dt.date.nunique()
    if days == 1:
        return f"{plural(len(sessions), 'session')} on {_day(when.min())}."
    return (
        f"{plural(len(sessions), 'session')} on {days} days, from {_day(when.min())} to "
        f"{_day(when.max())}."
    )


def _minutes(seconds: float) -> str:
    minutes = seconds / 60
    return f"{minutes:.0f} minutes" if minutes >= 1.5 else f"{minutes:.1f} minutes"


def muscle_work_sentence(work: pd.DataFrame) -> str:
    """Which muscles worked most, with their minutes under tension.

    Examples
    --------
    >>> muscle_work_sentence(pd.DataFrame(columns=["muscle", "role", "tension_seconds"]))
    'No muscle has worked yet.'
    """
    moved = work[work["role"].isin(["primary", "secondary"])] if len(work) else work
    label = "name" if "name" in work else "muscle"
    totals = moved.groupby(label)["tension_seconds"].sum().sort_values(ascending=False)
    totals = totals[totals > 0]
    if totals.empty:
        return "No muscle has worked yet."
    top = [f"{name} ({_minutes(seconds)})" for name, seconds in totals.head(3).items()]
    listed = top[0] if len(top) == 1 else ", ".join(top[:-1]) + " and " + top[-1]
    return f"Most time under tension: {listed}; {plural(len(totals), 'muscle')} worked in all."


def left_right_sentence(balance: pd.DataFrame, names: pd.Series | None = None) -> str:
    """Left against right for each one-sided move, and which side did more.

    Examples
    --------
    >>> left_right_sentence(pd.DataFrame(columns=["exercise", "left_work", "right_work"]))
    'No one-sided sets done yet.'
    """
    done = balance[balance["left_work"] + balance["right_work"] > 0] if len(balance) else balance
    if done.empty:
        return "No one-sided sets done yet."
    parts = []
    for _, row in done.iterrows():
        name = names.get(row["exercise"], row["exercise"]) if names is not None else row["exercise"]
        left, right = float(row["left_work"]), float(row["right_work"])
        more = (
            "even"
            if left == right
            else "more on the left"
            if left > right
            else ("more on the right")
        )
        parts.append(f"{name}: left {left:g}, right {right:g} ({more})")
    return "; ".join(parts) + "."


def progress_sentence(progress: Progress, names: pd.Series | None = None) -> str:
    """Every chart of the progress figure in words, one sentence or two each, in order.

    ``names`` maps exercise ids to their names (the exercise table's ``name`` column).
    """
    said = {
        "pain": " ".join(
            filter(
                None,
                [
                    pain_sentence(progress.trend, progress.summary),
                    _warnings_sentence(progress.trend),
                    _versions_sentence(progress.versions),
                ],
            )
        ),
        "before_after": before_after_sentence(progress.sessions),
        "weekly": adherence_sentence(progress.weekly),
        "calendar": calendar_sentence(progress.sessions),
        "muscles": muscle_work_sentence(progress.muscle_work),
        "sides": left_right_sentence(progress.left_right, names),
    }
    return " ".join(f"{CHART_TITLES[key]}: {words}" for key, words in said.items())


def _score(value) -> str:
    return "–" if pd.isna(value) else f"{float(value):g}"


def progress_tables(progress: Progress, names: pd.Series | None = None) -> dict[str, pd.DataFrame]:
    """The data behind each chart as a table with headings in words, by the chart's title.

    A chart without data has no table; the sentence says so. The pain table's scores by
    date serve the before-and-after chart and the calendar too.
    """
    tables = {
        CHART_TITLES["pain"]: _pain_table(progress.trend),
        CHART_TITLES["weekly"]: _weekly_table(progress.weekly),
        CHART_TITLES["muscles"]: _muscle_table(progress.muscle_work),
        CHART_TITLES["sides"]: _sides_table(progress.left_right, names),
    }
    return {title: table.reset_index(drop=True) for title, table in tables.items() if len(table)}


def _pain_table(trend: pd.DataFrame) -> pd.DataFrame:
    if trend.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            "Date": [_day(when) for when in trend["started_at"]],
            "Pain before": trend["pain_before"].map(_score).to_numpy(),
            "Pain after": trend["pain_after"].map(_score).to_numpy(),
            "Rolling mean": trend["rolling"].map(lambda v: "–" if pd.isna(v) else f"{v:.1f}"),
            "High or rising pain": trend["warning"].map(lambda v: "yes" if v else "no"),
        }
    )


def _weekly_table(weekly: pd.DataFrame) -> pd.DataFrame:
    if weekly.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            "Week of": [f"{when.day} {when:%b}" for when in pd.to_datetime(weekly["week"])],
            "Sessions": weekly["sessions"].astype(int).to_numpy(),
            "Planned": weekly["target"].map(lambda v: "no plan" if pd.isna(v) else f"{v:g}"),
        }
    )


def _muscle_table(work: pd.DataFrame) -> pd.DataFrame:
    moved = work[work["role"].isin(["primary", "secondary"])] if len(work) else work
    if moved.empty or not (moved["tension_seconds"] > 0).any():
        return pd.DataFrame()
    label = "name" if "name" in moved else "muscle"
    table = (
        moved.pivot_table(
            index=label,
            columns="role",
            values="tension_seconds",
            aggfunc="sum",
            fill_value=0,
            observed=True,
        )
        / 60
    )
    table = table.reindex(columns=["primary", "secondary"], fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False).index]
    return pd.DataFrame(
        {
            "Muscle": table.index,
            "Minutes as the main mover": table["primary"].map("{:.1f}".format).to_numpy(),
            "Minutes helping": table["secondary"].map("{:.1f}".format).to_numpy(),
        }
    )


def _sides_table(balance: pd.DataFrame, names: pd.Series | None) -> pd.DataFrame:
    sides = balance[balance["left_work"] + balance["right_work"] > 0] if len(balance) else balance
    if sides.empty:
        return pd.DataFrame()
    exercise = sides["exercise"]
    shown = exercise.map(names).fillna(exercise) if names is not None else exercise
    return pd.DataFrame(
        {
            "Move": shown.to_numpy(),
            "Left": sides["left_work"].map(_score).to_numpy(),
            "Right": sides["right_work"].map(_score).to_numpy(),
        }
    )


ROLES = ("primary", "secondary", "stabiliser")  # strongest first, as the charts' keys say


def muscle_matrix_sentence(matrix: pd.DataFrame) -> str:
    """The grid of exercises by muscles (:func:`upperback.muscle_matrix`) in words.

    Examples
    --------
    >>> grid = pd.DataFrame({"trapezius": ["primary", None], "obliques": [None, "stabiliser"]},
    ...                     index=["rows", "plank"])
    >>> muscle_matrix_sentence(grid)
    'Which of 2 muscles each of 2 exercises works, a square for each of 2 links: 1 primary (P), 1 stabiliser (s).'
    """
    roles = pd.Series(matrix.to_numpy().ravel()).dropna().astype(str).value_counts()
    counts = ", ".join(
        f"{roles[role]} {role} ({letter})"
        for role, letter in zip(ROLES, ("P", "S", "s"), strict=True)
        if role in roles
    )
    return (
        f"Which of {plural(matrix.shape[1], 'muscle')} each of "
        f"{plural(matrix.shape[0], 'exercise')} works, a square for each of "
        f"{plural(int(roles.sum()), 'link')}" + (f": {counts}." if counts else ".")
    )


def muscle_map_sentence(roles: pd.Series, names: pd.Series | None = None) -> str:
    """The muscle map in words: the muscles it marks, by role (from ``roles_for``).

    Examples
    --------
    >>> roles = pd.Series({"trapezius": "primary", "rhomboid-major": "secondary"})
    >>> muscle_map_sentence(roles, names=pd.Series({"trapezius": "Trapezius"}))
    'The muscle map marks primary: Trapezius; secondary: rhomboid-major.'
    """
    marked = roles.dropna().astype(str)
    if marked.empty:
        return "The muscle map, with no muscle marked."
    shown = (
        marked.index.map(lambda muscle: names.get(muscle, muscle)) if names is not None else None
    )
    label = pd.Series(shown if shown is not None else marked.index, index=marked.index)
    parts = [
        f"{role}: {', '.join(label[marked == role])}" for role in ROLES if (marked == role).any()
    ]
    return "The muscle map marks " + "; ".join(parts) + "."
