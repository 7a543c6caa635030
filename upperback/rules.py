"""Every clinical rule in one place: thresholds, dose limits, red flags and the safety text.

Each number names its source where it has one, and every other module asks here rather
than writing a number again. Pure Python, no imports beyond
the standard library, so anything may depend on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "BORG_CR10",
    "PAIN_SCALE",
    "RED_FLAGS",
    "SAFETY_NOTE",
    "URGENT_FLAGS",
    "dose_advice",
    "frequency_advice",
    "important_drop",
    "important_drop_target",
    "pain_warning",
    "pain_warnings",
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
