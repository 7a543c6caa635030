"""Load the tables in data/ into pandas, checking every rule of data/README.md.

Each table is described once, as data (:data:`TABLES`): its columns, their kinds, allowed
values and ranges. One generic reader applies those settings, so adding a column is a
one-line change here and a line in data/README.md, never a new branch of code.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import pandas as pd

from upperback.names import did_you_mean
from upperback.workbook import workbook_folder

__all__ = [
    "TABLES",
    "Problem",
    "TableError",
    "load_benefits",
    "load_exercise_muscles",
    "load_exercises",
    "load_muscles",
]

LIST_SEPARATOR = "|"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

PathLike = str | os.PathLike


@dataclass(frozen=True)
class Column:
    """How one column is read and what it may hold."""

    name: str
    kind: str  # "slug", "text", "list", "category" or "int"
    required: bool = True
    choices: tuple[str, ...] = ()  # for categories, in their order
    ordered: bool = False
    low: int | None = None
    high: int | None = None
    unique: bool = False

    def dtype(self):
        if self.kind == "category":
            return pd.CategoricalDtype(list(self.choices), ordered=self.ordered)
        if self.kind == "int":
            return "Int64"
        if self.kind == "list":
            return object
        return "string"


@dataclass(frozen=True)
class Table:
    """A table's file, its columns, and the rules that span a whole row."""

    file: str
    columns: tuple[Column, ...]
    index: tuple[str, ...] = ("id",)
    row_rules: tuple[Callable[[dict], Iterable[tuple[str, str]]], ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a table: where it is, and what is allowed instead."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class TableError(ValueError):
    """A table broke one or more rules; ``problems`` lists each with file, line and column."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s) in the tables:" if len(problems) > 1 else ""
        lines = [str(p) for p in self.problems[:20]]
        if len(self.problems) > 20:
            lines.append(f"... and {len(self.problems) - 20} more")
        super().__init__("\n  ".join([head, *lines]) if head else lines[0])


def _dosing_rules(row: dict) -> Iterable[tuple[str, str]]:
    """A timed hold has a hold time and no reps; a rep-based move has reps."""
    if row["dosing"] == "hold":
        if row["hold_seconds"] is None:
            yield "hold_seconds", "a 'hold' exercise needs hold_seconds (1 to 300)"
        if row["reps"] is not None:
            yield "reps", "a 'hold' exercise is timed, so leave reps empty"
    elif row["dosing"] == "reps" and row["reps"] is None:
        yield "reps", "a 'reps' exercise needs reps (1 to 50)"


LEVELS = ("beginner", "intermediate", "advanced")
ROLES = ("stabiliser", "secondary", "primary")
REGIONS = ("upper back", "lower back", "core", "hips and legs", "arms")

TABLES: dict[str, Table] = {
    "exercises": Table(
        file="exercises.csv",
        columns=(
            Column("id", "slug", unique=True),
            Column("name", "text", unique=True),
            Column("aliases", "list", required=False),
            Column(
                "category", "category", choices=("mobility", "strength", "stretch/yoga", "core")
            ),
            Column(
                "area",
                "category",
                choices=("thoracic mobility", "upper-back strength", "lower back", "core"),
            ),
            Column("equipment", "list", required=False),
            Column("position", "text"),
            Column(
                "laterality",
                "category",
                choices=("bilateral", "unilateral", "alternating"),
            ),
            Column("dosing", "category", choices=("reps", "hold")),
            Column("sets", "int", low=1, high=10),
            Column("reps", "int", required=False, low=1, high=50),
            Column("hold_seconds", "int", required=False, low=1, high=300),
            Column("rest_seconds", "int", low=0, high=600),
            Column("level", "category", choices=LEVELS, ordered=True),
            Column("cues", "list"),
            Column("cautions", "list", required=False),
            Column("description", "text"),
            Column("source", "list"),
        ),
        row_rules=(_dosing_rules,),
    ),
    "muscles": Table(
        file="muscles.csv",
        columns=(
            Column("id", "slug", unique=True),
            Column("name", "text", unique=True),
            Column("latin_name", "text"),
            Column("region", "category", choices=REGIONS, ordered=True),
            Column("group", "text"),
            Column("action", "text"),
            Column("course", "text"),
            Column("view", "category", choices=("back", "side")),
            Column("source", "list"),
        ),
    ),
    "exercise_muscles": Table(
        file="exercise_muscles.csv",
        columns=(
            Column("exercise", "slug"),
            Column("muscle", "slug"),
            Column("role", "category", choices=ROLES, ordered=True),
            Column("source", "list"),
        ),
        index=("exercise", "muscle"),
    ),
    "benefits": Table(
        file="benefits.csv",
        columns=(
            Column("id", "slug", unique=True),
            Column("benefit", "text"),
            Column("summary", "text"),
            Column("examples", "list", required=False),
            Column("source", "list"),
        ),
    ),
}


# -- reading ---------------------------------------------------------------------------


def _parse_cell(col: Column, raw: str):
    """Return (value, problem message or None) for one cell."""
    text = raw.strip()
    if not text:
        empty = () if col.kind == "list" else None
        return empty, (f"is empty; {_allowed(col)}" if col.required else None)
    if col.kind == "slug":
        if not SLUG.match(text):
            return None, f"'{text}' is not an id; use lower-case letters, digits and hyphens"
        return text, None
    if col.kind == "category":
        if text not in col.choices:
            return None, f"'{text}' is not allowed; {_allowed(col)}"
        return text, None
    if col.kind == "int":
        try:
            number = int(text)
        except ValueError:
            return None, f"'{text}' is not a whole number; {_allowed(col)}"
        if not col.low <= number <= col.high:
            return None, f"{number} is out of range; {_allowed(col)}"
        return number, None
    if col.kind == "list":
        items = tuple(item.strip() for item in text.split(LIST_SEPARATOR) if item.strip())
        return items, None
    return text, None


def _allowed(col: Column) -> str:
    if col.kind == "category":
        return "use one of: " + ", ".join(col.choices)
    if col.kind == "int":
        return f"use a whole number from {col.low} to {col.high}"
    if col.kind == "slug":
        return "use an id of lower-case letters, digits and hyphens"
    if col.kind == "list":
        return f"give one or more items separated by '{LIST_SEPARATOR}'"
    return "give some text"


def _open(source: PathLike | None, table: Table):
    if source is None:
        return files("upperback").joinpath("data", table.file).open(encoding="utf-8", newline="")
    return open(source, encoding="utf-8-sig", newline="")


def _read_rows(table: Table, source: PathLike | None) -> tuple[str, list[dict], list[Problem]]:
    """Read and check one CSV file; rows carry their line number under '_line'."""
    label = table.file if source is None else str(source)
    problems: list[Problem] = []
    try:
        handle = _open(source, table)
    except OSError as error:
        return label, [], [Problem(label, None, None, f"cannot be read ({error.strerror})")]
    with handle:
        reader = csv.reader(handle)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            return label, [], [Problem(label, None, None, "is empty; it needs a header row")]
        except (csv.Error, UnicodeDecodeError) as error:
            return label, [], [Problem(label, 1, None, f"is not readable CSV ({error})")]
        expected = [c.name for c in table.columns]
        missing = [name for name in expected if name not in header]
        unknown = [name for name in header if name not in expected]
        for name in missing:
            problems.append(Problem(label, 1, name, "this column is missing"))
        for name in unknown:
            problems.append(
                Problem(
                    label, 1, name, "is not a column of this table; columns: " + ", ".join(expected)
                )
            )
        if missing or unknown:
            return label, [], problems

        rows = []
        line = reader.line_num
        try:
            for cells in reader:
                start, line = line + 1, reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) != len(header):
                    problems.append(
                        Problem(
                            label,
                            start,
                            None,
                            f"has {len(cells)} cells; the header has {len(header)}",
                        )
                    )
                    continue
                row = {"_line": start}
                found = []
                for name, raw in zip(header, cells, strict=True):
                    row[name], message = _parse_cell(table.column(name), raw)
                    if message:
                        found.append(Problem(label, start, name, message))
                # Rules across cells would only echo a bad cell, so they wait for good ones.
                for rule in () if found else table.row_rules:
                    found.extend(Problem(label, start, name, msg) for name, msg in rule(row))
                problems.extend(found)
                rows.append(row)
        except (csv.Error, UnicodeDecodeError) as error:
            problems.append(Problem(label, line + 1, None, f"is not readable CSV ({error})"))
    return label, rows, problems


def _check_unique(table: Table, labelled_rows: list[tuple[str, dict]]) -> list[Problem]:
    """Unique columns (and the index) hold each value once across all files merged."""
    problems = []
    keys = [c.name for c in table.columns if c.unique]
    if len(table.index) > 1:
        keys.append(table.index)
    for key in keys:
        seen: dict = {}
        for label, row in labelled_rows:
            value = tuple(row[k] for k in key) if isinstance(key, tuple) else row[key]
            if value is None or (isinstance(value, tuple) and None in value):
                continue
            folded = value.casefold() if isinstance(value, str) else value
            if folded in seen:
                first_label, first_line = seen[folded]
                name = key if isinstance(key, str) else " and ".join(key)
                problems.append(
                    Problem(
                        label,
                        row["_line"],
                        name,
                        f"{value!r} is already used at {first_label} line {first_line}; "
                        "each value may appear once",
                    )
                )
            else:
                seen[folded] = (label, row["_line"])
    return problems


def _frame(table: Table, rows: list[dict]) -> pd.DataFrame:
    names = [c.name for c in table.columns]
    data = {name: [row[name] for row in rows] for name in names}
    frame = pd.DataFrame({c.name: pd.Series(data[c.name], dtype=c.dtype()) for c in table.columns})
    return frame.set_index(list(table.index))


def _user_file(table: Table, user: bool) -> list[Path]:
    if not user:
        return []
    path = workbook_folder() / table.file
    return [path] if path.is_file() else []


def _as_paths(extra: PathLike | Iterable[PathLike] | None) -> list[PathLike]:
    if extra is None:
        return []
    if isinstance(extra, (str, os.PathLike)):
        return [extra]
    return list(extra)


Labelled = list[tuple[str, dict]]  # (file label, row) pairs across all files read


def _load(
    name: str,
    extra: PathLike | Iterable[PathLike] | None = None,
    *,
    user: bool = False,
    checks: Sequence[Callable[[Labelled], Iterable[Problem]]] = (),
) -> pd.DataFrame:
    """Read the shipped table plus extra files, validate all of it, return one frame."""
    table = TABLES[name]
    sources: list[PathLike | None] = [None, *_user_file(table, user), *_as_paths(extra)]
    labelled: Labelled = []
    problems: list[Problem] = []
    for source in sources:
        label, rows, found = _read_rows(table, source)
        problems.extend(found)
        labelled.extend((label, row) for row in rows)
    problems.extend(_check_unique(table, labelled))
    for check in checks:
        problems.extend(check(labelled))
    if problems:
        raise TableError(problems)
    return _frame(table, [row for _, row in labelled])


# -- the public loaders -----------------------------------------------------------------


def load_exercises(
    extra: PathLike | Iterable[PathLike] | None = None, *, user: bool = True
) -> pd.DataFrame:
    """Load the exercise table, indexed by exercise id.

    Parameters
    ----------
    extra : path or list of paths, default=None
        A coach's own exercises, in the format of data/exercises.csv, merged in.
    user : bool, default=True
        Also merge ``exercises.csv`` from the workbook folder (see
        :func:`upperback.workbook_folder`) when it exists.

    Returns
    -------
    pandas.DataFrame
        One row per exercise. ``level`` and ``laterality`` are ordered categoricals,
        ``sets``/``reps``/``hold_seconds``/``rest_seconds`` nullable integers, and
        ``cues``, ``aliases``, ``equipment``, ``cautions`` tuples of strings.

    Raises
    ------
    TableError
        When any row breaks a rule, naming the file, line and column.

    Examples
    --------
    >>> exercises = load_exercises(user=False)
    >>> exercises.loc["can-openers", "name"]
    'Can openers'
    >>> exercises.loc["can-openers", "laterality"]
    'unilateral'
    """
    return _load("exercises", extra, user=user, checks=(_aliases_are_not_names,))


def _aliases_are_not_names(labelled: Labelled) -> Iterable[Problem]:
    """An alias may not be another exercise's name, or a lookup by name would be ambiguous."""
    names = {row["name"].casefold(): row["id"] for _, row in labelled if row["name"]}
    for label, row in labelled:
        for alias in row["aliases"]:
            owner = names.get(alias.casefold())
            if owner is not None and owner != row["id"]:
                yield Problem(
                    label,
                    row["_line"],
                    "aliases",
                    f"'{alias}' is the name of exercise '{owner}'; an alias must not "
                    "be another exercise's name",
                )


def load_muscles() -> pd.DataFrame:
    """Load the muscle table, indexed by muscle id.

    Returns
    -------
    pandas.DataFrame
        One row per muscle; ``region`` is an ordered categorical (upper back first).

    Examples
    --------
    >>> muscles = load_muscles()
    >>> muscles.loc["serratus-anterior", "view"]
    'side'
    """
    return _load("muscles")


def load_exercise_muscles(
    extra: PathLike | Iterable[PathLike] | None = None,
    *,
    exercises: pd.DataFrame | None = None,
    muscles: pd.DataFrame | None = None,
    user: bool = True,
) -> pd.DataFrame:
    """Load the table of which muscles each exercise works.

    Parameters
    ----------
    extra : path or list of paths, default=None
        Extra links, in the format of data/exercise_muscles.csv (for a coach's own
        exercises).
    exercises, muscles : pandas.DataFrame, default=None
        The tables whose ids the links must name; loaded when not given (with the
        same ``user`` setting).
    user : bool, default=True
        Also merge ``exercise_muscles.csv`` from the workbook folder when it exists.

    Returns
    -------
    pandas.DataFrame
        Indexed by (exercise, muscle); ``role`` is ordered stabiliser < secondary < primary.

    Examples
    --------
    >>> links = load_exercise_muscles(user=False)
    >>> links.loc[("seated-row", "rhomboid-major"), "role"]
    'primary'
    """
    if exercises is None:
        exercises = load_exercises(user=user)
    if muscles is None:
        muscles = load_muscles()
    known = {"exercise": list(exercises.index), "muscle": list(muscles.index)}

    def ids_exist(labelled: Labelled) -> Iterable[Problem]:
        for label, row in labelled:
            for column, ids in known.items():
                value = row[column]
                if value is not None and value not in ids:
                    message = f"'{value}' is not an id in {TABLES[column + 's'].file}"
                    yield Problem(label, row["_line"], column, message + did_you_mean(value, ids))

    return _load("exercise_muscles", extra, user=user, checks=(ids_exist,))


def load_benefits() -> pd.DataFrame:
    """Load the reasons a strong back matters, for teaching.

    Examples
    --------
    >>> "posture" in load_benefits().index
    True
    """
    return _load("benefits")
