"""Routines: what a coach prescribes, checked against the tables, saved as readable JSON.

A routine is plain data. Doses left out fall back to the exercise's defaults in
exercises.csv, so a routine file stays short and follows the table when a default changes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from functools import cached_property

import pandas as pd

from upperback.names import UnknownName
from upperback.person_names import name_problem
from upperback.queries import Library
from upperback.rules.doses import (
    DEFAULT_REST_AFTER,
    DOSE_LIMITS,
    DoseFacts,
    dose_advice,
    frequency_advice,
)
from upperback.schedule import Phase, phases_for, planned_seconds

__all__ = [
    "SIDES",
    "CheckedRoutine",
    "Dose",
    "Routine",
    "RoutineError",
    "RoutineItem",
    "check_routine",
    "default_dose",
    "muscles_covered",
    "routine_to_dict",
]

FORMAT = "upperback-routine"
VERSION = 1

# How the sides of a move are worked: "both" at once (or taking turns within a set), or one
# side after the other.
SIDES = ("both", "left then right", "right then left")
DOSE_FIELDS = ("sets", "reps", "hold_seconds", "rest_seconds", "rest_after_seconds")

# The longest text each field may hold. A routine's name and client become a logged
# session's, which the log keeps to 200 characters (upperback.sessions), so a routine that
# loads can always be logged; the rest keep a damaged file from filling a page.
TEXT_LIMITS = {
    "name": 200,
    "client": 200,
    "goal": 1000,
    "notes": 5000,
    "exercise": 200,
    "note": 1000,
}
MAX_ERRORS_SHOWN = 20


class RoutineError(ValueError):
    """A routine that cannot be used; the message names the item and field and what is allowed."""


@dataclass(frozen=True)
class RoutineItem:
    """One exercise in a routine. ``None`` means "the exercise's default"."""

    exercise: str
    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    rest_seconds: int | None = None
    rest_after_seconds: int | None = None
    sides: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Dose:
    """What an item asks for once every default is filled in."""

    exercise: str
    name: str
    dosing: str  # "reps" or "hold"
    sets: int
    reps: int | None
    hold_seconds: int | None
    rest_seconds: int
    rest_after_seconds: int
    sides: str
    note: str

    @property
    def side_order(self) -> tuple[str | None, ...]:
        """The sides worked in each set, in order; ``(None,)`` when both work together."""
        return {"both": (None,), "left then right": ("left", "right")}.get(
            self.sides, ("right", "left")
        )


@dataclass(frozen=True)
class Routine:
    """An ordered list of exercises, with who it is for and how often to do it.

    Examples
    --------
    >>> library = Library.load(user=False)
    >>> routine = Routine("Desk break", items=(RoutineItem("can-openers", sets=1),))
    >>> [d.sides for d in routine.doses(library)]
    ['left then right']
    """

    name: str
    items: tuple[RoutineItem, ...] = ()
    goal: str = ""
    client: str = ""
    times_per_day: int = 1
    days_per_week: int = 3
    notes: str = ""

    def doses(self, library: Library) -> list[Dose]:
        """Every item with its defaults filled in; raises RoutineError if one is wrong."""
        return check_routine(self, library).doses

    # Edits return a new routine, so a view can keep the old one if a change is refused.

    def add(self, item: RoutineItem) -> Routine:
        return replace(self, items=(*self.items, item))

    def remove(self, index: int) -> Routine:
        return replace(self, items=self.items[:index] + self.items[index + 1 :])

    def move(self, index: int, offset: int) -> Routine:
        """Move an item up (offset -1) or down (+1); at either end it stays put."""
        target = index + offset
        if not 0 <= target < len(self.items):
            return self
        items = list(self.items)
        items[index], items[target] = items[target], items[index]
        return replace(self, items=tuple(items))

    def update(self, index: int, **changes) -> Routine:
        items = list(self.items)
        items[index] = replace(items[index], **changes)
        return replace(self, items=tuple(items))


ROUTINE_FIELDS = frozenset(f.name for f in fields(Routine))
ITEM_FIELDS = frozenset(f.name for f in fields(RoutineItem))


def shown(value) -> str:
    """A value as it is written in a routine file, cut short: ``true``, ``null``, ``"3"``."""
    if isinstance(value, dict):
        return "a group of fields {...}"
    if isinstance(value, list | tuple):
        return "a list [...]"
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except ValueError:  # an integer with more digits than Python will write out
        return "a number too long to show"
    return text if len(text) <= 40 else text[:39] + "…"


def _named(value) -> str:
    """A name in a message: quoted as typed (cut short), or as the file wrote a non-text."""
    return f"'{value[:40]}'" if isinstance(value, str) else shown(value)


def _where(index: int, item: RoutineItem, name: str) -> str:
    return f"item {index + 1} ({_named(item.exercise)}), field '{name}'"


def _check_number(value, name: str, where: str, *, required: bool = False) -> list[str]:
    low, high = DOSE_LIMITS[name]
    if value is None and not required:
        return []
    if isinstance(value, bool) or not isinstance(value, int):
        return [f"{where}: {shown(value)} is not a whole number; use {low} to {high}"]
    if not low <= value <= high:
        return [f"{where}: {shown(value)} is out of range; use a whole number from {low} to {high}"]
    return []


def _check_text(value, name: str, where: str, *, needed: str = "") -> list[str]:
    """Text within its length; ``needed`` says what to write when it may not be blank."""
    limit = TEXT_LIMITS[name]
    if not isinstance(value, str):
        return [f"{where}: {shown(value)} is not text; write text in double quotes"]
    if needed and not value.strip():
        return [f"{where}: {needed}"]
    if len(value) > limit:
        return [f"{where}: {len(value)} characters is too long; use at most {limit}"]
    return []


def field_errors(routine: Routine) -> list[str]:
    """What is wrong with the routine's own fields, before looking anything up."""
    errors = routine_errors(routine)
    for index, item in enumerate(routine.items):
        errors += item_errors(index, item)
    return errors


