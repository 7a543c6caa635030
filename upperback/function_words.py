"""A client's function in their own words: what changed in each activity they named, and
whether it counts, by the one rule of :func:`upperback.rules.function_change`.

The first check is the client's starting point; the latest is "now". A table of every
rating is here too, for a chart and for "Show as a table".
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from upperback.function_checks import FunctionCheck
from upperback.rules.function import (
    ACTIVITY_REAL_CHANGE,
    MEAN_REAL_CHANGE,
    FunctionChange,
    function_change,
)
from upperback.text import plural

__all__ = [
    "FUNCTION_COLUMNS",
    "function_frame",
    "function_lines",
    "function_progress",
    "function_sentence",
]

FUNCTION_COLUMNS = ["checked_at", "activity", "rating"]
MEAN = "average of your activities"  # the mean's row in function_frame
NOT_ASKED = "You have not rated your activities yet."


def function_progress(checks: Sequence[FunctionCheck]) -> FunctionChange:
    """From the client's first check to their latest (an unknown change with fewer than two).

    Examples
    --------
    >>> from datetime import datetime, UTC
    >>> a = FunctionCheck("Sam", datetime(2026, 3, 2, tzinfo=UTC), (("Driving", 3),))
    >>> b = FunctionCheck("Sam", datetime(2026, 3, 16, tzinfo=UTC), (("Driving", 6),))
    >>> function_progress([a, b]).activities[0].words
    'Driving: 3 → 6'
    """
    if len(checks) < 2:
        last = checks[-1].as_dict if checks else None
        return function_change(None, last)
    return function_change(checks[0].as_dict, checks[-1].as_dict)


def function_lines(checks: Sequence[FunctionCheck], *, about: str | None = None) -> list[str]:
    """The change in words, then each activity ("Reaching a high shelf: 3 → 7"), the ones
    that changed for real marked. ``about`` (the client's name) speaks to a coach.

    Examples
    --------
    >>> from datetime import datetime, UTC
    >>> a = FunctionCheck("Sam", datetime(2026, 3, 2, tzinfo=UTC),
    ...                   (("Reaching a high shelf", 3), ("Driving", 5), ("Lifting", 5)))
    >>> b = FunctionCheck("Sam", datetime(2026, 3, 16, tzinfo=UTC),
    ...                   (("Reaching a high shelf", 7), ("Driving", 6), ("Lifting", 5)))
    >>> function_lines([a, b])[1:]
    ['Reaching a high shelf: 3 → 7 (a real change)', 'Driving: 5 → 6', 'Lifting: 5 → 5']
    """
    if not checks:
        return [NOT_ASKED if about is None else f"{about} has not rated their activities yet."]
    change = function_progress(checks)
    if len(checks) < 2:
        score = checks[0].score
        first = f"Your activities average {score:.1f} out of 10 so far"
        lines = [f"{first}; rate them again to see how they change."]
        lines += [f"{name}: {rating}" for name, rating in checks[0].ratings]
    else:
        lines = [change.words]
        lines += [a.words + (" (a real change)" if a.real else "") for a in change.activities]
    if about is not None:
        lines[0] = lines[0].replace("Your activities", f"{about}'s activities")
    return lines


def function_frame(checks: Sequence[FunctionCheck]) -> pd.DataFrame:
    """Every rating, one row each (``FUNCTION_COLUMNS``), and each check's mean as
    the activity "average of your activities"; oldest first."""
    rows = []
    for check in checks:
        rows += [(check.checked_at, name, rating) for name, rating in check.ratings]
        rows.append((check.checked_at, MEAN, check.score))
    frame = pd.DataFrame(rows, columns=FUNCTION_COLUMNS)
    frame["checked_at"] = pd.to_datetime(frame["checked_at"], utc=True)
    frame["rating"] = frame["rating"].astype("Float64")
    return frame


def function_sentence(checks: Sequence[FunctionCheck]) -> str:
    """What the function chart shows, in one sentence: its alt text.

    Examples
    --------
    >>> function_sentence([])
    'No ratings of activities yet.'
    """
    if not checks:
        return "No ratings of activities yet."
    change = function_progress(checks)
    times = "once" if len(checks) == 1 else f"{len(checks)} times"
    rated = f"{plural(len(change.activities), 'activity', 'activities')} rated {times}"
    if change.first_mean is None:
        return f"{rated}; rate them again to see a change."
    return (
        f"{rated}: the average went from {change.first_mean:.1f} to "
        f"{change.last_mean:.1f} out of 10 ({change.trend.value}); a change of "
        f"{MEAN_REAL_CHANGE} points in the average, or {ACTIVITY_REAL_CHANGE} in one "
        "activity, is real."
    )
