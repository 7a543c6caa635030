"""Progressing and easing off: next week's advice for one routine item, as a decision table.

The table (:data:`DECISION_TABLE`) is read from the top, and the first row whose test holds
gives the advice. Pain comes first, so it always wins: a row lower down is only reached when
no pain or safety row applies. Each row carries its words for people and its source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from upperback.rules.pain import PAIN_RISE, RECENT_DAYS, known
from upperback.rules.window import (
    ItemSession,
    Window,
    day_words,
    days_of,
    days_words,
    effort_words,
    logged_in_full,
    on_days,
    peaks,
    scores,
)

# The pain-monitoring model (Thomeé 1997; Silbernagel et al. 2007): pain up to 5 of 10 during
# or after exercise is acceptable, it should settle by the next time, and it should not creep
# up from one time to the next. Within those limits the dose may go up; outside, it comes down.
PAIN_ACCEPTABLE = 5  # pain above this, before or after a session: ease off
PAIN_STOP = 8  # pain at or above this: pause the exercise and see a professional
# Pain at the start of a session this much above the time before: the last one did not settle.
# One point is within the noise of single readings (minimal detectable change about 2).
PAIN_CARRY_OVER = 2
# Pain at the start of the sessions this much higher in the last of the window than in the
# first: pain creeping up, which the model says should not happen from week to week.
PAIN_CREEP = 2
# PAIN_RISE above: a rise of 2 or more over one session also says ease off.
EFFORT_WORKING = (4, 6)  # CR10 "somewhat strong" to "strong": the dose is doing its work
PROGRESS_AFTER = 2  # every set done below the working range on at least this many sessions
RECENT_SESSIONS = 3  # the suggestions weigh the routine's last three sessions ...
# ... of the last RECENT_DAYS (two weeks, above).
STEADY_SHARE = 0.75  # coaching practice: progress only after 3 in 4 planned sessions were done
HOLD_DONE_SHARE = 0.9  # a hold counts as done at 90% of its time (a stop a moment early)
WORKING_WORDS = f"effort {EFFORT_WORKING[0]} to {EFFORT_WORKING[1]} of 10, hard but doable"
SEE_SOMEONE = (
    "Pause this exercise and see a doctor or physiotherapist before you do it again; no "
    "change of dose is offered here."
)


class Advice(StrEnum):
    """What the log says to do with a routine item next week."""

    STOP = "stop and see a professional"
    EASE_OFF = "ease off"
    KEEP = "keep"
    PROGRESS = "progress"


@dataclass(frozen=True)
class Verdict:
    """The advice for one item, why in plain words, and the sessions it rests on."""

    advice: Advice
    reason: str
    days: tuple[date, ...]


@dataclass(frozen=True)
class Row:
    """One row of the decision table.

    ``test`` returns the reason, in words for the client and coach, with the days it rests
    on, when the row applies; None when it does not.
    """

    advice: Advice
    when: str  # the row's condition, in a few words
    source: str
    test: Callable[[Window], tuple[str, tuple[date, ...]] | None]


def _stop_for_pain(window: Window):
    found = peaks(window, PAIN_STOP)
    if found:
        why = f"Pain reached {on_days(found)}: pain of {PAIN_STOP} or more is a reason to stop."
        return f"{why} {SEE_SOMEONE}", days_of(found)
    return None


def _stop_for_warning_sign(window: Window):
    if window.warning_sign:
        why = (
            "A warning sign was ticked on the warning-signs check, and no professional has "
            "cleared it yet."
        )
        return f"{why} {SEE_SOMEONE}", window.days
    return None


def _high_pain(window: Window):
    found = peaks(window, PAIN_ACCEPTABLE + 1)
    if found:
        return (
            f"Pain reached {on_days(found)}; above {PAIN_ACCEPTABLE} the dose should come down.",
            days_of(found),
        )
    return None


def _rise_in_session(window: Window):
    found = [
        (s.day, f"{s.pain_before} to {s.pain_after}")
        for s in window.sessions
        if len(scores(s)) == 2 and s.pain_after - s.pain_before >= PAIN_RISE
    ]
    return (f"Pain rose during the session: {on_days(found)}.", days_of(found)) if found else None


def _carried_over(window: Window):
    pairs = zip(window.sessions, window.sessions[1:], strict=False)
    found = [
        (now.day, f"{now.pain_before}, up from {before.pain_before}")
        for before, now in pairs
        if known(now.pain_before)
        and known(before.pain_before)
        and now.pain_before - before.pain_before >= PAIN_CARRY_OVER
    ]
    if found:
        why = f"Pain at the start was {on_days(found)} the time before: it had not settled."
        return why, days_of(found)
    return None


def _creeping_up(window: Window):
    starts = [s for s in window.sessions if known(s.pain_before)]
    if len(starts) >= 2 and starts[-1].pain_before - starts[0].pain_before >= PAIN_CREEP:
        first, last = starts[0], starts[-1]
        why = (
            f"Pain at the start crept up from {first.pain_before} on {day_words(first.day)} to "
            f"{last.pain_before} on {day_words(last.day)}: it should not keep rising from one time "
            "to the next."
        )
        return why, tuple(s.day for s in starts)
    return None


def _too_few(window: Window):
    if not window.sessions:
        why = f"No sessions with this exercise in the last {RECENT_DAYS} days: keep the same dose."
        return why, ()
    if len(window.sessions) < PROGRESS_AFTER:
        return "Only one recent session: keep the same dose and look again after the next.", (
            window.days
        )
    return None


def _scores_missing(window: Window):
    missing = [s.day for s in window.sessions if not logged_in_full(s)]
    if missing:
        why = (
            f"Pain before and after, or effort, was not logged on {days_words(missing)}, so "
            "nothing shows the dose is easy and pain-free: keep the same dose, and log all "
            "three next time."
        )
        return why, tuple(missing)
    return None


def _missed_sessions(window: Window):
    if window.done < window.planned * STEADY_SHARE:
        why = (
            f"{window.done} of {window.planned} planned sessions in the last {RECENT_DAYS} "
            "days: keep the same dose until the routine is regular again."
        )
        return why, window.days
    return None


def _sets_missed(window: Window):
    missed = [s.day for s in window.sessions if not s.all_sets_done]
    if missed:
        why = (
            f"Not every set was finished on {days_words(missed)}: keep the same dose until "
            "they are."
        )
        return why, tuple(missed)
    return None


def _working(window: Window):
    hardest = max(s.effort for s in window.sessions)
    if hardest >= EFFORT_WORKING[0]:
        where = "in" if hardest <= EFFORT_WORKING[1] else "above"
        why = (
            f"Effort reached {effort_words(hardest)}, {where} the working range ({WORKING_WORDS}):"
            " the dose is doing its work, so keep the same dose."
        )
        return why, window.days
    return None


def _steady(window: Window) -> bool:
    """Neither the pain at the start nor the pain after is higher in the last session than
    in the first of the window."""
    first, last = window.sessions[0], window.sessions[-1]
    return last.pain_before <= first.pain_before and last.pain_after <= first.pain_after


def _not_steady(window: Window):
    if not _steady(window):
        first, last = window.sessions[0], window.sessions[-1]
        why = (
            f"Pain was higher on {day_words(last.day)} ({_before_after(last)}) than on "
            f"{day_words(first.day)} ({_before_after(first)}): keep the same dose until it settles."
        )
        return why, window.days
    return None


def _before_after(s: ItemSession) -> str:
    return f"{s.pain_before} at the start, {s.pain_after} after"


def _ready(window: Window):
    """Every recent session logged in full, every set done, low effort, pain steady."""
    sessions = window.sessions
    ready = (
        len(sessions) >= PROGRESS_AFTER
        and all(logged_in_full(s) for s in sessions)
        and all(s.all_sets_done for s in sessions)
        and max(s.effort for s in sessions) < EFFORT_WORKING[0]
        and _steady(window)
    )
    if not ready:
        return None
    hardest = max(s.effort for s in sessions)
    why = (
        f"Every set was done at an effort of at most {effort_words(hardest)} in the last "
        f"{len(sessions)} sessions ({days_words(window.days)}), below the working range "
        f"({WORKING_WORDS}), and pain was steady or falling: time for one step up."
    )
    return why, window.days


PAIN_MODEL = "the pain-monitoring model (Thomeé 1997; Silbernagel et al. 2007)"
OVERLOAD = "progressive overload by effort (../shared/REFERENCES.md, Progressing and easing off)"

# Read from the top; the first row whose test holds gives the advice.
DECISION_TABLE: tuple[Row, ...] = (
    Row(
        Advice.STOP,
        f"pain of {PAIN_STOP} or more in a recent session",
        f"above 5 is high risk in {PAIN_MODEL}, and pain of 7 or more deserves a visible "
        "warning (../shared/REFERENCES.md, Safety); 8 or more as the point to stop and be "
        "seen is coaching practice",
        _stop_for_pain,
    ),
    Row(
        Advice.STOP,
        "a warning sign answered yes and not cleared",
        "the red flags for thoracic pain: see a professional rather than exercise "
        "(../shared/REFERENCES.md, Safety)",
        _stop_for_warning_sign,
    ),
    Row(
        Advice.EASE_OFF,
        f"pain above {PAIN_ACCEPTABLE}",
        f"{PAIN_MODEL}: up to 5 of 10 is acceptable",
        _high_pain,
    ),
    Row(
        Advice.EASE_OFF,
        f"a rise of {PAIN_RISE} or more over a session",
        f"{PAIN_MODEL}: pain after exercise should settle; a rise of 2 or more deserves a "
        "warning (../shared/REFERENCES.md, Safety)",
        _rise_in_session,
    ),
    Row(
        Advice.EASE_OFF,
        f"pain at the start {PAIN_CARRY_OVER} or more above the time before",
        f"{PAIN_MODEL}: pain should settle by the next time; single readings vary by up to "
        "about 2 points (../shared/REFERENCES.md, Pain and effort scales)",
        _carried_over,
    ),
    Row(
        Advice.EASE_OFF,
        f"pain at the start {PAIN_CREEP} or more higher in the last recent session than the first",
        "Silbernagel et al. 2007: pain should not rise from week to week, and eases off when "
        "it does",
        _creeping_up,
    ),
    Row(
        Advice.KEEP,
        f"fewer than {PROGRESS_AFTER} recent sessions",
        f"{OVERLOAD}: add only after two or more sessions",
        _too_few,
    ),
    Row(
        Advice.KEEP,
        "pain or effort missing on a recent session",
        f"{PAIN_MODEL} and {OVERLOAD}: both need the scores",
        _scores_missing,
    ),
    Row(
        Advice.KEEP,
        f"fewer than {STEADY_SHARE:.0%} of the planned sessions done",
        "coaching practice: progress once the routine is regular",
        _missed_sessions,
    ),
    Row(
        Advice.KEEP,
        "a set not finished",
        f"{OVERLOAD}: add only when every set is completed",
        _sets_missed,
    ),
    Row(
        Advice.KEEP,
        f"effort {EFFORT_WORKING[0]} or more",
        f"{OVERLOAD}: keep a dose while a set feels somewhat strong or harder (CR10 about 4-6)",
        _working,
    ),
    Row(
        Advice.KEEP,
        "pain not steady or falling",
        f"{PAIN_MODEL}: within its limits the dose may go up, so only when pain is steady",
        _not_steady,
    ),
    Row(
        Advice.PROGRESS,
        "every session logged in full, every set done, low effort, pain steady or falling",
        f"{OVERLOAD}: one change at a time",
        _ready,
    ),
)


def judge(
    sessions: list[ItemSession], *, planned: int, done: int, warning_sign: bool = False
) -> Verdict:
    """Next week's advice for an item from its recent sessions (oldest first).

    The last :data:`RECENT_SESSIONS` sessions are weighed; the first row of
    :data:`DECISION_TABLE` that holds gives the advice, its reason and the days it rests on.
    ``warning_sign`` says the client answered a warning sign yes and no professional has
    cleared it.

    Examples
    --------
    >>> easy = [ItemSession(date(2026, 11, d), 4, 3, 3.0, True) for d in (10, 12)]
    >>> judge(easy, planned=4, done=4).advice
    <Advice.PROGRESS: 'progress'>
    >>> sore = [*easy[:1], ItemSession(date(2026, 11, 12), 5, 6, 3.0, True)]
    >>> judge(sore, planned=4, done=4).reason
    'Pain reached 6 of 10 on 12 Nov; above 5 the dose should come down.'
    >>> judge(easy, planned=4, done=4, warning_sign=True).advice
    <Advice.STOP: 'stop and see a professional'>
    """
    row, (reason, days) = _decide(
        Window(tuple(sessions[-RECENT_SESSIONS:]), planned, done, warning_sign)
    )
    return Verdict(row.advice, reason, days)


def deciding_row(
    sessions: list[ItemSession], *, planned: int, done: int, warning_sign: bool = False
) -> Row:
    """The row of :data:`DECISION_TABLE` that decides (what :func:`judge` reads)."""
    return _decide(Window(tuple(sessions[-RECENT_SESSIONS:]), planned, done, warning_sign))[0]


def _decide(window: Window) -> tuple[Row, tuple[str, tuple[date, ...]]]:
    for row in DECISION_TABLE:
        found = row.test(window)
        if found is not None:
            return row, found
    # The last row holds whenever none above it does; a new row must keep it so.
    raise AssertionError("no row of the decision table holds for this log")
