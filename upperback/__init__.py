"""upperback: the tables and logic behind the upper-back workbook.

The tables of exercises, muscles and the links between them load as pandas DataFrames;
everything the notebooks show is computed here. Heavy libraries (matplotlib, ipywidgets)
are imported only by the modules that draw, so ``import upperback`` stays quick.
"""

from upperback.names import UnknownName
from upperback.queries import Library, exercises_for_muscle, muscle_matrix, muscles_for_exercise
from upperback.safety import RED_FLAGS, SAFETY_NOTE
from upperback.tables import (
    TableError,
    load_benefits,
    load_exercise_muscles,
    load_exercises,
    load_muscles,
)
from upperback.workbook import describe_workbook_folder, workbook_folder

__all__ = [
    "RED_FLAGS",
    "SAFETY_NOTE",
    "Library",
    "TableError",
    "UnknownName",
    "describe_workbook_folder",
    "exercises_for_muscle",
    "load_benefits",
    "load_exercise_muscles",
    "load_exercises",
    "load_muscles",
    "muscle_matrix",
    "muscles_for_exercise",
    "workbook_folder",
]

__version__ = "0.1.0"
