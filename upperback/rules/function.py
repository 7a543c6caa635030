"""Function: the Patient-Specific Functional Scale, and what counts as a real change in it.

The client names 3 to 5 activities their back makes hard, in their own words, and rates
each from 0 (can't do it) to 10 (as well as before the problem); the score is the mean
(Stratford et al., Physiotherapy Canada 1995;47:258-263). docs/function.md gives the
sources.

The one rule (:func:`function_change`): function changed for real when the mean moved by
2 points or more, the smallest change the mean shows beyond the noise of rating it again
(Stratford 1995's minimal detectable change, 90% confidence). One activity changed for real
when it moved by 3 points or more (its own minimal detectable change). A real change of the
mean is then sized by the minimal important differences for neck pain (Abbott & Schmitt
2014): 1.3, 2.3 and 2.7 points for a small, medium and large change.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

FUNCTION_RANGE = (0, 10)  # each activity, in whole numbers
FUNCTION_SCALE = "0 = you can't do it, 10 = as well as before your back hurt"
ACTIVITIES = (3, 5)  # the fewest and most activities a client names
ACTIVITY_LONGEST = 100  # characters in an activity's name
MEAN_REAL_CHANGE = 2  # Stratford 1995: minimal detectable change (90%) of the mean
ACTIVITY_REAL_CHANGE = 3  # ... and of a single activity
# Abbott & Schmitt 2014 (neck pain): minimal important differences of the mean, smallest
# first. Each is a change a client would call small, medium or large.
IMPORTANT_SIZES = ((1.3, "small"), (2.3, "medium"), (2.7, "large"))
DEFAULT_INTERVAL_WEEKS = 2  # asked again every two weeks, unless the coach says otherwise
INTERVAL_WEEKS = (1, 2)  # "every week or two": the intervals a coach may choose
_ROUNDING = 1e-9  # means of whole ratings: 5.0 - 3.0 is a change of 2


class FunctionTrend(StrEnum):
    """How function moved from the first ratings to the last, by the one rule."""

    BETTER = "better"
    WORSE = "worse"
    NOT_YET = "no real change yet"
    UNKNOWN = "not enough ratings"


@dataclass(frozen=True)
class ActivityChange:
    """One activity, rated at the first check and the last (None where it was not rated)."""

    activity: str
    first: int | None
    last: int | None

    @property
    def change(self) -> int | None:
        if not (_known(self.first) and _known(self.last)):
            return None
        return self.last - self.first

    @property
    def real(self) -> bool:
        """Whether it moved by :data:`ACTIVITY_REAL_CHANGE` points or more, up or down."""
        return self.change is not None and activity_change_is_real(self.change)

    @property
    def words(self) -> str:
        """The change in the client's own words, such as "Reaching a high shelf: 3 → 7".

        Examples
        --------
        >>> ActivityChange("Reaching a high shelf", 3, 7).words
        'Reaching a high shelf: 3 → 7'
        >>> ActivityChange("Driving", None, 6).words
        'Driving: 6 (new)'
        """
        if not _known(self.first):
            return f"{self.activity}: {self.last} (new)"
        if not _known(self.last):
            return f"{self.activity}: {self.first} → not rated"
        return f"{self.activity}: {self.first} → {self.last}"


@dataclass(frozen=True)
class FunctionChange:
    """What :func:`function_change` found: the trend, its words and each activity."""

    trend: FunctionTrend
    first_mean: float | None  # over the activities rated both times
    last_mean: float | None
    activities: tuple[ActivityChange, ...]
    words: str

    @property
    def real(self) -> bool:
        """Whether function changed for real, better or worse."""
        return self.trend in (FunctionTrend.BETTER, FunctionTrend.WORSE)


def mean_change_is_real(change: float) -> bool:
    """Whether the mean moving by ``change`` (either way) is beyond the noise: 2 points or more.

    Examples
    --------
    >>> mean_change_is_real(1.9), mean_change_is_real(2.0), mean_change_is_real(-2.0)
    (False, True, True)
    """
    return abs(change) + _ROUNDING >= MEAN_REAL_CHANGE


def activity_change_is_real(change: float) -> bool:
    """Whether one activity moving by ``change`` (either way) is real: 3 points or more.

    Examples
    --------
    >>> activity_change_is_real(2.9), activity_change_is_real(3), activity_change_is_real(-3)
    (False, True, True)
    """
    return abs(change) + _ROUNDING >= ACTIVITY_REAL_CHANGE


def important_size(change: float) -> str | None:
    """How large a change of the mean is to a client (Abbott & Schmitt 2014), or None when
    it is smaller than the smallest important difference.

    Examples
    --------
    >>> important_size(1.0), important_size(2.0), important_size(-2.5), important_size(4)
    (None, 'small', 'medium', 'large')
    """
    size = None
    for least, name in IMPORTANT_SIZES:
        if abs(change) + _ROUNDING >= least:
            size = name
    return size


def psfs_score(ratings: Mapping[str, int | None]) -> float | None:
    """The scale's score: the mean of the activities rated; None when none is.

    Examples
    --------
    >>> psfs_score({"Reaching a high shelf": 3, "Driving": 6, "Sleeping on my side": 6})
    5.0
    """
    rated = [r for r in ratings.values() if _known(r)]
    return sum(rated) / len(rated) if rated else None


def function_change(
    first: Mapping[str, int | None] | None, last: Mapping[str, int | None] | None
) -> FunctionChange:
    """Whether function changed for real from the ``first`` ratings to the ``last``.

    Each is a mapping of activity -> rating (0 to 10, None when not rated). The means are
    compared over the activities rated both times (matched by name, ignoring case and the
    spaces around them), so an activity added or dropped later does not move them. Function
    changed for real when that mean moved by 2 points or more; an activity did when it moved
    by 3 or more.

    Examples
    --------
    >>> first = {"Reaching a high shelf": 3, "Driving": 4, "Carrying shopping": 5}
    >>> change = function_change(first, {"Reaching a high shelf": 7, "Driving": 6,
    ...                                  "Carrying shopping": 5})
    >>> change.trend, change.real
    (<FunctionTrend.BETTER: 'better'>, True)
    >>> change.words
    'Your activities went from 4.0 to 6.0 out of 10 on average: a real improvement \
(a small one).'
    >>> [a.words for a in change.activities if a.real]
    ['Reaching a high shelf: 3 → 7']
    >>> function_change(first, None).trend
    <FunctionTrend.UNKNOWN: 'not enough ratings'>
    """
    activities = _paired(first or {}, last or {})
    both = [a for a in activities if a.change is not None]
    if not both:
        words = "Rate your activities twice to see how they change."
        return FunctionChange(FunctionTrend.UNKNOWN, None, None, activities, words)
    before = sum(a.first for a in both) / len(both)
    after = sum(a.last for a in both) / len(both)
    change = after - before
    went = f"Your activities went from {before:.1f} to {after:.1f} out of 10 on average"
    if not mean_change_is_real(change):
        trend = FunctionTrend.NOT_YET
        words = f"{went}: not yet a real change (that takes {MEAN_REAL_CHANGE} points)."
    else:
        trend = FunctionTrend.BETTER if change > 0 else FunctionTrend.WORSE
        kind = "improvement" if change > 0 else "worsening"
        size = important_size(change)
        words = f"{went}: a real {kind}" + (f" (a {size} one)." if size else ".")
    return FunctionChange(trend, before, after, activities, words)


def _paired(first: Mapping, last: Mapping) -> tuple[ActivityChange, ...]:
    """Each activity of either check, in the order the client named them (first check first)."""
    names: dict[str, str] = {}
    for name in [*first, *last]:
        names.setdefault(activity_key(name), name)
    before = {activity_key(k): v for k, v in first.items()}
    after = {activity_key(k): v for k, v in last.items()}
    return tuple(
        ActivityChange(names[key], before.get(key), after.get(key))
        for key in names
        if _known(before.get(key)) or _known(after.get(key))
    )


def activity_key(name: str) -> str:
    """What two activities' names must share to be one activity.

    Examples
    --------
    >>> activity_key("  Reaching a HIGH shelf ") == activity_key("reaching a high shelf")
    True
    """
    return " ".join(name.split()).casefold()


def _known(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))