def routine_errors(routine: Routine) -> list[str]:
    """The fields of the routine itself, its items left out."""
    errors = _check_text(routine.name, "name", "field 'name'", needed="the routine needs a name")
    for name in ("goal", "client", "notes"):
        errors += _check_text(getattr(routine, name), name, f"field '{name}'")
    client = routine.client if isinstance(routine.client, str) else ""
    if client.strip() and (problem := name_problem(client)):  # a person's name, or none
        errors.append(f"field 'client': {problem}")
    for name in ("times_per_day", "days_per_week"):
        errors += _check_number(getattr(routine, name), name, f"field '{name}'", required=True)
    return errors


def item_errors(index: int, item: RoutineItem) -> list[str]:
    """The fields of one item (numbered from 0), before its exercise is looked up."""
    errors = _check_text(
        item.exercise,
        "exercise",
        _where(index, item, "exercise"),
        needed="give the exercise's name or id",
    )
    for name in DOSE_FIELDS:
        errors += _check_number(getattr(item, name), name, _where(index, item, name))
    if item.sides is not None and item.sides not in SIDES:
        errors.append(
            f"{_where(index, item, 'sides')}: {shown(item.sides)} is not allowed; "
            f"use one of: {', '.join(SIDES)}"
        )
    return errors + _check_text(item.note, "note", _where(index, item, "note"))


def _usable_name(item: RoutineItem) -> bool:
    """Whether the item's exercise can be looked up at all (its field error says why not)."""
    return isinstance(item.exercise, str) and bool(item.exercise.strip())


def joined(errors: list[str]) -> str:
    """Every error for a person to read, a long list cut short after the first twenty."""
    shown = errors[:MAX_ERRORS_SHOWN]
    if len(errors) > MAX_ERRORS_SHOWN:
        shown.append(f"and {len(errors) - MAX_ERRORS_SHOWN} more")
    return "; ".join(shown)


@dataclass(frozen=True, eq=False)  # each check is its own result, even of the same routine
class CheckedRoutine:
    """A routine resolved against the tables: its doses, the advice, and the timer's phases.

    Computed once by :func:`check_routine`; views and pages read it, never recompute it.
    """

    routine: Routine
    doses: list[Dose]
    warnings: list[str]

    @cached_property
    def phases(self) -> list[Phase]:
        """The routine laid out as the timer runs it (see :mod:`upperback.schedule`)."""
        return phases_for(self.doses)

    @property
    def minutes(self) -> float:
        """About how long one run takes, rep-based sets estimated."""
        return planned_seconds(self.phases) / 60


