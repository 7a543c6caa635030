"""The coach's attention list: the clients who need the coach now, and why, in words.

Each reason is one row of :data:`REASONS`, read from the top: its place is its rank, so the
most pressing comes first. A client with several reasons is one entry, with all its reasons
in words, ranked by its highest. A new reason is one more row: a name and a function that
reads a :class:`ClientFacts` and returns the reason in words, or None when it does not
apply.

The list reads only what the store answers, so a coach's store (scoped by the clinic's
database) lists only that coach's clients; routine files name no one the store does not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
from upperback.rules.pain import HIGH_PAIN, PAIN_RISE, RECENT_DAYS, known
from upperback.rules.progressing import PAIN_STOP
from upperback.store.checks import awaits_clearance
from upperback.suggestions import Advice, Suggestion, latest_routine, suggestions_for
from upperback.workbook import local_zone

__all__ = [
    "REASONS",
    "Attention",
    "ClientFacts",
    "Reason",
    "attention_list",
    "attention_words",
    "reasons_of",
]

PAIN_WARNING_DAYS = 7  # a pain warning this many days old or newer still needs the coach
MISSING_DAYS = 7  # this many days or more without a session, with a routine assigned
NOBODY = "No client needs you now."


@dataclass(frozen=True)
class Reason:
    """Why a client needs the coach: its kind (a row of :data:`REASONS`), its rank (that
    row's place, 0 the most pressing) and its words for the coach."""

    kind: str
    rank: int
    words: str


@dataclass(frozen=True)
class Attention:
    """One client who needs the coach, with every reason, the most pressing first."""

    client: str
    reasons: tuple[Reason, ...]

    @property
    def rank(self) -> int:
        return self.reasons[0].rank

    @property
    def kind(self) -> str:
        return self.reasons[0].kind

    @property
    def words(self) -> str:
        """ "Demo: Jo (pain of 8): pain of 8 on 2 Dec — pause Seated row and see a professional" """
        return f"{self.client}: {'; '.join(reason.words for reason in self.reasons)}"


def _day(moment) -> str:
    return f"{moment.day} {moment:%b}"


class ClientFacts:
    """What the reasons read about one client, each read from the store once, when asked.

    ``sessions`` are the client's rows of :meth:`Store.sessions_frame`, with the pain
    ``warning`` of :func:`upperback.analysis.pain_trend`; ``files`` every readable routine
    file, as (path, routine), read once for every client. Days are UTC days, as the
    sessions' are; the warning-signs check's day is the workbook's.
    """

    def __init__(
        self,
        client: str,
        sessions: pd.DataFrame,
        *,
        store,
        library: Library,
        ladders: Ladders,
        today: datetime,
        files: Sequence[tuple[Path, Routine]] = (),
    ):
        self.client, self.sessions, self.store, self.library = client, sessions, store, library
        self.ladders, self.today = ladders, today
        # Assigned to them: the file's client is their name, in any case (as the picker has it).
        key = client.strip().casefold()
        self.files = [
            (path, routine)
            for path, routine in files
            if isinstance(routine.client, str) and routine.client.strip().casefold() == key
        ]

    @cached_property
    def check(self) -> dict | None:
        return self.store.last_red_flag_check(self.client)

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
        snapshot = latest_routine(self.records)
        if snapshot is None:
            return []
        own = [routine for _, routine in self.files if routine.name == snapshot.name]
        return [*own[:1], snapshot]

    @cached_property
    def assigned_since(self) -> datetime | None:
        """When a routine was first assigned: sent in the log, saved in a file for the client,
        or followed in a session; None when none is."""
        since = [sent.version.saved_at for sent in self.store.sent_routines(self.client)]
        for path, _ in self.files:
            since.append(datetime.fromtimestamp(path.stat().st_mtime, UTC))
        followed = [r.started_at for r in self.records if r.prescription] if len(self) else []
        return min(since + followed, default=None)

    def __len__(self) -> int:
        return len(self.sessions)

    def stops(self) -> list[Suggestion]:
        """Next week's suggestions to stop and see a professional, from the sessions alone:
        a warning sign waiting is a reason of its own."""
        for routine in self.routines:
            try:
                found = suggestions_for(
                    self.records, routine, self.library, ladders=self.ladders, today=self.today
                )
            except RoutineError:  # the file no longer fits the tables: the review says so
                continue
            return [s for s in found if s.advice == Advice.STOP]
        return []


def _sign(facts: ClientFacts, *, urgent: bool) -> str | None:
    check = facts.check
    if not facts.sign_waiting or check["urgent"] != urgent:
        return None
    ticked = check["ticked"]  # a sign's words may hold an "or": several are named apart
    signs = ticked[0] if len(ticked) == 1 else f"{len(ticked)} signs ({'; '.join(ticked)})"
    day = check["checked_at"].astimezone(local_zone())
    waits = "not cleared yet"
    if check["cleared_at"] is not None:  # an urgent sign the client cleared the same day
        waits = "the client's own all-clear counts from the next day"
    return f"ticked {signs} on {_day(day)}{' (urgent)' if urgent else ''}: {waits}"


def _urgent_sign(facts: ClientFacts) -> str | None:
    return _sign(facts, urgent=True)


def _other_sign(facts: ClientFacts) -> str | None:
    return _sign(facts, urgent=False)


def _stop(facts: ClientFacts) -> str | None:
    weighed = facts.today - timedelta(days=RECENT_DAYS)  # next week's advice looks this far
    if not len(facts) or facts.sessions["started_at"].max() < weighed:
        return None
    stops = facts.stops()
    if not stops:
        return None
    exercises = facts.library.exercises["name"]
    names = list(
        dict.fromkeys(exercises[facts.library.exercise_id(s.item.exercise)] for s in stops)
    )
    # Exercises' names may hold an "and": several are counted, then named apart.
    what = names[0] if len(names) == 1 else f"{len(names)} exercises ({'; '.join(names)})"
    days = {day for s in stops for day in s.sessions}
    pain = [
        (max(_scores(r)), r.started_at.date())
        for r in facts.records
        if r.started_at.date() in days and _scores(r)
    ]
    worst = max(pain, default=None)
    if worst is not None and worst[0] >= PAIN_STOP:
        why = f"pain of {worst[0]} on {_day(worst[1])}"
    else:  # a reason other than pain: the advice's own first sentence
        why = stops[0].reason.split(": ")[0].rstrip(".")
    return f"{why} — pause {what} and see a professional"


def _scores(record) -> list[int]:
    return [p for p in (record.pain_before, record.pain_after) if known(p)]


def _pain_warning(facts: ClientFacts) -> str | None:
    if not len(facts):
        return None
    since = (facts.today - timedelta(days=PAIN_WARNING_DAYS)).date()
    sessions, days = facts.sessions, facts.sessions["started_at"].dt.date
    recent = sessions[sessions["warning"] & (days >= since) & (days <= facts.today.date())]
    if recent.empty:
        return None
    said = []
    for row in recent.itertuples():
        # Scores missing from the log are pandas' NA here: none of them is a number.
        before, after = (None if pd.isna(p) else int(p) for p in (row.pain_before, row.pain_after))
        day = _day(row.started_at)
        if before is not None and after is not None and after - before >= PAIN_RISE:
            said.append(f"pain rose from {before} to {after} on {day}")
        else:
            high = max(p for p in (before, after) if p is not None and p >= HIGH_PAIN)
            said.append(f"pain of {high} on {day}")
    plural = "s" if len(said) > 1 else ""
    return f"pain warning{plural} in the last week: {' and '.join(said)}"


def _missing(facts: ClientFacts) -> str | None:
    """Counted from the last session, or from the routine's assigning when that came after."""
    today = facts.today.date()
    last = facts.sessions["started_at"].max().date() if len(facts) else None
    if last is not None and (today - last).days < MISSING_DAYS:
        return None  # what the rest of this reads is only read when it may count
    since = facts.assigned_since
    if since is None:
        return None
    assigned = since.astimezone(UTC).date()
    if last is not None and last >= assigned:
        days = (today - last).days
        return f"no session since {_day(last)} ({days} days) with a routine assigned"
    days = (today - assigned).days
    if days < MISSING_DAYS:
        return None
    if last is None:
        return f"no session yet, with a routine assigned on {_day(assigned)} ({days} days ago)"
    return f"no session since a routine was assigned on {_day(assigned)} ({days} days ago)"


@dataclass(frozen=True)
class Rule:
    """A row of :data:`REASONS`: its kind, in a few words, and the test that finds it."""

    kind: str
    find: Callable[[ClientFacts], str | None]


# Read from the top: a row's place is its rank. A new reason is one more row (the change in
# a function scale that counts, once that scale is in the log, goes after the pain rows).
REASONS: tuple[Rule, ...] = (
    Rule("urgent warning sign waiting", _urgent_sign),
    Rule("warning sign waiting", _other_sign),
    Rule("stop and see a professional", _stop),
    Rule("pain warning in the last week", _pain_warning),
    Rule(f"no session for {MISSING_DAYS} days or more", _missing),
)


def attention_list(
    store,
    library: Library,
    *,
    today: datetime | None = None,
    routines_folder: Path | None = None,
) -> list[Attention]:
    """The clients who need the coach now, the most pressing first, each with its reasons.

    Parameters
    ----------
    store : Store
        The session log (a coach's: only their clients).
    library : Library
        The exercise tables.
    today : datetime, default=None
        The moment the list is judged at (default: now; the demo clinic's last day, for the
        demo).
    routines_folder : path, default=None
        Where the clients' routine files live; the workbook's routines folder by default.

    Returns
    -------
    list of Attention
        One per client with a reason, ordered by their highest reason's rank (see
        :data:`REASONS`), then by name; empty when no client needs the coach.

    Examples
    --------
    >>> import tempfile
    >>> from upperback.store import Store
    >>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/log.db")
    >>> store.record_red_flag_check("Sam", {"fever": True})
    True
    >>> needed = attention_list(store, Library.load(user=False))
    >>> [entry.words for entry in needed]  # doctest: +ELLIPSIS
    ['Sam: ticked fever on ...: not cleared yet']
    """
    now = pd.Timestamp(today or datetime.now(UTC))
    now = (now if now.tzinfo else now.tz_localize("UTC")).tz_convert("UTC").to_pydatetime()
    frame = store.sessions_frame()
    trend = pain_trend(frame)  # each session's pain warning, as the dashboard counts them
    ladders = Ladders.load(exercises=library.exercises)
    shared = dict(store=store, library=library, ladders=ladders, today=now, files=[])
    for path in saved_routines(routines_folder):
        try:
            shared["files"].append((path, load_routine(path)))
        except RoutineError:  # a damaged file assigns nothing; the picker says what is wrong
            continue
    found = []
    for name in sorted(set(frame["client"]) | set(store.clients())):
        mine = trend[trend["client"] == name].reset_index(drop=True)
        reasons = reasons_of(ClientFacts(name, mine, **shared))
        if reasons:
            found.append(Attention(name, reasons))
    return sorted(found, key=lambda entry: (entry.rank, entry.client))


def reasons_of(facts: ClientFacts) -> tuple[Reason, ...]:
    """Every reason of :data:`REASONS` that holds for the client, the most pressing first."""
    return tuple(
        Reason(rule.kind, rank, words)
        for rank, rule in enumerate(REASONS)
        if (words := rule.find(facts)) is not None
    )


def attention_words(entries: list[Attention]) -> str:
    """The list in words, one client a line; says so when no client needs the coach.

    Examples
    --------
    >>> attention_words([])
    'No client needs you now.'
    """
    return "\n".join(entry.words for entry in entries) or NOBODY
