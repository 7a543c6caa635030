"""A client's progress in plain words, honest about what counts as real change.

The words read the summaries of :mod:`upperback.analysis` and judge pain change by its one
rule, :func:`upperback.rules.pain_change`.
"""

from __future__ import annotations

import pandas as pd

from upperback.analysis import pain_summary, weekly_adherence
from upperback.rules.pain import (
    ALREADY_LOW,
    IMPORTANT_FRACTION,
    IMPORTANT_LEAST,
    IMPORTANT_POINTS,
    TREND_DAYS,
    PainChange,
    pain_change,
    trend_wait,
)
from upperback.text import plural

__all__ = ["plain_summary"]


def plain_summary(
    sessions: pd.DataFrame,
    *,
    until: pd.Timestamp | None = None,
    summary: pd.DataFrame | None = None,
    weekly: pd.DataFrame | None = None,
    about: str | None = None,
) -> str:
    """One client's progress in plain words, honest about what counts as real change.

    Until the pain scores span :data:`upperback.rules.TREND_DAYS`, baseline and "now" share
    sessions: the words say it is too early for a trend and give the latest scores instead.
    The words speak to the client ("you"); with ``about`` (the client's name) they speak
    to a coach about the client.

    Examples
    --------
    >>> plain_summary(pd.DataFrame(columns=["client", "started_at"]))
    'No sessions logged yet.'
    """
    if sessions.empty:
        return "No sessions logged yet."
    # A view that has already computed the summaries passes them in rather than redo them.
    summary = (pain_summary(sessions) if summary is None else summary).iloc[0]
    weekly = weekly_adherence(sessions, until=until) if weekly is None else weekly
    voice = _Voice(about)
    parts = _pain_words(sessions, summary, voice) + _week_words(weekly)
    if summary["warnings"]:
        had = plural(int(summary["warnings"]), "session")
        parts.append(f"{had} had high or rising pain: {voice.refer}.")
    return " ".join(parts)


class _Voice:
    """Who the words speak to: the client ("you"), or a coach about the client (``name``)."""

    def __init__(self, name: str | None):
        self.name, self.pain = name, f"{name}'s pain" if name else "Pain"
        self.started, self.latest = ("they", f"{name}'s") if name else ("you", "your")
        self.refer = (
            f"ask {name} about them, and refer them to a professional if the pain stays"
            if name
            else "talk to your coach or a professional about them"
        )


def _pain_words(sessions: pd.DataFrame, summary: pd.Series, voice: _Voice) -> list[str]:
    scored = sessions.dropna(subset=["pain_before", "pain_after"], how="all")
    when = scored.loc[scored["pain_before"].notna(), "started_at"]
    span = (when.max() - when.min()) / pd.Timedelta(days=1) if len(when) else 0.0
    wait = trend_wait(span) if len(when) else ""
    if pd.isna(summary["baseline"]) or pd.isna(summary["now"]):
        return ["Not enough pain scores yet to show a trend."]
    if wait:
        if voice.name:  # the rule's words speak to the client
            wait = f"A trend shows once the pain scores span {TREND_DAYS // 7} weeks."
        latest = scored.sort_values("started_at").iloc[-1]
        day, scores = (
            latest["started_at"],
            " and ".join(
                f"{int(latest[f'pain_{side}'])} {side}"
                for side in ("before", "after")
                if pd.notna(latest[f"pain_{side}"])
            ),
        )
        return [
            "Too early to show a trend.",
            wait,
            f"Pain at {voice.latest} latest session ({day.day} {day:%b}): {scores}.",
        ]
    change = summary["change"]
    direction = "down" if change < 0 else "up" if change > 0 else "unchanged"
    amount = f" {abs(change):.1f} points" if change else ""
    verb = " is" if voice.name else ""
    parts = [
        f"{voice.pain}{verb} {direction}{amount} since {voice.started} started "
        f"(from {summary['baseline']:.1f} to {summary['now']:.1f} out of 10)."
    ]
    kind = pain_change(summary["baseline"], summary["now"])
    if kind == PainChange.ALREADY_LOW:
        low = f"below {ALREADY_LOW} of 10"
        parts.append(f"{voice.pain} was already low at the start ({low}): not an improvement.")
    elif kind == PainChange.IMPORTANT:
        parts.append("That is a clinically important improvement.")
    elif change < 0:
        share = f"{IMPORTANT_FRACTION:.0%} and at least {IMPORTANT_LEAST:g}"
        parts.append(
            f"Not yet a clear improvement: that takes a fall of {IMPORTANT_POINTS:g} points, "
            f"or of {share}."
        )
    return parts


def _week_words(weekly: pd.DataFrame) -> list[str]:
    last = weekly.iloc[-1]
    if pd.isna(last["target"]):
        return []
    parts = [f"{last['sessions']} of {plural(int(last['target']), 'planned session')} this week."]
    if len(weekly) > 1:
        before = weekly.iloc[-2]
        parts.append(f"{before['sessions']} of {before['target']} last week.")
    return parts
