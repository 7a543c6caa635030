"""Doses: the limits a routine must keep, and the advice the references give."""

from __future__ import annotations

from dataclasses import dataclass

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