def check_routine(routine: Routine, library: Library) -> CheckedRoutine:
    """Resolve every item against the tables: the doses, the warnings, the phases.

    Raises
    ------
    RoutineError
        Listing every error: an unknown exercise (with the closest names), a dose the
        exercise cannot take, a number out of range.
    """
    errors = field_errors(routine)
    warnings: list[str] = []
    doses = []
    for index, item in enumerate(routine.items):
        if not _usable_name(item):
            continue
        try:
            exercise = library.exercises.loc[library.exercise_id(item.exercise)]
        except UnknownName as error:
            errors.append(f"item {index + 1}: {error}")
            continue
        found = _fits_exercise(index, item, exercise)
        errors += found
        if not found and not errors:
            dose = _dose(item, exercise)
            warnings += _advice(index, dose, exercise)
            doses.append(dose)
    if errors:
        raise RoutineError(f"Routine {_named(routine.name)}: " + joined(errors))
    categories = [library.exercises.loc[dose.exercise, "category"] for dose in doses]
    warnings += frequency_advice(
        categories, times_per_day=routine.times_per_day, days_per_week=routine.days_per_week
    )
    return CheckedRoutine(routine, doses, warnings)


def _fits_exercise(index: int, item: RoutineItem, exercise: pd.Series) -> list[str]:
    """A dose the exercise cannot take: reps on a timed hold, one side of a two-sided move."""
    errors = []
    if exercise["dosing"] == "hold" and item.reps is not None:
        errors.append(
            f"{_where(index, item, 'reps')}: {exercise['name']} is a timed hold; "
            "set hold_seconds instead of reps"
        )
    if item.sides in SIDES and (item.sides == "both") != (exercise["laterality"] != "unilateral"):
        allowed = "'both'" if exercise["laterality"] != "unilateral" else "one side at a time"
        errors.append(
            f"{_where(index, item, 'sides')}: {exercise['name']} is "
            f"{exercise['laterality']}, so its sides are {allowed}"
        )
    return errors


def _default(value, fallback):
    return fallback if value is None else value


def default_dose(exercise: pd.Series) -> Dose:
    """An exercise's own dose from its row of the table, as a routine item left at defaults."""
    return _dose(RoutineItem(exercise.name), exercise)


def _dose(item: RoutineItem, exercise: pd.Series) -> Dose:
    hold = _default(item.hold_seconds, exercise["hold_seconds"])
    sides = item.sides or ("left then right" if exercise["laterality"] == "unilateral" else "both")
    return Dose(
        exercise=exercise.name,
        name=exercise["name"],
        dosing=exercise["dosing"],
        sets=int(_default(item.sets, exercise["sets"])),
        reps=None if exercise["dosing"] == "hold" else int(_default(item.reps, exercise["reps"])),
        hold_seconds=None if pd.isna(hold) else int(hold),
        rest_seconds=int(_default(item.rest_seconds, exercise["rest_seconds"])),
        rest_after_seconds=_default(item.rest_after_seconds, DEFAULT_REST_AFTER),
        sides=sides,
        note=item.note,
    )


def _advice(index: int, dose: Dose, exercise: pd.Series) -> list[str]:
    facts = DoseFacts(
        dose.name, exercise["category"], dose.dosing, dose.reps, dose.hold_seconds, dose.sets
    )
    return [f"item {index + 1} ({dose.name}): {advice}" for advice in dose_advice(facts)]


def muscles_covered(routine: Routine | CheckedRoutine, library: Library) -> pd.DataFrame:
    """Each muscle the routine works, with its strongest role and the exercises that work it.

    Examples
    --------
    >>> library = Library.load(user=False)
    >>> routine = Routine("Turns", items=(RoutineItem("can-openers"),))
    >>> covered = muscles_covered(routine, library)
    >>> covered.loc["rhomboid-major", "role"]
    'primary'
    """
    doses = routine.doses if isinstance(routine, CheckedRoutine) else routine.doses(library)
    ids = [dose.exercise for dose in doses]
    links = library.links.reset_index()
    links = links[links["exercise"].isin(ids)]
    names = library.exercises["name"]
    grouped = links.groupby("muscle", observed=True).agg(
        role=("role", "max"),
        exercises=("exercise", lambda ex: tuple(names[e] for e in dict.fromkeys(ex))),
    )
    covered = library.muscles[["name", "region"]].join(grouped, how="inner")
    return covered.sort_values(["role", "region", "name"], ascending=[False, True, True])


# -- as plain data ------------------------------------------------------------------


def routine_to_dict(routine: Routine) -> dict:
    """The routine as the plain data of its file: defaults and empty notes left out."""
    data = {"format": FORMAT, "version": VERSION}
    for f in fields(Routine):
        if f.name != "items":
            data[f.name] = getattr(routine, f.name)
    data["items"] = [
        {k: v for k, v in asdict(item).items() if v is not None and v != ""}
        for item in routine.items
    ]
    return data
