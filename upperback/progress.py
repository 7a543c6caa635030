"""One client's progress, read from the log and computed once into a result object.

Plots draw a :class:`Progress`, views and reports show it; none of them recomputes it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

import pandas as pd

from upperback.analysis import (
    left_right,
    muscle_work,
    pain_summary,
    pain_trend,
    weekly_adherence,
)
from upperback.progress_words import plain_summary
from upperback.queries import Library
from upperback.routine_history import client_versions
from upperback.store import Store

__all__ = ["Progress", "load_progress", "progress"]

NO_VERSIONS = pd.DataFrame(
    {
        "routine": pd.array([], dtype="string"),
        "version": pd.array([], dtype="Int64"),
        "date": pd.to_datetime([], utc=True),
        "change": pd.array([], dtype="string"),
    }
)


@dataclass(frozen=True)
class Progress:
    """One client's progress, computed once: plots draw it, views and reports show it.

    Like scikit-learn's ``Bunch``: each summary is a plain DataFrame under a plain name.
    ``summary`` is the client's row of :func:`pain_summary` (``None`` without sessions);
    ``versions`` the changes to their routines (:func:`client_versions`), for the pain chart
    to mark.
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
    versions: pd.DataFrame

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
    versions: pd.DataFrame | None = None,
) -> Progress:
    """Every summary of one client's sessions and sets, each computed once.

    Any subset of data will do: no sessions, sessions without sets or pain scores, sets
    only skipped, sets of exercises no longer in the tables (they count as sessions but
    work no muscle). ``versions`` are the routine's changes to mark on the pain chart, as
    :func:`upperback.routine_history.client_versions` gives them; none when not given.

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
        versions=NO_VERSIONS.copy() if versions is None else versions,
    )


def load_progress(
    store: Store,
    client: str,
    library: Library,
    *,
    start: date | None = None,
    end: date | None = None,
    routines_folder: str | os.PathLike | None = None,
) -> Progress:
    """Read one client's log from ``store`` (between two dates, if given) into a Progress.

    The changes to the client's routines (kept in the log, and in ``routines_folder``, the
    workbook's routines folder by default) come along for the pain chart, those of the
    same dates only; days are UTC days, as the sessions' are.
    """
    sessions = store.sessions_frame(client)
    sets = store.sets_frame(client)
    days = sessions["started_at"].dt.tz_convert("UTC").dt.date if len(sessions) else None
    if days is not None and start is not None:
        sessions, days = sessions[days >= start], days[days >= start]
    if days is not None and end is not None:
        sessions = sessions[days <= end]
    sets = sets[sets["session"].isin(sessions["session"])] if len(sets) else sets
    sent = store.sent_routines(client)
    versions = client_versions(client, folder=routines_folder, sent=sent)
    changed = versions["date"].dt.date
    inside = (changed >= (start or date.min)) & (changed <= (end or date.max))
    return progress(
        sessions, sets, library, client=client, versions=versions[inside].reset_index(drop=True)
    )
