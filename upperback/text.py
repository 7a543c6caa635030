"""Words for people: a dose, how often, a count. One function for each, used everywhere."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from upperback.workbook import local_zone

if TYPE_CHECKING:
    from upperback.routines import Dose, Routine

__all__ = ["dose_text", "frequency_text", "plural", "when_text"]


def plural(count: int, word: str, words: str | None = None) -> str:
    """A count with its noun: "1 session", "2 sessions".

    Examples
    --------
    >>> plural(1, "session"), plural(2, "session"), plural(0, "safety warning")
    ('1 session', '2 sessions', '0 safety warnings')
    """
    return f"{count} {word if count == 1 else words or word + 's'}"


def when_text(moment: datetime, *, zone: tzinfo | None = None, weekday: bool = True) -> str:
    """A stored time as the person reads it: in their zone (see :func:`local_zone`).

    Examples
    --------
    >>> from datetime import UTC
    >>> from zoneinfo import ZoneInfo
    >>> when_text(datetime(2026, 11, 16, 7, 0, tzinfo=UTC), zone=ZoneInfo("Europe/Berlin"))
    'Mon 16 Nov 2026, 08:00'
    """
    shown = moment.astimezone(zone or local_zone())
    return f"{shown:%a %d %b %Y, %H:%M}" if weekday else f"{shown:%d %b %Y, %H:%M}"


def dose_text(dose: Dose, *, short: bool = False) -> str:
    """A dose in words, in full or short (for a list).

    Examples
    --------
    >>> from upperback.queries import Library
    >>> from upperback.routines import default_dose
    >>> exercises = Library.load(user=False).exercises
    >>> dose_text(default_dose(exercises.loc["can-openers"]))
    '2 sets of 8 reps a side, holding 3 s each, 30 s rest between sets'
    >>> dose_text(default_dose(exercises.loc["plank"]), short=True)
    '3 × 30 s hold'
    """
    side = "" if dose.sides == "both" else " a side"
    if short:
        work = f"{dose.hold_seconds} s hold" if dose.dosing == "hold" else f"{dose.reps} reps"
        return f"{dose.sets} × {work}{side}"
    if dose.dosing == "hold":
        work = f"{plural(dose.sets, 'hold')} of {dose.hold_seconds} s{side}"
    else:
        work = f"{plural(dose.sets, 'set')} of {dose.reps} reps{side}"
        if dose.hold_seconds:
            work += f", holding {dose.hold_seconds} s each"
    if dose.sides not in ("both", "left then right"):
        work += f" ({dose.sides})"
    if dose.sets > 1 and dose.rest_seconds:
        work += f", {dose.rest_seconds} s rest between sets"
    return work


def frequency_text(routine: Routine) -> str:
    """How often, in words.

    Examples
    --------
    >>> from upperback.routines import Routine
    >>> frequency_text(Routine("x", times_per_day=2, days_per_week=7))
    'twice a day, every day'
    """
    times = {1: "once", 2: "twice"}.get(routine.times_per_day, f"{routine.times_per_day} times")
    days = "every day" if routine.days_per_week == 7 else f"{routine.days_per_week} days a week"
    return f"{times} a day, {days}"
