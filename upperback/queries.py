"""The questions a coach asks of the tables: what works this muscle, what does that move work."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from upperback.names import resolve
from upperback.tables import ROLES, load_exercise_muscles, load_exercises, load_muscles

__all__ = [
    "Library",
    "equipment_choices",
    "exercises_for_muscle",
    "filter_exercises",
    "muscle_matrix",
    "muscles_for_exercise",
]


@dataclass(frozen=True)
class Library:
    """The three linked tables, loaded once and validated together.

    Examples
    --------
    >>> library = Library.load(user=False)
    >>> library.exercise_id("11:15 stretch")
    'eleven-fifteen-stretch'
    """

    exercises: pd.DataFrame
    muscles: pd.DataFrame
    links: pd.DataFrame

    @classmethod
    def load(cls, extra_exercises=None, extra_links=None, *, user: bool = True) -> Library:
        """Load and validate the tables, with a coach's extra files when given."""
        exercises = load_exercises(extra_exercises, user=user)
        muscles = load_muscles()
        links = load_exercise_muscles(extra_links, exercises=exercises, muscles=muscles, user=user)
        return cls(exercises, muscles, links)

    def exercise_id(self, name: str) -> str:
        """The id of an exercise named by id, name or alias; suggests close names if none."""
        return resolve(name, self.exercises, kind="exercise")

    def muscle_id(self, name: str) -> str:
        """The id of a muscle named by id or name; suggests close names if none."""
        return resolve(name, self.muscles, kind="muscle")


def _roles(role: str | Iterable[str] | None) -> list[str]:
    chosen = list(ROLES) if role is None else [role] if isinstance(role, str) else list(role)
    for r in chosen:
        if r not in ROLES:
            raise ValueError(f"'{r}' is not a role; use one of: {', '.join(ROLES)}")
    return chosen


def _linked(library: Library, level: str, key: str, other: pd.DataFrame, role) -> pd.DataFrame:
    """The rows of ``other`` linked to ``key`` (at ``level`` of the links), with their role."""
    links = library.links.xs(key, level=level)
    links = links[links["role"].isin(_roles(role))]
    found = other.loc[links.index].assign(role=links["role"])
    return found.sort_values(["role", "name"], ascending=[False, True])


def exercises_for_muscle(
    muscle: str,
    *,
    role: str | Iterable[str] | None = None,
    library: Library | None = None,
) -> pd.DataFrame:
    """The exercises that work a muscle, strongest role first.

    Parameters
    ----------
    muscle : str
        A muscle id or name (``"rhomboid-major"``, ``"Trapezius"``).
    role : str or list of str, default=None
        Keep only these roles (``"primary"``, ``"secondary"``, ``"stabiliser"``); all by
        default.
    library : Library, default=None
        The tables to ask; loaded when not given.

    Returns
    -------
    pandas.DataFrame
        The rows of the exercise table with an added ``role`` column.

    Examples
    --------
    >>> found = exercises_for_muscle("erector spinae", role="primary")
    >>> "back-extension" in found.index
    True
    """
    library = library or Library.load()
    return _linked(library, "muscle", library.muscle_id(muscle), library.exercises, role)


def muscles_for_exercise(
    exercise: str,
    *,
    role: str | Iterable[str] | None = None,
    library: Library | None = None,
) -> pd.DataFrame:
    """The muscles an exercise works, strongest role first.

    Parameters
    ----------
    exercise : str
        An exercise id, name or alias (``"can-openers"``, ``"Seated row"``).
    role : str or list of str, default=None
        Keep only these roles; all by default.
    library : Library, default=None
        The tables to ask; loaded when not given.

    Returns
    -------
    pandas.DataFrame
        The rows of the muscle table with an added ``role`` column.

    Examples
    --------
    >>> muscles_for_exercise("Can openers", role="primary").index.tolist()
    ['obliques', 'rhomboid-major', 'rhomboid-minor', 'trapezius']
    """
    library = library or Library.load()
    return _linked(library, "exercise", library.exercise_id(exercise), library.muscles, role)


