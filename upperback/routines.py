"""Routines: what a coach prescribes, checked against the tables, saved as readable JSON.

A routine is plain data. Doses left out fall back to the exercise's defaults in
exercises.csv, so a routine file stays short and follows the table when a default changes.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from importlib.resources import files
from pathlib import Path

import pandas as pd

from upperback.names import UnknownName
from upperback.queries import Library

__all__ = [
    "SIDES",
    "Dose",
    "Routine",
    "RoutineError",
    "RoutineItem",
    "check_routine",
    "load_routine",
    "muscles_covered",
    "save_routine",
    "starter_routine",
    "starter_routines",
]

FORMAT = "upperback-routine"
VERSION = 1

# How the sides of a move are worked: "both" at once (or taking turns within a set), or one
# side after the other.
SIDES = ("both", "left then right", "right then left")

# Ranges a value must fall in; outside them the routine is refused.
LIMITS = {
    "sets": (1, 10),
    "reps": (1, 100),
    "hold_seconds": (1, 600),
    "rest_seconds": (0, 900),
    "rest_after_seconds": (0, 900),
    "times_per_day": (1, 6),
    "days_per_week": (1, 7),
}

# Doses the references advise; outside them the routine is allowed but warned about.
STRETCH_HOLD_ADVISED = (10, 60)  # ACSM: 10-30 s for most adults, 30-60 s for older adults
STRENGTH_REPS_ADVISED = (8, 12)
DEFAULT_REST_AFTER = 30


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
        doses, _ = check_routine(self, library)
        return doses

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


def _where(index: int, item: RoutineItem, name: str) -> str:
    return f"item {index + 1} ('{item.exercise}'), field '{name}'"


def _check_number(value, name: str, where: str) -> list[str]:
    if value is None:
        return []
    low, high = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, int):
        return [f"{where}: {value!r} is not a whole number; use {low} to {high}"]
    if not low <= value <= high:
        return [f"{where}: {value} is out of range; use a whole number from {low} to {high}"]
    return []


def field_errors(routine: Routine) -> list[str]:
    """What is wrong with the routine's own fields, before looking anything up."""
    errors = [] if routine.name.strip() else ["field 'name': the routine needs a name"]
    for name in ("times_per_day", "days_per_week"):
        errors += _check_number(getattr(routine, name), name, f"field '{name}'")
    for index, item in enumerate(routine.items):
        for name in ("sets", "reps", "hold_seconds", "rest_seconds", "rest_after_seconds"):
            errors += _check_number(getattr(item, name), name, _where(index, item, name))
        if item.sides is not None and item.sides not in SIDES:
            errors.append(f"{_where(index, item, 'sides')}: use one of: {', '.join(SIDES)}")
    return errors


