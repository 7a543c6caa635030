"""Load the tables in data/ into pandas, checking every rule of data/README.md.

The rules themselves are data, in :mod:`upperback.table_schema`; this module reads the
shipped CSV files and a coach's own, applies the rules, and reports every problem by file,
line and column.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from pathlib import Path

import pandas as pd

from upperback.names import did_you_mean
from upperback.table_schema import (
    LEVELS,
    REGIONS,
    ROLES,
    TABLES,
    Problem,
    Table,
    TableError,
    parse_cell,
)
from upperback.workbook import workbook_folder

__all__ = [
    "LEVELS",
    "REGIONS",
    "ROLES",
    "TABLES",
    "Problem",
    "TableError",
    "load_benefits",
    "load_exercise_muscles",
    "load_exercises",
    "load_lesson_points",
    "load_muscles",
]

PathLike = str | os.PathLike

BYTE_ORDER_MARK = "\ufeff"
NOT_UTF8 = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8, as surrogateescape keeps them
LINE_BREAK = re.compile("\r\n|\r|\n")


def _read_bytes(source: PathLike | None, table: Table) -> bytes:
    if source is None:
        return files("upperback").joinpath("data", table.file).read_bytes()
    return Path(source).read_bytes()


def _text_lines(data: bytes) -> list[str]:
    """The file's lines as text, each decoded alone so a bad byte stays on its own line.

    A byte that is not UTF-8 is kept as a lone surrogate (``surrogateescape``), for
    :func:`_encoding_problems` to find and name by line and column.
    """
    lines = [line.decode("utf-8", "surrogateescape") for line in data.splitlines(keepends=True)]
    if lines:
        lines[0] = lines[0].removeprefix(BYTE_ORDER_MARK)  # spreadsheets write one
    return lines


def _encoding_problems(label: str, start: int, cells: dict[str, str]) -> dict[str, Problem]:
    """Each cell holding a byte that is not UTF-8, by column, with the line the byte is on.

    A cell may span lines, so the line counts the line breaks in the cells before it too.
    """
    found, line = {}, start
    for name, cell in cells.items():
        bad = NOT_UTF8.search(cell)
        if bad and name not in found:
            at = line + len(LINE_BREAK.findall(cell, 0, bad.start()))
            found[name] = Problem(label, at, name, _not_utf8(bad.group()))
        line += len(LINE_BREAK.findall(cell))
    return found


def _not_utf8(kept: str) -> str:
    byte = ord(kept) - 0xDC00  # surrogateescape keeps byte b as the character U+DC00 + b
    return (
        f"byte 0x{byte:02X} is not UTF-8 text; save the file as UTF-8 (in a spreadsheet: CSV UTF-8)"
    )


def _read_rows(table: Table, source: PathLike | None) -> tuple[str, list[dict], list[Problem]]:
    """Read and check one CSV file; rows carry their line number under '_line'."""
    label = table.file if source is None else str(source)
    try:
        data = _read_bytes(source, table)
    except OSError as error:
        return label, [], [Problem(label, None, None, f"cannot be read ({error.strerror})")]
    zero = data.find(b"\0")
    if zero >= 0:
        line = len(data[: zero + 1].splitlines())
        message = (
            'holds a zero byte, as a spreadsheet\'s own format or "Unicode text" (UTF-16) '
            "does; save it as CSV UTF-8"
        )
        return label, [], [Problem(label, line, None, message)]
    reader = csv.reader(_text_lines(data))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return label, [], [Problem(label, None, None, "is empty; it needs a header row")]
    except csv.Error as error:
        return label, [], [Problem(label, 1, None, f"is not readable CSV ({error})")]
    bad = NOT_UTF8.search(",".join(header))
    if bad:
        return label, [], [Problem(label, 1, None, _not_utf8(bad.group()))]
    problems = _header_problems(table, header, label)
    if problems:
        return label, [], problems

    absent = {c.name: "" for c in table.columns if c.name not in header}
    rows = []
    line = reader.line_num
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                message = f"has {len(cells)} cells; the header has {len(header)}"
                problems.append(Problem(label, start, None, message))
                continue
            given = dict(zip(header, cells, strict=True))
            row, found = _parse_row(table, label, start, {**absent, **given})
            problems.extend(found)
            rows.append(row)
    except csv.Error as error:
        problems.append(Problem(label, line + 1, None, f"is not readable CSV ({error})"))
    return label, rows, problems


def _parse_row(table: Table, label: str, start: int, cells: dict[str, str]):
    """One row's values and its problems; a cell with a bad byte is reported, not parsed."""
    found = list(_encoding_problems(label, start, cells).values())
    bad = {problem.column for problem in found}
    row = {"_line": start}
    for name, raw in cells.items():
        # A bad cell reads as empty, so no later message echoes its undecodable text.
        row[name], message = parse_cell(table.column(name), "" if name in bad else raw)
        if message and name not in bad:
            found.append(Problem(label, start, name, message))
    # Rules across cells would only echo a bad cell, so they wait for good ones.
    for rule in () if found else table.row_rules:
        found.extend(Problem(label, start, name, msg) for name, msg in rule(row))
    return row, found


def _header_problems(table: Table, header: list[str], label: str) -> list[Problem]:
    """Every column the table needs, and none it does not know."""
    expected = [c.name for c in table.columns]
    problems = [
        Problem(label, 1, c.name, "this column is missing")
        for c in table.columns
        if c.name not in header and not c.may_be_absent
    ]
    problems += [
        Problem(label, 1, name, "this column appears twice; keep one")
        for name in sorted({name for name in header if header.count(name) > 1})
    ]
    columns = ", ".join(expected)
    problems += [
        Problem(label, 1, name, f"is not a column of this table; columns: {columns}")
        for name in dict.fromkeys(header)
        if name not in expected
    ]
    return problems


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


def load_lesson_points() -> pd.DataFrame:
    """Load the lesson's main points, each a quiz question with one right answer.

    Examples
    --------
    >>> "where-it-starts" in load_lesson_points().index
    True
    """
    return _load("lesson_points")
