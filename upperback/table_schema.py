"""What each table in data/ may hold: its columns, their kinds, allowed values and ranges.

Each table is described once, as data (:data:`TABLES`); one generic reader
(:mod:`upperback.tables`) applies these settings, so adding a column is a line here and a
line in data/README.md, never a new branch of code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

__all__ = [
    "LEVELS",
    "REFERENCE_SECTIONS",
    "REGIONS",
    "ROLES",
    "SOURCE_TAGS",
    "TABLES",
    "Column",
    "Problem",
    "Table",
    "TableError",
]

LIST_SEPARATOR = "|"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


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
    tags: tuple[str, ...] = ()  # for a list of sources, the tags each item may start with
    # A column added after coaches wrote their own files: a file without it reads as empty.
    may_be_absent: bool = False

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

# Where a row's facts may come from: each source is "tag: what", with one of these tags.
SOURCE_TAGS = (
    "seed",  # the seed article, only for what it states; what follows is its own words
    "references",  # a section of the team's references (REFERENCE_SECTIONS)
    "text",  # a named text or paper: author, title or journal, year
    "anatomy",  # general anatomy the article does not state: "anatomy: general anatomy"
    "coaching practice",  # what a coach adds (a starting position, a cue, a caution)
)
# The sections of the team's references a "references:" source may name.
REFERENCE_SECTIONS = (
    "Pain and effort scales",
    "Dosage",
    "Safety",
    "Progressing and easing off",
    "Function outcomes",
)
SOURCE = dict(kind="list", tags=SOURCE_TAGS)

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
            Column("target", "text", required=False, may_be_absent=True),
            Column("description", "text"),
            Column("source", **SOURCE),
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
            Column("source", **SOURCE),
        ),
    ),
    "exercise_muscles": Table(
        file="exercise_muscles.csv",
        columns=(
            Column("exercise", "slug"),
            Column("muscle", "slug"),
            Column("role", "category", choices=ROLES, ordered=True),
            Column("source", **SOURCE),
        ),
        index=("exercise", "muscle"),
    ),
    "lesson_points": Table(
        file="lesson_points.csv",
        columns=(
            Column("id", "slug", unique=True),
            Column("question", "text", unique=True),
            Column("answer", "text"),
            Column("wrong_answers", "list"),
            Column("explanation", "text"),
            Column("source", **SOURCE),
        ),
    ),
    "benefits": Table(
        file="benefits.csv",
        columns=(
            Column("id", "slug", unique=True),
            Column("benefit", "text"),
            Column("summary", "text"),
            Column("examples", "list", required=False),
            Column("source", **SOURCE),
        ),
    ),
    # Each row is one step up a ladder of variations; upperback.ladders checks the ladder.
    "ladders": Table(
        file="ladders.csv",
        columns=(
            Column("easier", "slug"),
            Column("harder", "slug"),
            Column("change", "text"),
            Column("source", **SOURCE),
        ),
        index=("easier", "harder"),
    ),
}


def parse_cell(col: Column, raw: str):
    """Return (value, problem message or None) for one cell."""
    text = raw.strip()
    if not text:
        empty = () if col.kind == "list" else None
        return empty, (f"is empty; {allowed(col)}" if col.required else None)
    if col.kind == "slug":
        if not SLUG.match(text):
            return None, f"'{text}' is not an id; use lower-case letters, digits and hyphens"
        return text, None
    if col.kind == "category":
        if text not in col.choices:
            return None, f"'{text}' is not allowed; {allowed(col)}"
        return text, None
    if col.kind == "int":
        try:
            number = int(text)
        except ValueError:
            return None, f"'{text}' is not a whole number; {allowed(col)}"
        if not col.low <= number <= col.high:
            return None, f"{number} is out of range; {allowed(col)}"
        return number, None
    if col.kind == "list":
        items = tuple(item.strip() for item in text.split(LIST_SEPARATOR) if item.strip())
        if col.tags:
            for item in items:
                message = source_problem(item)
                if message:
                    return items, message
        return items, None
    return text, None


def source_problem(source: str) -> str | None:
    """What is wrong with one source ("tag: what"), or None when it is well formed.

    Examples
    --------
    >>> source_problem("references: Safety") is None
    True
    >>> print(source_problem("my notes"))
    'my notes' has no tag; start it with one of: seed, references, text, anatomy, coaching practice, then a colon
    """
    tag, colon, what = source.partition(":")
    tags = ", ".join(SOURCE_TAGS)
    if not colon or tag.strip() not in SOURCE_TAGS:
        return f"{source!r} has no tag; start it with one of: {tags}, then a colon"
    if not what.strip():
        return f"{source!r} says nothing after its tag; say what it cites"
    if tag.strip() == "references" and what.strip() not in REFERENCE_SECTIONS:
        sections = ", ".join(REFERENCE_SECTIONS)
        return f"{source!r} is not a section of the references; use one of: {sections}"
    return None


def allowed(col: Column) -> str:
    if col.kind == "category":
        return "use one of: " + ", ".join(col.choices)
    if col.kind == "int":
        return f"use a whole number from {col.low} to {col.high}"
    if col.kind == "slug":
        return "use an id of lower-case letters, digits and hyphens"
    if col.kind == "list":
        return f"give one or more items separated by '{LIST_SEPARATOR}'"
    return "give some text"
