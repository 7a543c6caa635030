"""Progressing and easing off: the pain-monitoring model applied to an item's sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from upperback.rules.doses import STRENGTH_REPS_ADVISED, STRETCH_HOLD_ADVISED
from upperback.rules.pain import PAIN_RISE, RECENT_DAYS, known
from upperback.rules.scales import BORG_CR10

# The pain-monitoring model (Thomeé 1997; Silbernagel et al. 2007): pain up to 5 of 10 during
# or after exercise is acceptable, it should settle by the next time, and it should not creep
# up from one time to the next. Within those limits the dose may go up; outside, it comes down.
PAIN_ACCEPTABLE = 5  # pain above this, before or after a session: ease off
# Pain at the start of a session this much above the time before: the last one did not settle.
# One point is within the noise of single readings (minimal detectable change about 2).
PAIN_CARRY_OVER = 2
# PAIN_RISE above: a rise of 2 or more over one session also says ease off.
EFFORT_WORKING = (4, 6)  # CR10 "somewhat strong" to "strong": the dose is doing its work
PROGRESS_AFTER = 2  # every set done below the working range on this many sessions in a row
RECENT_SESSIONS = 3  # the suggestions weigh the routine's last three sessions ...
# ... of the last RECENT_DAYS (two weeks, above).
STEADY_SHARE = 0.75  # coaching practice: progress only after 3 in 4 planned sessions were done
HOLD_DONE_SHARE = 0.9  # a hold counts as done at 90% of its time (a stop a moment early)
REPS_STEP = 2  # coaching practice: "a few more reps", one change at a time
HOLD_STEP = 5  # seconds
MOST_SETS = 4  # ACSM: 2-4 repetitions of a stretch; coaching practice for the rest
MOST_REPS_OTHER = 15  # coaching practice: past this, a harder variation or a set, not more reps
MOST_CORE_HOLD = 60  # coaching practice: past a minute, a harder variation does more
LEAST_WHEN_EASING = {"reps": 4, "hold_seconds": 10}  # below these, a set fewer instead


class Advice(StrEnum):
    """What the log says to do with a routine item next week."""

    EASE_OFF = "ease off"
    KEEP = "keep"
    PROGRESS = "progress"


@dataclass(frozen=True)
class ItemSession:
    """One session as the rules see it for one routine item."""

    day: date
    pain_before: int | None
    pain_after: int | None
    effort: float | None
    all_sets_done: bool  # every set of the item completed as planned


@dataclass(frozen=True)
class Verdict:
    """The advice for one item, why in plain words, and the sessions it rests on."""

    advice: Advice
    reason: str
    days: tuple[date, ...]


def judge(sessions: list[ItemSession], *, planned: int, done: int) -> Verdict:
    """Apply the pain-monitoring and effort rules to an item's recent sessions (oldest first).

    Pain wins: any pain signal eases off, whatever the effort says. Missed sessions keep the
    dose. Only then may low effort on every set of the last sessions move it up.

    Examples
    --------
    >>> easy = [ItemSession(date(2026, 11, d), 4, 3, 3.0, True) for d in (10, 12)]
    >>> judge(easy, planned=4, done=4).advice
    <Advice.PROGRESS: 'progress'>
    >>> sore = [*easy[:1], ItemSession(date(2026, 11, 12), 5, 6, 3.0, True)]
    >>> judge(sore, planned=4, done=4).reason
    'Pain reached 6 of 10 on 12 Nov; above 5 the dose should come down.'
    """
    recent = sessions[-RECENT_SESSIONS:]
    if not recent:
        why = f"No sessions with this exercise in the last {RECENT_DAYS} days: keep the dose."
        return Verdict(Advice.KEEP, why, ())
    pain, days = _pain_signals(recent)
    if pain:
        return Verdict(Advice.EASE_OFF, " ".join(pain), days)
    if done < planned * STEADY_SHARE:
        why = (
            f"{done} of {planned} planned sessions in the last {RECENT_DAYS} days: keep the "
            "dose until the routine is regular again."
        )
        return Verdict(Advice.KEEP, why, tuple(s.day for s in recent))
    return _effort_verdict(recent)


def _pain_signals(recent: list[ItemSession]) -> tuple[list[str], tuple[date, ...]]:
    """Each reason the pain-monitoring model gives to ease off, and the days it rests on."""
    high, rise, carried = [], [], []
    for before, now in zip([None, *recent], recent, strict=False):
        scores = [p for p in (now.pain_before, now.pain_after) if known(p)]
        if scores and max(scores) > PAIN_ACCEPTABLE:
            high.append((now.day, f"{max(scores)} of 10"))
        if len(scores) == 2 and now.pain_after - now.pain_before >= PAIN_RISE:
            rise.append((now.day, f"{now.pain_before} to {now.pain_after}"))
        start, previous = now.pain_before, before and before.pain_before
        if known(start) and known(previous) and start - previous >= PAIN_CARRY_OVER:
            carried.append((now.day, f"{start}, up from {previous}"))
    found = []
    if high:
        found.append(
            f"Pain reached {_on(high)}; above {PAIN_ACCEPTABLE} the dose should come down."
        )
    if rise:
        found.append(f"Pain rose during the session: {_on(rise)}.")
    if carried:
        found.append(f"Pain at the start was {_on(carried)} the time before: it had not settled.")
    return found, tuple(sorted({day for day, _ in [*high, *rise, *carried]}))


def _on(found: list[tuple[date, str]]) -> str:
    """ "6 of 10 on 12 Nov and 5 of 10 on 14 Nov" """
    return " and ".join(f"{what} on {_day(day)}" for day, what in found)


def _effort_verdict(recent: list[ItemSession]) -> Verdict:
    """Keep while the effort is in the working range; one step up once it is easy."""
    last = recent[-PROGRESS_AFTER:]
    days = tuple(s.day for s in last)
    low, high = EFFORT_WORKING
    starts = [s.pain_before for s in recent if known(s.pain_before)]
    hardest = max((s.effort for s in last if known(s.effort)), default=None)
    if len(last) < PROGRESS_AFTER:
        why = "Only one recent session: keep the dose and look again after the next."
    elif hardest is None or any(not known(s.effort) for s in last):
        why = "Effort was not logged every time, so nothing shows the dose is easy: keep it."
    elif not all(s.all_sets_done for s in last):
        missed = ", ".join(_day(s.day) for s in last if not s.all_sets_done)
        why = f"Not every set was finished on {missed}: keep the dose until they are."
    elif hardest >= low:
        where = "in" if hardest <= high else "above"
        why = (
            f"Effort reached {_effort(hardest)}, {where} the working range (CR10 {low}-{high}):"
            " the dose is doing its work."
        )
    elif starts and starts[-1] > starts[0]:
        why = f"Pain crept up from {starts[0]} to {starts[-1]}: keep the dose until it settles."
    else:
        why = (
            f"Every set was done at an effort of at most {_effort(hardest)} in the last "
            f"{len(days)} sessions ({' and '.join(dict.fromkeys(map(_day, days)))}), below the "
            f"working range (CR10 {low}-{high}), and pain was steady or falling: time for one "
            "step up."
        )
        return Verdict(Advice.PROGRESS, why, days)
    return Verdict(Advice.KEEP, why, days)


def _day(day: date) -> str:
    return f"{day.day} {day:%b}"


def _effort(effort: float) -> str:
    shown = f"{effort:g}"
    return f"{shown} ({BORG_CR10[effort]})" if effort in BORG_CR10 else shown


def progress_ceiling(category: str, dosing: str) -> int:
    """The most reps, or hold seconds, a step up may reach for this kind of exercise.

    Examples
    --------
    >>> progress_ceiling("strength", "reps"), progress_ceiling("core", "hold")
    (12, 60)
    """
    if dosing == "hold":
        return MOST_CORE_HOLD if category == "core" else STRETCH_HOLD_ADVISED[1]
    return STRENGTH_REPS_ADVISED[1] if category == "strength" else MOST_REPS_OTHER
