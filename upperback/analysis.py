"""Progress summaries as tidy pandas DataFrames: adherence, pain, work per muscle, sides.

They take the frames of :meth:`upperback.store.Store.sessions_frame` and ``sets_frame``
(one row per session, one row per set), so a coach can keep working with the results.
Pain change is judged by one rule, :func:`upperback.rules.pain_change`; single readings
are noisy, so the trend is a rolling mean, not the last score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from upperback.rules.doses import SECONDS_PER_REP
from upperback.rules.pain import (
    BASELINE_DAYS,
    HIGH_PAIN,
    PAIN_RISE,
    RECENT_DAYS,
    ROLLING_SESSIONS,
    PainChange,
    pain_change,
)

__all__ = [
    "clinic_table",
    "left_right",
    "muscle_work",
    "pain_summary",
    "pain_trend",
    "streaks",
    "weekly_adherence",
]


def _week(times: pd.Series) -> pd.Series:
    """The Monday of each time's week, as a plain date-time (UTC dates)."""
    days = times.dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize()
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def weekly_adherence(sessions: pd.DataFrame, *, until: pd.Timestamp | None = None) -> pd.DataFrame:
    """Sessions per week against the prescribed number, for every week of every client.

    Weeks with no session count as 0, from each client's first week to the week of
    ``until`` (default: the latest session in the data). The target is times a day × days
    a week from the routine the client was following that week (missing when no session
    carried a prescription).

    Returns
    -------
    pandas.DataFrame
        Columns: client, week (its Monday), sessions, target, met (sessions >= target),
        ratio (sessions / target).

    Examples
    --------
    >>> times = pd.to_datetime(["2026-11-02 08:00", "2026-11-04 08:00", "2026-11-18 08:00"], utc=True)
    >>> frame = pd.DataFrame({"client": "Sam", "started_at": times,
    ...                       "times_per_day": 1, "days_per_week": 3})
    >>> weekly_adherence(frame)[["week", "sessions", "met"]].to_string(index=False)
    '      week  sessions   met\\n2026-11-02         2 False\\n2026-11-09         0 False\\n2026-11-16         1 False'
    """
    columns = ["client", "week", "sessions", "target", "met", "ratio"]
    if sessions.empty:
        return pd.DataFrame(columns=columns)
    data = pd.DataFrame(
        {
            "client": sessions["client"].to_numpy(),
            "week": _week(sessions["started_at"]).to_numpy(),
            "target": (sessions["times_per_day"] * sessions["days_per_week"]).to_numpy(),
        }
    )
    grouped = data.groupby(["client", "week"], sort=True)
    counts = pd.DataFrame({"sessions": grouped.size(), "target": grouped["target"].last()})
    last_week = _week(pd.Series([until or sessions["started_at"].max()]).pipe(_as_utc)).iloc[0]
    firsts = counts.reset_index().groupby("client")["week"].first()
    # Every week from each client's first to the last one, as (client, week) pairs.
    spans = ((last_week - firsts).dt.days // 7 + 1).clip(lower=1)
    clients = firsts.index.repeat(spans)
    offsets = pd.to_timedelta(
        np.concatenate([np.arange(n) for n in spans]) * 7 if len(spans) else [], unit="D"
    )
    index = pd.MultiIndex.from_arrays(
        [clients, firsts.repeat(spans).to_numpy() + offsets], names=["client", "week"]
    )
    weekly = counts.reindex(index)
    weekly["sessions"] = weekly["sessions"].fillna(0).astype(int)
    # A week without sessions keeps following the routine of the weeks before it.
    weekly["target"] = weekly["target"].groupby(level="client").ffill().astype("Int64")
    weekly["met"] = (weekly["sessions"] >= weekly["target"]).astype("boolean")
    weekly["ratio"] = (weekly["sessions"] / weekly["target"]).astype("Float64")
    return weekly.reset_index()[columns]


def _as_utc(times: pd.Series) -> pd.Series:
    times = pd.to_datetime(times)
    return times.dt.tz_localize("UTC") if times.dt.tz is None else times


def streaks(weekly: pd.DataFrame) -> pd.DataFrame:
    """Per client: the current and the longest run of weeks that met the target.

    The last week may still be under way: until it meets its target, the current streak
    is the run that ended the week before.

    Examples
    --------
    >>> weekly = pd.DataFrame({"client": "Sam", "met": [True, False, True, True, False]})
    >>> streaks(weekly).loc["Sam"].tolist()
    [2, 2]
    """

    if weekly.empty:
        return pd.DataFrame(columns=["current_streak", "longest_streak"])
    met = weekly["met"].fillna(False).astype(bool)
    client = weekly["client"]
    # Each miss starts a new run; a run's length so far is the count of hits since.
    run = met.astype(int).groupby([client, (~met).groupby(client).cumsum()]).cumsum()
    by_client = run.groupby(client)
    last, before_last = by_client.last(), run.groupby(client).shift(1).groupby(client).last()
    current = last.where(met.groupby(client).last() | before_last.isna(), before_last)
    return pd.DataFrame(
        {"current_streak": current.astype(int), "longest_streak": by_client.max().astype(int)}
    )


def pain_trend(sessions: pd.DataFrame) -> pd.DataFrame:
    """Each session's pain, with the rolling mean, the baseline and the change from it.

    Returns
    -------
    pandas.DataFrame
        Columns: client, started_at, pain_before, pain_after, rolling (mean pain before
        over the last five scored sessions), baseline (mean pain before over the client's
        first two weeks), change and change_pct (rolling against baseline), important
        (by :func:`upperback.rules.pain_change`), warning (pain of 7+ or a rise of 2+).
    """
    columns = ["client", "started_at", "pain_before", "pain_after", "rolling", "baseline",
               "change", "change_pct", "important", "warning"]  # fmt: skip
    if sessions.empty:
        return pd.DataFrame(columns=columns)
    data = sessions.sort_values(["client", "started_at"]).copy()
    pain = data["pain_before"].astype("Float64")
    rolling = (
        pain.astype(float)
        .groupby(data["client"].to_numpy())
        .rolling(ROLLING_SESSIONS, min_periods=1)
    )
    data["rolling"] = rolling.mean().to_numpy()  # rows are sorted by client, so they line up
    first = data.groupby("client")["started_at"].transform("min")
    early = data["started_at"] < first + pd.Timedelta(days=BASELINE_DAYS)
    data["baseline"] = pain.where(early).groupby(data["client"]).transform("mean")
    data["change"] = data["rolling"] - data["baseline"]
    data["change_pct"] = data["change"] / data["baseline"].where(data["baseline"] > 0)
    data["important"] = _kinds(data["baseline"], data["rolling"]) == PainChange.IMPORTANT
    data["warning"] = _warning(data["pain_before"], data["pain_after"])
    return data[columns].reset_index(drop=True)


def _kinds(baseline: pd.Series, now: pd.Series) -> pd.Series:
    """:func:`upperback.rules.pain_change` for each row: the one rule, row by row."""
    kinds = [
        pain_change(b, n) for b, n in zip(baseline.astype(float), now.astype(float), strict=True)
    ]
    return pd.Series(kinds, index=baseline.index, dtype=object)


def _warning(before: pd.Series, after: pd.Series) -> pd.Series:
    """:func:`upperback.rules.pain_warning`, for a whole column at once."""
    high = (before >= HIGH_PAIN).fillna(False) | (after >= HIGH_PAIN).fillna(False)
    rise = ((after - before) >= PAIN_RISE).fillna(False)
    return (high | rise).astype(bool)


def pain_summary(sessions: pd.DataFrame, *, trend: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per client: baseline pain, pain now, the change, and whether they respond.

    "Now" is the mean pain before sessions over the last two weeks of their sessions; a
    responder's pain fell by 2 points, or by 30% and at least 1 point, from a baseline of 2
    or more (``pain_change`` says which, in words). Missing scores are
    left out of every mean; a client with no scores has no baseline and is no responder.
    """
    columns = [
        "sessions",
        "scored",
        "baseline",
        "now",
        "change",
        "change_pct",
        "responder",
        "pain_change",
        "warnings",
        "first_session",
        "last_session",
    ]
    if sessions.empty:
        return pd.DataFrame(columns=columns)
    trend = pain_trend(sessions) if trend is None else trend
    last = trend.groupby("client")["started_at"].transform("max")
    recent = trend["started_at"] > last - pd.Timedelta(days=RECENT_DAYS)
    pain = trend["pain_before"].astype("Float64")
    grouped = trend.assign(recent_pain=pain.where(recent)).groupby("client")
    summary = pd.DataFrame(
        {
            "sessions": grouped.size(),
            "scored": grouped["pain_before"].count(),
            "baseline": grouped["baseline"].first(),
            "now": grouped["recent_pain"].mean(),
            "warnings": grouped["warning"].sum().astype(int),
            "first_session": grouped["started_at"].min(),
            "last_session": grouped["started_at"].max(),
        }
    )
    summary["change"] = summary["now"] - summary["baseline"]
    summary["change_pct"] = summary["change"] / summary["baseline"].where(summary["baseline"] > 0)
    kinds = _kinds(summary["baseline"], summary["now"])
    summary["pain_change"] = kinds.map(str).astype("string")
    summary["responder"] = kinds == PainChange.IMPORTANT
    return summary[columns]


def muscle_work(
    sets: pd.DataFrame, links: pd.DataFrame, muscles: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Work per muscle through the link table: sets, reps, holds and time under tension.

    Every set counts for each muscle its exercise works, by that muscle's role, so primary
    and secondary work stay apart. Time under tension counts holds as held, and reps at
    three seconds each plus any hold within each rep.

    Returns
    -------
    pandas.DataFrame
        One row per (muscle, role): sets (completed), reps, hold_seconds,
        tension_seconds, plus the muscle's name and region when ``muscles`` is given.
    """
    if sets.empty:  # no sets at all, whatever columns the frame was given
        columns = ["muscle", "role", "sets", "reps", "hold_seconds", "tension_seconds"]
        return pd.DataFrame(columns=columns + (["name", "region"] if muscles is not None else []))
    done = sets.assign(
        reps=sets["reps_done"].fillna(0).astype(float),
        hold=sets["hold_done"].fillna(0).astype(float),
    )
    per_rep_hold = sets["hold_planned"].where(sets["reps_planned"].notna()).fillna(0).astype(float)
    done["tension"] = done["hold"].where(
        sets["reps_planned"].isna(), done["reps"] * (SECONDS_PER_REP + per_rep_hold)
    )
    done["hold"] = done["hold"].where(sets["reps_planned"].isna(), 0.0)
    done["set_done"] = sets["completed"].astype(int)
    per_exercise = done.groupby("exercise")[["set_done", "reps", "hold", "tension"]].sum()
    joined = links.reset_index()[["exercise", "muscle", "role"]].merge(
        per_exercise, left_on="exercise", right_index=True
    )
    work = joined.groupby(["muscle", "role"], observed=True)[
        ["set_done", "reps", "hold", "tension"]
    ].sum()
    work = work.rename(
        columns={"set_done": "sets", "hold": "hold_seconds", "tension": "tension_seconds"}
    )
    work = work[work["sets"] + work["reps"] + work["hold_seconds"] > 0].reset_index()
    if muscles is not None:
        work = work.merge(muscles[["name", "region"]], left_on="muscle", right_index=True)
    return work.sort_values(["role", "tension_seconds"], ascending=[False, False]).reset_index(
        drop=True
    )


def left_right(sets: pd.DataFrame) -> pd.DataFrame:
    """Left against right for one-sided moves: sets done, reps, hold time, and the balance.

    ``balance`` is left ÷ right of the work done (reps, or seconds held): 1 is even.
    """
    columns = ["exercise", "left_sets", "left_work", "right_sets", "right_work", "balance"]
    if sets.empty:
        return pd.DataFrame(columns=columns)
    sided = sets[sets["side"].isin(["left", "right"])].copy()
    if sided.empty:
        return pd.DataFrame(columns=columns)
    sided["work"] = (
        sided["reps_done"]
        .fillna(0)
        .astype(float)
        .where(sided["reps_planned"].notna(), sided["hold_done"].fillna(0).astype(float))
    )
    sided["set_done"] = sided["completed"].astype(int)
    totals = (
        sided.groupby(["exercise", "side"])[["set_done", "work"]]
        .sum()
        .unstack("side", fill_value=0)
    )
    result = pd.DataFrame(index=totals.index)
    for side in ("left", "right"):
        result[f"{side}_sets"] = totals["set_done"].get(side, 0)
        result[f"{side}_work"] = totals["work"].get(side, 0.0)
    result["balance"] = result["left_work"] / result["right_work"].where(result["right_work"] > 0)
    return result.reset_index()


def clinic_table(
    sessions: pd.DataFrame,
    *,
    until: pd.Timestamp | None = None,
    weeks: int = 4,
    warning_signs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per client: adherence over the last weeks, pain change, responder, warnings.

    ``warning_signs`` (one row per client: ``words``, ``any_yes``, and ``status`` where
    given) adds the warning-signs check (``warning_signs``: its ``status``, a few words that
    fit a table, or else its ``words``) and whether any answer was yes (``flagged``).
    """
    weekly = weekly_adherence(sessions, until=until)
    recent = weekly[weekly["week"] > weekly["week"].max() - pd.Timedelta(weeks=weeks)]
    adherence = recent.groupby("client").agg(done=("sessions", "sum"), planned=("target", "sum"))
    adherence["adherence"] = (
        adherence["done"] / adherence["planned"].where(adherence["planned"] > 0)
    ).astype("Float64")
    table = pain_summary(sessions).join(adherence[["adherence"]]).join(streaks(weekly))
    table = table[
        [
            "sessions",
            "adherence",
            "current_streak",
            "baseline",
            "now",
            "change",
            "change_pct",
            "responder",
            "pain_change",
            "warnings",
            "last_session",
        ]
    ]
    if warning_signs is not None:
        shown = "status" if "status" in warning_signs.columns else "words"
        signs = warning_signs[[shown, "any_yes"]].set_axis(["warning_signs", "flagged"], axis=1)
        table = table.join(signs).fillna({"warning_signs": "never checked"})
        table["flagged"] = table["flagged"].astype("boolean").fillna(False)
    return table