def check_routine(routine: Routine, library: Library) -> tuple[list[Dose], list[str]]:
    """Resolve every item against the tables; return the doses and the warnings.

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
        raise RoutineError(f"Routine '{routine.name}': " + "; ".join(errors))
    return doses, warnings


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
    """Doses the references advise against: allowed, but the coach should know."""
    where = f"item {index + 1} ({dose.name})"
    found = []
    if dose.dosing == "hold" and exercise["category"] != "core":
        low, high = STRETCH_HOLD_ADVISED
        if not low <= dose.hold_seconds <= high:
            found.append(
                f"{where}: a {dose.hold_seconds} s hold is outside the {low}-{high} s "
                "advised for stretches (10-30 s for most adults, 30-60 s for older adults)"
            )
    if exercise["category"] == "strength" and dose.reps is not None:
        low, high = STRENGTH_REPS_ADVISED
        if not low <= dose.reps <= high:
            found.append(
                f"{where}: {dose.reps} reps is outside the {low}-{high} advised for strength work"
            )
    return found


def muscles_covered(routine: Routine, library: Library) -> pd.DataFrame:
    """Each muscle the routine works, with its strongest role and the exercises that work it.

    Examples
    --------
    >>> library = Library.load(user=False)
    >>> covered = muscles_covered(starter_routine("thoracic-five"), library)
    >>> covered.loc["rhomboid-major", "role"]
    'primary'
    """
    ids = [dose.exercise for dose in routine.doses(library)]
    links = library.links.reset_index()
    links = links[links["exercise"].isin(ids)]
    names = library.exercises["name"]
    grouped = links.groupby("muscle", observed=True).agg(
        role=("role", "max"),
        exercises=("exercise", lambda ex: tuple(names[e] for e in dict.fromkeys(ex))),
    )
    covered = library.muscles[["name", "region"]].join(grouped, how="inner")
    return covered.sort_values(["role", "region", "name"], ascending=[False, True, True])


# -- files -----------------------------------------------------------------------------


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


def routine_from_dict(data, *, source: str = "routine") -> Routine:
    """Build a routine from file data, naming the field of anything foreign or damaged."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RoutineError(f'{source} is not an upperback routine (it lacks "format": "{FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise RoutineError(f"{source}: field 'version' must be a whole number, not {version!r}")
    if version > VERSION:
        raise RoutineError(
            f"{source} was saved by a newer upperback (routine version {version}); "
            f"this one reads up to version {VERSION}: update upperback to open it"
        )
    allowed = {f.name for f in fields(Routine)}
    unknown = set(data) - allowed - {"format", "version"}
    if unknown:
        raise RoutineError(
            f"{source}: unknown field(s) {sorted(unknown)}; allowed: {sorted(allowed)}"
        )
    items = data.get("items", [])
    if not isinstance(items, list):
        raise RoutineError(f"{source}: field 'items' must be a list of exercises")
    item_fields = {f.name for f in fields(RoutineItem)}
    built = []
    for index, raw in enumerate(items):
        if not isinstance(raw, dict) or "exercise" not in raw:
            raise RoutineError(f"{source}: item {index + 1} needs an 'exercise'")
        extra = set(raw) - item_fields
        if extra:
            raise RoutineError(
                f"{source}: item {index + 1}: unknown field(s) {sorted(extra)}; "
                f"allowed: {sorted(item_fields)}"
            )
        built.append(RoutineItem(**raw))
    text_fields = ("name", "goal", "client", "notes")
    for name in text_fields:
        if name in data and not isinstance(data[name], str):
            raise RoutineError(f"{source}: field '{name}' must be text")
    kwargs = {k: v for k, v in data.items() if k in allowed and k != "items"}
    routine = Routine(items=tuple(built), **kwargs)
    errors = field_errors(routine)
    if errors:
        raise RoutineError(f"{source}: " + "; ".join(errors))
    return routine


def save_routine(routine: Routine, path: str | os.PathLike, library: Library | None = None) -> Path:
    """Write the routine as indented JSON, all at once (a crash never leaves half a file).

    The routine is checked first when a library is given, so a saved file always loads.
    """
    if library is not None:
        check_routine(routine, library)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(routine_to_dict(routine), indent=2, ensure_ascii=False) + "\n"
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def load_routine(path: str | os.PathLike, library: Library | None = None) -> Routine:
    """Read a routine file; with a library, also check it against the tables.

    Raises
    ------
    RoutineError
        When the file is missing, not JSON, not a routine, from a newer version, or holds a
        value that is not allowed; the message names the file and the field.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RoutineError(f"{path} cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise RoutineError(f"{path} is not a routine file (it is not text)") from None
    except json.JSONDecodeError as error:
        raise RoutineError(
            f"{path} is not a routine file: broken JSON at line {error.lineno}, "
            f"column {error.colno} ({error.msg})"
        ) from None
    routine = routine_from_dict(data, source=str(path))
    if library is not None:
        try:
            check_routine(routine, library)
        except RoutineError as error:
            raise RoutineError(f"{path}: {error}") from None
    return routine


# -- starters --------------------------------------------------------------------------


def starter_routines() -> dict[str, Routine]:
    """The routines that ship with the package, by their file name.

    Examples
    --------
    >>> sorted(starter_routines())
    ['daily-bridge', 'thoracic-five', 'upper-back-strength']
    """
    folder = files("upperback").joinpath("starters")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            found[entry.name.removesuffix(".json")] = routine_from_dict(data, source=entry.name)
    return found


def starter_routine(name: str) -> Routine:
    """One shipped routine by name (``"thoracic-five"``, ``"daily-bridge"``, ...)."""
    starters = starter_routines()
    if name not in starters:
        raise RoutineError(f"'{name}' is not a starter routine; use one of: {', '.join(starters)}")
    return starters[name]
