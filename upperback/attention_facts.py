"""What the coach's attention list reads about each client, read once for the whole clinic.

The log's sessions, warning-signs checks and the routines folder are each read once; what
only some reasons need (a client's sessions with their sets, the routines sent to them) is
read for that client when first asked for, and once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path

import pandas as pd

from upperback.analysis import pain_trend
from upperback.ladders import Ladders
from upperback.queries import Library
from upperback.routine_files import load_routine, saved_routines
from upperback.routines import Routine, RoutineError
from upperback.rules.pain import RECENT_DAYS
from upperback.store.checks import awaits_clearance
from upperback.suggestions import Advice, Suggestion, latest_routine, suggestions_for

__all__ = ["PAIN_WARNING_DAYS", "ClientFacts", "Clinic", "clinic_facts"]

PAIN_WARNING_DAYS = 7  # a pain warning this many days old or newer still needs the coach


@dataclass(frozen=True)
class Clinic:
    """What every client's facts share, each read from the store once for the whole list:
    the moment it is judged at, every readable routine file as (path, routine), each
    client's latest warning-signs check, and when each first followed a routine."""

    store: object
    library: Library
    ladders: Ladders
    today: datetime
    files: Sequence[tuple[Path, Routine]]
    checks: Mapping[str, dict]
    followed: Mapping[str, datetime]


class ClientFacts:
    """What the reasons read about one client; what only some reasons need is read when
    first asked for, and once.

    ``sessions`` are the client's rows of :func:`upperback.analysis.pain_trend` (its pain
    ``warning`` for each session), with the columns :func:`_in_windows` adds.
    Days are UTC days, as the sessions' are; the warning-signs check's day is the workbook's.
    """

    def __init__(self, client: str, sessions: pd.DataFrame, clinic: Clinic):
        self.client, self.sessions, self.clinic = client, sessions, clinic
        self.store, self.library, self.today = clinic.store, clinic.library, clinic.today
        # Assigned to them: the file's client is their name, in any case (as the picker has it).
        key = client.strip().casefold()
        self.files = [
            (path, routine)
            for path, routine in clinic.files
            if isinstance(routine.client, str) and routine.client.strip().casefold() == key
        ]

    def __len__(self) -> int:
        return len(self.sessions)

    @property
    def check(self) -> dict | None:
        return self.clinic.checks.get(self.client)

    @property
    def sign_waiting(self) -> bool:
        return awaits_clearance(self.check, now=self.today)

    @cached_property
    def records(self) -> list:
        return self.store.sessions(self.client)

    @cached_property
    def routines(self) -> list[Routine]:
        """The routine next week's review plans for: the client's own file of the routine
        their last session followed, then that session's copy of it (as the review does)."""
        try:
            snapshot = latest_routine(self.records)
        except RoutineError:  # a session's copy from elsewhere (an import) the review can't read
            return []
        if snapshot is None:
            return []
        own = [routine for _, routine in self.files if routine.name == snapshot.name]
        return [*own[:1], snapshot]

    @cached_property
    def function_checks(self) -> list:
        """Each time the client rated their activities, oldest first."""
        return self.store.function_scores(self.client)

    @cached_property
    def assigned_since(self) -> datetime | None:
        """When a routine was first assigned: sent in the log, saved in a file for the client,
        or followed in a session; None when none is."""
        since = [sent.version.saved_at for sent in self.store.sent_routines(self.client)]
        for path, _ in self.files:
            since.append(datetime.fromtimestamp(path.stat().st_mtime, UTC))
        if self.client in self.clinic.followed:
            since.append(self.clinic.followed[self.client])
        return min(since, default=None)

    def stops(self) -> list[Suggestion]:
        """Next week's suggestions to stop and see a professional, from the sessions alone:
        a warning sign waiting is a reason of its own."""
        for routine in self.routines:
            try:
                found = suggestions_for(
                    self.records,
                    routine,
                    self.library,
                    ladders=self.clinic.ladders,
                    today=self.today,
                )
            except RoutineError:  # the file no longer fits the tables: the review says so
                continue
            return [s for s in found if s.advice == Advice.STOP]
        return []


def clinic_facts(
    store, library: Library, *, today: datetime | None = None, routines_folder: Path | None = None
) -> Iterator[ClientFacts]:
    """The facts of every client the store answers for (by name), sharing one read of the log.

    ``today`` and ``routines_folder`` are :func:`upperback.attention.attention_list`'s.
    """
    now = pd.Timestamp(today or datetime.now(UTC))
    now = (now if now.tzinfo else now.tz_localize("UTC")).tz_convert("UTC").to_pydatetime()
    frame = store.sessions_frame()
    # Each session's pain warning, as the dashboard counts them, and the weeks it falls in.
    trend = _in_windows(pain_trend(frame), now)
    prescribed = frame[frame["days_per_week"].notna()] if len(frame) else frame
    clinic = Clinic(
        store,
        library,
        Ladders.load(exercises=library.exercises),
        now,
        _readable_routines(routines_folder),
        _latest_checks(store),
        prescribed.groupby("client")["started_at"].min().to_dict() if len(frame) else {},
    )
    by_client = dict(tuple(trend.groupby("client")))
    for name in sorted(set(frame["client"]) | set(store.clients())):
        yield ClientFacts(name, by_client.get(name, trend.iloc[0:0]), clinic)


def _in_windows(trend: pd.DataFrame, now: datetime) -> pd.DataFrame:
    """The sessions with their UTC day, their highest score (``peak``; ``fortnight_peak`` in
    the two weeks next week's advice weighs) and whether they are a pain warning in the
    last week (``warned``); none after ``now`` counts."""
    times = pd.to_datetime(trend["started_at"], utc=True)
    trend = trend.assign(
        day=times.dt.date,
        peak=trend[["pain_before", "pain_after"]].astype("Float64").max(axis=1),
    )
    today, before = now.date(), times <= now
    in_week = (trend["day"] >= today - timedelta(days=PAIN_WARNING_DAYS)) & before
    trend["warned"] = trend["warning"].astype(bool) & in_week
    trend["fortnight_peak"] = trend["peak"].where(
        (times >= now - timedelta(days=RECENT_DAYS)) & before
    )
    return trend


def _readable_routines(folder: Path | None) -> list[tuple[Path, Routine]]:
    found = []
    for path in saved_routines(folder):
        try:
            found.append((path, load_routine(path)))
        except RoutineError:  # a damaged file assigns nothing; the picker says what is wrong
            continue
    return found


def _latest_checks(store) -> dict[str, dict]:
    """Each client's latest warning-signs check, from one read of the log."""
    checks = {}
    for row in store.red_flag_summary().to_dict("records"):
        if pd.isna(row["checked_at"]):
            continue  # never asked
        checks[row["client"]] = {
            key: None if not isinstance(value, list) and pd.isna(value) else value
            for key, value in row.items()
        }
    return checks
