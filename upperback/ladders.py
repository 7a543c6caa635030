"""Ladders of variations: each exercise's easier and harder neighbours, from data/ladders.csv.

Read through the same checks as every table, plus the ladder's own: both ends of a step
are exercises, and the steps only go up (no exercise both easier and harder than another,
no chain of steps leading back to its start). A coach's own ``ladders.csv`` in the workbook
folder is merged and checked the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from upperback.names import did_you_mean
from upperback.table_schema import TABLES, Problem
from upperback.tables import Labelled, PathLike, _load, load_exercises

__all__ = ["Ladders", "load_ladders"]


def load_ladders(
    extra: PathLike | Iterable[PathLike] | None = None,
    *,
    exercises: pd.DataFrame | None = None,
    user: bool = True,
) -> pd.DataFrame:
    """Load the steps of the ladders, indexed by (easier, harder).

    Parameters
    ----------
    extra : path or list of paths, default=None
        A coach's own steps, in the format of data/ladders.csv, merged in.
    exercises : pandas.DataFrame, default=None
        The exercises the steps must name; loaded when not given (same ``user`` setting).
    user : bool, default=True
        Also merge ``ladders.csv`` from the workbook folder when it exists.

    Raises
    ------
    TableError
        Naming the file, line and column of an unknown exercise, a step that goes nowhere,
        or a step that would make a ladder go round in a loop.

    Examples
    --------
    >>> steps = load_ladders(user=False)
    >>> steps.loc[("chin-up", "pull-up"), "change"]
    'Turn your palms away from you and take a wider grip'
    """
    if exercises is None:
        exercises = load_exercises(user=user)
    known = list(exercises.index)

    def ids_exist(labelled: Labelled) -> Iterable[Problem]:
        for label, row in labelled:
            for column in ("easier", "harder"):
                value = row[column]
                if value is not None and value not in known:
                    message = f"'{value}' is not an id in {TABLES['exercises'].file}"
                    yield Problem(label, row["_line"], column, message + did_you_mean(value, known))

    return _load("ladders", extra, user=user, checks=(ids_exist, _steps_go_up))


def _steps_go_up(labelled: Labelled) -> Iterable[Problem]:
    """Each step joins two different exercises and no step leads back down a ladder."""
    up: dict[str, list[str]] = {}
    where: dict[tuple[str, str], str] = {}
    for label, row in labelled:
        easier, harder = row["easier"], row["harder"]
        if easier is None or harder is None:
            continue
        if easier == harder:
            yield Problem(
                label, row["_line"], "harder", f"'{harder}' cannot be a step up from itself"
            )
            continue
        loop = _path(up, harder, easier)
        if loop:
            if len(loop) == 2:
                message = (
                    f"'{easier}' is already harder than '{harder}' ({where[(harder, easier)]}); "
                    "no exercise may be both easier and harder than another"
                )
            else:
                message = (
                    f"this step closes a loop ({' → '.join([*loop, harder])}); "
                    "a ladder must only go up"
                )
            yield Problem(label, row["_line"], "harder", message)
            continue
        up.setdefault(easier, []).append(harder)
        where[(easier, harder)] = f"{label} line {row['_line']}"


def _path(up: dict[str, list[str]], start: str, goal: str) -> list[str]:
    """The steps from ``start`` up to ``goal``, or an empty list when there are none."""
    stack = [[start]]
    seen = set()
    while stack:
        path = stack.pop()
        if path[-1] == goal:
            return path
        if path[-1] not in seen:
            seen.add(path[-1])
            stack.extend([*path, nxt] for nxt in up.get(path[-1], ()))
    return []


@dataclass(frozen=True)
class Ladders:
    """The steps of every ladder, to ask an exercise's neighbours.

    Examples
    --------
    >>> ladders = Ladders.load(user=False)
    >>> ladders.harder("knee-plank"), ladders.easier("chin-up")
    (['plank'], ['assisted-pull-up'])
    >>> ladders.ladder("chin-up")
    ['assisted-pull-up', 'chin-up', 'pull-up']
    """

    steps: pd.DataFrame

    @classmethod
    def load(cls, *, exercises: pd.DataFrame | None = None, user: bool = True) -> Ladders:
        return cls(load_ladders(exercises=exercises, user=user))

    def harder(self, exercise: str) -> list[str]:
        """The steps up from ``exercise``, in the table's order (the first is offered first)."""
        pairs = self.steps.index
        return [h for e, h in pairs if e == exercise]

    def easier(self, exercise: str) -> list[str]:
        """The steps down from ``exercise``, in the table's order."""
        return [e for e, h in self.steps.index if h == exercise]

    def change(self, easier: str, harder: str) -> str:
        """What the client does differently on the step from ``easier`` up to ``harder``."""
        return str(self.steps.loc[(easier, harder), "change"])

    def ladder(self, exercise: str) -> list[str]:
        """The ladder through ``exercise``, easiest first, following the first step each way."""
        rungs = [exercise]
        while self.easier(rungs[0]) and self.easier(rungs[0])[0] not in rungs:
            rungs.insert(0, self.easier(rungs[0])[0])
        while self.harder(rungs[-1]) and self.harder(rungs[-1])[0] not in rungs:
            rungs.append(self.harder(rungs[-1])[0])
        return rungs
