"""A client's ratings on the Patient-Specific Functional Scale, checked, and when they are
asked again. Pure data and rules, no I/O.

The client names 3 to 5 activities their back makes hard, in their own words, and rates
each from 0 to 10 (:mod:`upperback.rules.function`). They are asked at the start and then
every week or two: the coach sets the interval; a client without a coach is asked every
:data:`~upperback.rules.function.DEFAULT_INTERVAL_WEEKS` weeks.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from upperback.rules.function import (
    ACTIVITIES,
    ACTIVITY_LONGEST,
    DEFAULT_INTERVAL_WEEKS,
    FUNCTION_RANGE,
    FUNCTION_SCALE,
    INTERVAL_WEEKS,
    activity_key,
    psfs_score,
)
from upperback.rules.limits import CLOCK_SKEW, EARLIEST_SESSION, TEXT_LIMITS

__all__ = [
    "FunctionCheck",
    "FunctionCheckError",
    "clean_activity",
    "function_check",
    "function_check_problems",
    "function_due",
    "next_function_check",
    "validate_function_check",
]

FEWEST, MOST = ACTIVITIES
LOW, HIGH = FUNCTION_RANGE


@dataclass(frozen=True)
class FunctionCheck:
    """One time a client rated their activities: who, when, and each activity's rating.

    Examples
    --------
    >>> check = function_check("Sam", {"Reaching a high shelf": 3, "Driving": 6, "Lifting": 6})
    >>> check.score, check.activities
    (5.0, ('Reaching a high shelf', 'Driving', 'Lifting'))
    """

    client: str
    checked_at: datetime
    ratings: tuple[tuple[str, int], ...] = ()  # (activity, rating), in the client's order
    id: int | None = field(default=None, compare=False)

    @property
    def activities(self) -> tuple[str, ...]:
        return tuple(activity for activity, _rating in self.ratings)

    @property
    def as_dict(self) -> dict[str, int]:
        """Activity -> rating, as :func:`~upperback.rules.function.function_change` takes them."""
        return dict(self.ratings)

    @property
    def score(self) -> float | None:
        """The scale's score: the mean rating."""
        return psfs_score(self.as_dict)


class FunctionCheckError(ValueError):
    """Ratings that may not be kept; ``problems`` says each in words for people."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


def clean_activity(name: str) -> str:
    """An activity's name as it is kept: one Unicode form (NFC), spaces trimmed and single.

    Examples
    --------
    >>> clean_activity("  Reaching   a high shelf ")
    'Reaching a high shelf'
    >>> clean_activity("Cafe\\u0301 stools") == "Caf\\u00e9 stools"
    True
    """
    return " ".join(unicodedata.normalize("NFC", name).split())


def function_check(
    client: str,
    ratings: Mapping[str, int | None] | Sequence[tuple[str, int | None]],
    *,
    when: datetime | None = None,
) -> FunctionCheck:
    """A check of ``client``'s activities (names cleaned), dated ``when`` or now, validated.

    ``ratings`` maps each activity to its rating, or lists (activity, rating) pairs as a
    form gives them, so the same activity named twice is found and refused.

    Raises
    ------
    FunctionCheckError
        Saying in words what to put right.

    Examples
    --------
    >>> function_check("Sam", {"Driving": 4, "Lifting": 11})
    Traceback (most recent call last):
    ...
    upperback.function_checks.FunctionCheckError: Name 3 to 5 activities your back makes \
hard. Give each activity a rating from 0 to 10 (0 = you can't do it, 10 = as well as \
before your back hurt).
    """
    items = tuple(
        (clean_activity(name) if isinstance(name, str) else name, rating)
        for name, rating in (ratings.items() if isinstance(ratings, Mapping) else ratings)
    )
    when = when or datetime.now(UTC).replace(microsecond=0)  # to the second, as sessions
    check = FunctionCheck(client.strip(), when, items)
    validate_function_check(check)
    return check


def function_check_problems(check: FunctionCheck) -> list[str]:
    """What is wrong with a check, one sentence each; empty when it may be kept."""
    problems = []
    if not isinstance(check.client, str) or not check.client.strip():
        problems.append("Give the client's name.")
    elif len(check.client) > TEXT_LIMITS["client"]:
        problems.append(f"Keep the client's name to {TEXT_LIMITS['client']} characters.")
    problems += _time_problems(check.checked_at)
    names = [name for name, _rating in check.ratings]
    if not all(isinstance(name, str) and name.strip() for name in names):
        problems.append("Give each activity a name, in your own words.")
    elif not FEWEST <= len(names) <= MOST:
        problems.append(f"Name {FEWEST} to {MOST} activities your back makes hard.")
    elif len({activity_key(name) for name in names}) < len(names):
        problems.append("Name each activity only once.")
    if any(isinstance(name, str) and len(name) > ACTIVITY_LONGEST for name in names):
        problems.append(f"Keep each activity's name to {ACTIVITY_LONGEST} characters.")
    if any(not _rating_ok(rating) for _name, rating in check.ratings):
        problems.append(f"Give each activity a rating from {LOW} to {HIGH} ({FUNCTION_SCALE}).")
    return problems


def _rating_ok(rating) -> bool:
    whole = isinstance(rating, int) and not isinstance(rating, bool)
    return whole and LOW <= rating <= HIGH


def _time_problems(moment) -> list[str]:
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        return ["Give the date and time of the ratings, with its time zone."]
    if moment < EARLIEST_SESSION or moment > datetime.now(UTC) + CLOCK_SKEW:
        return ["The date of the ratings can't be in the future or before 1900."]
    return []


def validate_function_check(check: FunctionCheck) -> None:
    """Raise :class:`FunctionCheckError` unless ``check`` may be kept."""
    problems = function_check_problems(check)
    if problems:
        raise FunctionCheckError(problems)


def next_function_check(
    last: datetime | None, interval_weeks: int | None = None
) -> datetime | None:
    """When the activities are asked again: ``interval_weeks`` (a coach's choice, else 2)
    after the ``last`` check; None when they have never been asked, which means now.

    Examples
    --------
    >>> next_function_check(datetime(2026, 3, 2, tzinfo=UTC)).date()
    datetime.date(2026, 3, 16)
    >>> next_function_check(datetime(2026, 3, 2, tzinfo=UTC), 1).date()
    datetime.date(2026, 3, 9)
    """
    if last is None:
        return None
    weeks = DEFAULT_INTERVAL_WEEKS if interval_weeks is None else interval_weeks
    if weeks not in INTERVAL_WEEKS:
        choices = " or ".join(str(w) for w in INTERVAL_WEEKS)
        raise ValueError(f"Ask about activities every {choices} weeks, not every {weeks}.")
    return last + timedelta(weeks=weeks)


def function_due(
    last: datetime | None, interval_weeks: int | None = None, *, now: datetime | None = None
) -> bool:
    """Whether the client should rate their activities now: never rated, or the interval
    since the ``last`` ratings has passed.

    Examples
    --------
    >>> last = datetime(2026, 3, 2, 9, tzinfo=UTC)
    >>> function_due(None), function_due(last, now=datetime(2026, 3, 15, tzinfo=UTC))
    (True, False)
    >>> function_due(last, now=datetime(2026, 3, 16, 9, tzinfo=UTC))
    True
    >>> function_due(last, 1, now=datetime(2026, 3, 9, 9, tzinfo=UTC))
    True
    """
    due_at = next_function_check(last, interval_weeks)
    if due_at is None:
        return True
    return (now or datetime.now(UTC)) >= due_at
