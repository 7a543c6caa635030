"""One client's progress, read from the log and computed once into a result object.

Plots draw a :class:`Progress`, views and reports show it; none of them recomputes it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from upperback.analysis import (
    left_right,
    muscle_work,
    pain_summary,
    pain_trend,
    plain_summary,
    weekly_adherence,
)
from upperback.queries import Library
from upperback.store import Store

__all__ = ["Progress", "load_progress", "progress"]


@dataclass(frozen=True)
class Progress:
    """One client's progress, computed once: plots draw it, views and reports show it.

    Like scikit-learn's ``Bunch``: each summary is a plain DataFrame under a plain name.
    ``summary`` is the client's row of :func:`pain_summary` (``None`` without sessions).
    """

    client: str
    sessions: pd.DataFrame
    sets: pd.DataFrame
    trend: pd.DataFrame
    weekly: pd.DataFrame
    summary: pd.Series | None
    muscle_work: pd.DataFrame
    left_right: pd.DataFrame
    words: str

    @property
    def empty(self) -> bool:
        return self.sessions.empty


def progress(
    sessions: pd.DataFrame,
    sets: pd.DataFrame,
    library: Library,
    *,
    client: str = "",
    until: pd.Timestamp | None = None,
) -> Progress:
    """Every summary of one client's sessions and sets, each computed once.

    Any subset of data will do: no sessions, sessions without sets or pain scores, sets
    only skipped, sets of exercises no longer in the tables (they count as sessions but
    work no muscle).

    Examples
    --------
    >>> empty = pd.DataFrame(columns=["client", "started_at"])
    >>> progress(empty, empty, Library.load(user=False), client="Sam").words
    'No sessions logged yet.'
    """
    # Each summary copes with no data, so a view reads the same columns whatever was logged.
    trend = pain_trend(sessions)
    weekly = weekly_adherence(sessions, until=until)
    summary = pain_summary(sessions, trend=trend)
    return Progress(
        client=client,
        sessions=sessions,
        sets=sets,
        trend=trend,
        weekly=weekly,
        summary=None if summary.empty else summary.iloc[0],
        muscle_work=muscle_work(sets, library.links, library.muscles),
        left_right=left_right(sets),
        words=plain_summary(sessions, summary=summary, weekly=weekly),
    )


def load_progress(
    store: Store,
    client: str,
    library: Library,
    *,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
) -> Progress:
    """Read one client's log from ``store`` (between two dates, if given) into a Progress."""
    sessions = store.sessions_frame(client)
    sets = store.sets_frame(client)
    days = sessions["started_at"].dt.tz_convert("UTC").dt.date if len(sessions) else None
    if days is not None and start is not None:
        sessions, days = sessions[days >= start], days[days >= start]
    if days is not None and end is not None:
        sessions = sessions[days <= end]
    sets = sets[sets["session"].isin(sessions["session"])] if len(sets) else sets
    return progress(sessions, sets, library, client=client)