def muscle_matrix(
    exercises: Iterable[str] | None = None,
    *,
    library: Library | None = None,
) -> pd.DataFrame:
    """A table of exercises (rows) by muscles (columns) holding each link's role.

    Parameters
    ----------
    exercises : list of str, default=None
        Exercise ids, names or aliases to include, in this order; all by default.
    library : Library, default=None
        The tables to ask; loaded when not given.

    Returns
    -------
    pandas.DataFrame
        Ordered-categorical cells (stabiliser < secondary < primary), missing where the
        exercise does not work the muscle. Muscles are ordered by region, then name, and
        only muscles some chosen exercise works are kept.

    Examples
    --------
    >>> matrix = muscle_matrix(["pull-up", "plank"])
    >>> matrix.loc["pull-up", "latissimus-dorsi"]
    'primary'
    """
    library = library or Library.load()
    ids = (
        list(library.exercises.index)
        if exercises is None
        else [library.exercise_id(e) for e in exercises]
    )
    links = library.links.reset_index()
    links = links[links["exercise"].isin(ids)]
    matrix = links.pivot(index="exercise", columns="muscle", values="role")
    muscle_order = library.muscles.loc[matrix.columns].sort_values(["region", "name"]).index
    matrix = matrix.reindex(index=ids, columns=muscle_order)
    role_dtype = library.links["role"].dtype
    return matrix.astype(role_dtype).rename_axis(index="exercise", columns="muscle")


def filter_exercises(
    library: Library,
    *,
    muscle: str | None = None,
    primary_only: bool = False,
    category: str | None = None,
    equipment: str | None = None,
    max_level: str | None = None,
) -> pd.DataFrame:
    """The exercises that pass every filter given; ``None`` leaves a filter open.

    Parameters
    ----------
    library : Library
        The tables to filter.
    muscle : str, default=None
        Keep exercises that work this muscle (id or name).
    primary_only : bool, default=False
        With ``muscle``: keep only exercises where that muscle is a primary mover.
    category : str, default=None
        One of the categories of exercises.csv.
    equipment : str, default=None
        A piece of equipment the exercise needs, or ``"none"`` for moves that need
        nothing but the floor.
    max_level : str, default=None
        Keep exercises at this level or easier (a beginner's list shows beginner moves;
        an advanced list shows them all).

    Examples
    --------
    >>> library = Library.load(user=False)
    >>> found = filter_exercises(library, muscle="trapezius", primary_only=True,
    ...                          category="mobility")
    >>> found.index.tolist()
    ['can-openers', 'eleven-fifteen-stretch']
    """
    exercises = library.exercises
    keep = pd.Series(True, index=exercises.index)
    if muscle is not None:
        roles = ["primary"] if primary_only else list(ROLES)
        working = exercises_for_muscle(muscle, role=roles, library=library).index
        keep &= exercises.index.isin(working)
    if category is not None:
        keep &= exercises["category"] == _choice(category, exercises["category"], "category")
    if equipment is not None:
        if equipment == "none":
            keep &= exercises["equipment"].map(len) == 0
        else:
            keep &= exercises["equipment"].map(lambda items: equipment in items)
    if max_level is not None:
        keep &= exercises["level"] <= _choice(max_level, exercises["level"], "level")
    return exercises[keep]


def equipment_choices(library: Library) -> list[str]:
    """Every piece of equipment the exercises name, sorted, after ``"none"``."""
    items = {item for needs in library.exercises["equipment"] for item in needs}
    return ["none", *sorted(items)]


def _choice(value: str, column: pd.Series, what: str) -> str:
    allowed = list(column.cat.categories)
    if value not in allowed:
        raise ValueError(f"'{value}' is not a {what}; use one of: {', '.join(allowed)}")
    return value
