"""Every shipped table loads with real dtypes and is described in data/README.md."""

import re
from pathlib import Path

import pandas as pd
import pytest

import upperback
import upperback.tables
from upperback.ladders import load_ladders
from upperback.table_schema import SOURCE_TAGS, source_problem
from upperback.tables import TABLES

ROOT = Path(__file__).resolve().parents[1]
LOADERS = {
    "exercises": lambda: upperback.load_exercises(user=False),
    "muscles": upperback.load_muscles,
    "exercise_muscles": lambda: upperback.load_exercise_muscles(user=False),
    "benefits": upperback.load_benefits,
    "lesson_points": upperback.tables.load_lesson_points,
    "ladders": lambda: load_ladders(user=False),
}


def documented_columns() -> dict[str, list[str]]:
    """Column names listed under each '## <file>' heading of data/README.md."""
    tables, current = {}, None
    for line in (ROOT / "data" / "README.md").read_text().splitlines():
        heading = re.match(r"## (\S+\.csv)", line)
        if heading:
            current = tables.setdefault(heading.group(1), [])
        elif current is not None and line.startswith("| ") and not line.startswith("| ---"):
            name = line.split("|")[1].strip()
            if name != "column":
                current.append(name)
    return tables


@pytest.mark.parametrize("name", TABLES)
def test_every_table_loads_indexed_by_its_ids(name):
    frame = LOADERS[name]()
    table = TABLES[name]
    assert len(frame) > 0
    assert list(frame.index.names) == list(table.index)
    assert frame.index.is_unique
    assert set(frame.columns) | set(table.index) == {c.name for c in table.columns}


@pytest.mark.parametrize("name", TABLES)
def test_every_table_has_real_dtypes(name):
    frame = LOADERS[name]().reset_index()
    for col in TABLES[name].columns:
        series = frame[col.name]
        if col.kind == "category":
            assert isinstance(series.dtype, pd.CategoricalDtype), col.name
            assert list(series.cat.categories) == list(col.choices)
            assert series.cat.ordered == col.ordered
        elif col.kind == "int":
            assert series.dtype == "Int64", col.name
        elif col.kind == "list":
            assert all(isinstance(v, tuple) for v in series.dropna()), col.name


@pytest.mark.parametrize("name", TABLES)
def test_every_column_is_in_the_data_dictionary(name):
    table = TABLES[name]
    assert documented_columns()[table.file] == [c.name for c in table.columns]


@pytest.mark.parametrize("name", TABLES)
def test_every_row_names_its_source(name):
    frame = LOADERS[name]()
    assert frame["source"].map(len).gt(0).all()
    for sources in frame["source"]:
        for source in sources:
            assert source.partition(": ")[0] in SOURCE_TAGS, source
            assert source_problem(source) is None, source


def test_data_dictionary_lists_every_allowed_category_value():
    text = (ROOT / "data" / "README.md").read_text()
    for table in TABLES.values():
        for col in table.columns:
            for choice in col.choices:
                assert f"`{choice}`" in text, (table.file, col.name, choice)


def test_levels_and_roles_sort_in_their_natural_order():
    exercises = upperback.load_exercises(user=False)
    assert exercises["level"].min() == "beginner"
    links = upperback.load_exercise_muscles(user=False)
    assert links["role"].max() == "primary"
    assert links["role"].cat.categories.tolist() == ["stabiliser", "secondary", "primary"]


def test_multi_valued_cells_keep_their_order():
    cues = upperback.load_exercises(user=False).loc["can-openers", "cues"]
    assert isinstance(cues, tuple) and len(cues) >= 5
    # The seed's order: get down on knees and elbows before rotating, hold at the top after.
    text = [cue.lower() for cue in cues]
    first_rotate = next(i for i, c in enumerate(text) if "rotat" in c)
    first_hold = next(i for i, c in enumerate(text) if "hold" in c)
    assert any("knee" in c for c in text[:first_rotate])
    assert first_rotate < first_hold
