"""The coach's attention list: the clients who need the coach now, and why, in words.

Each reason is one row of :data:`REASONS`, read from the top: its place is its rank, so the
most pressing comes first. A client with several reasons is one entry, with all its reasons
in words, ranked by its highest. A new reason is one more row: a name and a function that
reads a :class:`~upperback.attention_facts.ClientFacts` and returns the reason in words, or None when it does not
apply.

The list reads only what the store answers, so a coach's store (scoped by the clinic's
database) lists only that coach's clients; routine files name no one the store does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pandas as pd

from upperback.attention_facts import ClientFacts, clinic_facts
from upperback.queries import Library
from upperback.rules.function import MEAN_REAL_CHANGE, FunctionTrend, function_change
from upperback.rules.pain import HIGH_PAIN, PAIN_RISE, known
from upperback.rules.progressing import PAIN_STOP
from upperback.workbook import local_zone

__all__ = ["NOBODY", "REASONS", "Attention", "Reason", "attention_list", "attention_words"]

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


def _stop(facts: ClientFacts) -> str | None:
    # Of the decision table's stops, the sessions alone call only for pain's (a test keeps
    # it so): the advice is worked out only for clients whose pain reached it in the two
    # weeks it weighs, so a clinic's list does not plan every client's next week.
    peak = facts.sessions["fortnight_peak"].max()
    if pd.isna(peak) or peak < PAIN_STOP:
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
    sessions = facts.sessions
    if not sessions["warned"].any():
        return None
    recent = sessions[sessions["warned"]]
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
    last = facts.sessions["day"].max() if len(facts) else None
    if last is not None and (today - last).days < MISSING_DAYS:
        return None  # what the rest of this reads is only read when it may count
    # A session that followed a routine came after its assigning: no need to look further.
    since = facts.clinic.followed.get(facts.client) or facts.assigned_since
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


def _function_worse(facts: ClientFacts) -> str | None:
    """Their activities, rated first and last, worse by the change that counts."""
    checks = [check for check in facts.function_checks if check.checked_at <= facts.today]
    if len(checks) < 2:
        return None
    change = function_change(checks[0].as_dict, checks[-1].as_dict)
    if change.trend != FunctionTrend.WORSE:
        return None
    return (
        f"their activities went from {change.first_mean:.1f} to {change.last_mean:.1f} out "
        f"of 10 by {_day(checks[-1].checked_at)}, worse by {MEAN_REAL_CHANGE} points or more"
    )


@dataclass(frozen=True)
class Rule:
    """A row of :data:`REASONS`: its kind, in a few words, and the test that finds it."""

    kind: str
    find: Callable[[ClientFacts], str | None]


# Read from the top: a row's place is its rank. A new reason is one more row.
REASONS: tuple[Rule, ...] = (
    Rule("urgent warning sign waiting", partial(_sign, urgent=True)),
    Rule("warning sign waiting", partial(_sign, urgent=False)),
    Rule("stop and see a professional", _stop),
    Rule("pain warning in the last week", _pain_warning),
    Rule("activities worse", _function_worse),
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
    found = []
    for facts in clinic_facts(store, library, today=today, routines_folder=routines_folder):
        reasons = reasons_of(facts)
        if reasons:
            found.append(Attention(facts.client, reasons))
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
