"""Every clinical rule in one place: thresholds, dose limits, red flags and the safety text.

Each number names its source where it has one, and every other module asks here rather
than writing a number again. Pure Python, no imports beyond
the standard library, so anything may depend on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

__all__ = [
    "BORG_CR10",
    "PAIN_SCALE",
    "RED_FLAGS",
    "SAFETY_NOTE",
    "URGENT_FLAGS",
    "Advice",
    "ItemSession",
    "Verdict",
    "dose_advice",
    "frequency_advice",
    "important_drop",
    "important_drop_target",
    "judge",
    "pain_warning",
    "pain_warnings",
    "progress_ceiling",
    "trend_wait",
]

# -- the scales ----------------------------------------------------------------------------

PAIN_SCALE = "0 = no pain, 10 = the worst pain imaginable"  # NPRS, whole numbers 0 to 10
PAIN_RANGE = (0, 10)
# Borg CR10 for effort, 0 to 10 in half steps; the anchors in words.
BORG_CR10 = {
    0: "nothing at all",
    0.5: "extremely weak",
    1: "very weak",
    2: "weak",
    3: "moderate",
    4: "somewhat strong",
    5: "strong",
    7: "very strong",
    10: "extremely strong",
}

# -- pain: warnings and real change ----------------------------------------------------------

HIGH_PAIN = 7  # pain at or above this deserves a visible warning
PAIN_RISE = 2  # so does a rise of this much over one session
IMPORTANT_POINTS = 2  # Farrar 2001: a drop of about 2 points ...
IMPORTANT_FRACTION = 0.30  # ... or about 30% from baseline is clinically important
ROLLING_SESSIONS = 5  # single readings are noisy: the trend is a mean of the last five
BASELINE_DAYS = 14  # the baseline is the mean pain of the first two weeks
RECENT_DAYS = 14  # "now" is the mean pain of the last two weeks
WARNING_LABEL = f"pain {HIGH_PAIN}+ or rise {PAIN_RISE}+"
# Scores closer together than this would put the same sessions in the baseline and in "now":
# any change shown before then would be noise, not a trend.
TREND_DAYS = BASELINE_DAYS + RECENT_DAYS


def trend_wait(span_days: float) -> str:
    """What to do before pain scores spanning ``span_days`` can show a trend; empty once they can.

    Examples
    --------
    >>> trend_wait(2)
    'Log sessions for 4 weeks to see your trend (2 days so far).'
    >>> trend_wait(0), trend_wait(28)
    ('Log sessions for 4 weeks to see your trend.', '')
    """
    if span_days >= TREND_DAYS:
        return ""
    days = int(span_days)
    so_far = f" ({days} day{'s' if days != 1 else ''} so far)" if days else ""
    return f"Log sessions for {TREND_DAYS // 7} weeks to see your trend{so_far}."


def pain_warning(pain_before: float | None, pain_after: float | None) -> bool:
    """Whether a session's scores call for a warning: pain of 7+ or a rise of 2+.

    Examples
    --------
    >>> pain_warning(3, 5), pain_warning(3, 4), pain_warning(7, None)
    (True, False, True)
    """
    scores = [p for p in (pain_before, pain_after) if _known(p)]
    high = any(p >= HIGH_PAIN for p in scores)
    rise = len(scores) == 2 and pain_after - pain_before >= PAIN_RISE
    return high or rise


def pain_warnings(pain_before: int | None, pain_after: int | None) -> list[str]:
    """The warnings a session's pain scores call for, in words; empty when all is well.

    Examples
    --------
    >>> pain_warnings(3, 6)
    ['Your pain rose by 3 points during the session. Stop for today, and if it does not \
settle, see a professional before the next session.']
    """
    warnings = []
    high = [p for p in (pain_before, pain_after) if _known(p) and p >= HIGH_PAIN]
    if high:
        warnings.append(
            f"Pain of {max(high)} out of 10 is high. Do not push through it: rest, and see a "
            "professional if it stays this high or keeps coming back."
        )
    if _known(pain_before) and _known(pain_after) and pain_after - pain_before >= PAIN_RISE:
        warnings.append(
            f"Your pain rose by {pain_after - pain_before} points during the session. Stop for "
            "today, and if it does not settle, see a professional before the next session."
        )
    return warnings


def important_drop(change: float, baseline: float) -> bool:
    """Whether a change from baseline is a clinically important drop (2 points or 30%).

    Examples
    --------
    >>> important_drop(-2.0, 8.0), important_drop(-1.0, 3.0), important_drop(-1.0, 5.0)
    (True, True, False)
    """
    if not _known(change):
        return False
    share = change / baseline if _known(baseline) and baseline > 0 else math.nan
    return change <= -IMPORTANT_POINTS or (_known(share) and share <= -IMPORTANT_FRACTION)


def important_drop_target(baseline: float) -> float:
    """The pain level at which a drop from ``baseline`` becomes clinically important.

    Whichever of the two rules is met first: 2 points below a high baseline, 30% below a
    low one.

    Examples
    --------
    >>> important_drop_target(8.0), important_drop_target(5.0)
    (6.0, 3.5)
    """
    return max(baseline - IMPORTANT_POINTS, baseline * (1 - IMPORTANT_FRACTION))


def _known(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


# -- doses ---------------------------------------------------------------------------------

# Ranges a routine's value must fall in; outside them the routine is refused.
DOSE_LIMITS = {
    "sets": (1, 10),
    "reps": (1, 100),
    "hold_seconds": (1, 600),
    "rest_seconds": (0, 900),
    "rest_after_seconds": (0, 900),
    "times_per_day": (1, 6),
    "days_per_week": (1, 7),
}
STRETCH_HOLD_ADVISED = (10, 60)  # ACSM: 10-30 s for most adults, 30-60 s for older adults
# Core holds (plank, side plank): McGill (Low Back Disorders, 3rd ed., 2016) builds trunk
# endurance from repeated holds of about 10 s; past a minute form fades and the hold tests
# endurance rather than training it. 10 s is his; the 60 s ceiling is our reading of him.
CORE_HOLD_ADVISED = (10, 60)
STRENGTH_REPS_ADVISED = (8, 12)  # strength work: 8-12 repetitions, 2-3 days a week
STRENGTH_SETS_ADVISED = (1, 3)  # 1-3 sets a move is the usual start for beginners (ACSM)
STRENGTH_DAYS_ADVISED = (2, 3)  # 2-3 days a week, a day of rest between (ACSM)
STRENGTH_TIMES_PER_DAY_ADVISED = 1  # rest days are the point: once on a training day
STRENGTH_CATEGORIES = ("strength", "core")  # of exercises.csv: work that needs recovery
DEFAULT_REST_AFTER = 30  # seconds between one exercise and the next
SECONDS_PER_REP = 3  # to estimate a rep-based set's length and its time under tension
GET_READY_SECONDS = 10
SWITCH_SIDES_SECONDS = 5
COUNTDOWN_FROM = 3  # the timer counts the last seconds of a phase aloud: 3, 2, 1


@dataclass(frozen=True)
class DoseFacts:
    """What the dose advice needs to know about one item, once its defaults are filled in."""

    name: str
    category: str  # of exercises.csv: mobility, strength, stretch/yoga, core
    dosing: str  # "reps" or "hold"
    reps: int | None
    hold_seconds: int | None
    sets: int = 1


def dose_advice(facts: DoseFacts) -> list[str]:
    """Doses the references advise against: allowed, but the coach should know.

    Examples
    --------
    >>> dose_advice(DoseFacts("Pull-up", "strength", "reps", 20, None))
    ['20 reps is outside the 8-12 advised for strength work']
    >>> dose_advice(DoseFacts("Plank", "core", "hold", None, 300, sets=10))
    ['a 300 s hold is outside the 10-60 s advised for core holds such as planks', '10 sets is more than the 1-3 advised for strength and core work']
    """
    found = []
    if facts.dosing == "hold":
        found += _hold_advice(facts)
    if facts.category == "strength" and facts.reps is not None:
        low, high = STRENGTH_REPS_ADVISED
        if not low <= facts.reps <= high:
            found.append(f"{facts.reps} reps is outside the {low}-{high} advised for strength work")
    if facts.category in STRENGTH_CATEGORIES:
        low, high = STRENGTH_SETS_ADVISED
        if not low <= facts.sets <= high:
            found.append(
                f"{facts.sets} sets is more than the {low}-{high} advised for strength and core work"
            )
    return found


def _hold_advice(facts: DoseFacts) -> list[str]:
    if facts.category == "core":
        (low, high), kind = CORE_HOLD_ADVISED, "core holds such as planks"
    else:
        (low, high), kind = (
            STRETCH_HOLD_ADVISED,
            "stretches (10-30 s for most adults, 30-60 s for older adults)",
        )
    if low <= facts.hold_seconds <= high:
        return []
    return [f"a {facts.hold_seconds} s hold is outside the {low}-{high} s advised for {kind}"]


def frequency_advice(categories, *, times_per_day: int, days_per_week: int) -> list[str]:
    """How often a routine is done, against the advice for the work in it.

    Strength and core work needs days of rest between: 2-3 days a week, once a day.

    Parameters
    ----------
    categories : iterable of str
        The categories (of exercises.csv) of the routine's exercises.
    times_per_day, days_per_week : int
        How often the routine is to be done.

    Examples
    --------
    >>> frequency_advice(["strength"], times_per_day=6, days_per_week=7)
    ['strength work 7 days a week is more than the 2-3 days advised: muscles grow stronger on the rest days between', 'strength work 6 times a day is more than the once a day advised']
    >>> frequency_advice(["mobility"], times_per_day=3, days_per_week=7)
    []
    """
    if not set(categories) & set(STRENGTH_CATEGORIES):
        return []
    found = []
    low, high = STRENGTH_DAYS_ADVISED
    if not low <= days_per_week <= high:
        side = "more" if days_per_week > high else "fewer"
        found.append(
            f"strength work {days_per_week} {'day' if days_per_week == 1 else 'days'} a week is "
            f"{side} than the {low}-{high} days advised"
            + (": muscles grow stronger on the rest days between" if side == "more" else "")
        )
    if times_per_day > STRENGTH_TIMES_PER_DAY_ADVISED:
        found.append(
            f"strength work {times_per_day} times a day is more than the once a day advised"
        )
    return found


# -- what the session log holds --------------------------------------------------------------

# The longest text each field may hold, in characters: the column sizes of the log's tables
# (store/schema.py), so SQLite and PostgreSQL refuse the same values, before writing.
TEXT_LIMITS = {
    "client": 200,
    "routine": 200,
    "uid": 32,
    "exercise": 100,
    "side": 5,
    "notes": 5000,
    "note": 1000,
}
# Whole numbers a logged session may hold, lowest and highest.
WHOLE_LIMITS = {
    "pain_before": PAIN_RANGE,
    "pain_after": PAIN_RANGE,
    "set_number": (1, 50),
    "reps_planned": (0, 500),
    "reps_done": (0, 500),
}
HOLD_LIMITS = (0, 3600)  # seconds a logged hold may last
EFFORT_RANGE = (0, 10)  # Borg CR10, in half steps
EARLIEST_SESSION = datetime(1900, 1, 1, tzinfo=UTC)  # older dates are typing mistakes
CLOCK_SKEW = timedelta(minutes=10)  # a session may start this far "in the future"
# A routine snapshot is a small JSON object: bounded, so no file can exhaust the reader.
PRESCRIPTION_MAX_DEPTH = 10
PRESCRIPTION_MAX_CHARS = 50_000


# -- safety --------------------------------------------------------------------------------

SAFETY_NOTE = (
    "This workbook teaches exercise; it does not diagnose or treat. Good form matters more "
    "than the number of reps. If you are new to exercise or live with a health condition, "
    "talk to a fitness professional or your doctor before you start. Stop any move that "
    "causes sharp pain or pain that spreads, and see a professional rather than exercise "
    "if any of the warning signs below applies to you."
)

# Signs that thoracic pain may not be mechanical: see a professional before exercising.
RED_FLAGS = (
    "pain at night or at rest that does not ease",
    "weight loss you cannot explain",
    "fever",
    "a history of cancer",
    "a recent fall, blow or accident",
    "long use of steroid medicines",
    "numbness, tingling or weakness in your arms or legs",
    "chest pain or shortness of breath",
    "pain that keeps getting worse",
)
# Of those, the ones that need urgent care today, not a later appointment.
URGENT_FLAGS = ("chest pain or shortness of breath",)


# -- progressing and easing off ------------------------------------------------------------

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
        scores = [p for p in (now.pain_before, now.pain_after) if _known(p)]
        if scores and max(scores) > PAIN_ACCEPTABLE:
            high.append((now.day, f"{max(scores)} of 10"))
        if len(scores) == 2 and now.pain_after - now.pain_before >= PAIN_RISE:
            rise.append((now.day, f"{now.pain_before} to {now.pain_after}"))
        start, previous = now.pain_before, before and before.pain_before
        if _known(start) and _known(previous) and start - previous >= PAIN_CARRY_OVER:
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
    starts = [s.pain_before for s in recent if _known(s.pain_before)]
    hardest = max((s.effort for s in last if _known(s.effort)), default=None)
    if len(last) < PROGRESS_AFTER:
        why = "Only one recent session: keep the dose and look again after the next."
    elif hardest is None or any(not _known(s.effort) for s in last):
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
            f"Every set was done at an effort of at most {_effort(hardest)} on "
            f"{' and '.join(_day(d) for d in days)}, below the working range (CR10 "
            f"{low}-{high}), and pain was steady or falling: time for one step up."
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
