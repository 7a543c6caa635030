"""Routine files: the shipped starters, the routines folder, saving and opening.

A routine is chosen by a :class:`RoutineChoice`: a starter by its key, or a saved file by
its path. Views list the choices and hand one back; they never parse a path or a name.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from upperback.queries import Library
from upperback.routines import (
    Routine,
    RoutineError,
    check_routine,
    routine_from_dict,
    routine_to_dict,
)
from upperback.workbook import workbook_folder, write_private

__all__ = [
    "RoutineChoice",
    "load_routine",
    "routine_choices",
    "routines_folder",
    "save_routine",
    "saved_routines",
    "starter_routine",
    "starter_routines",
]


def save_routine(routine: Routine, path: str | os.PathLike, library: Library | None = None) -> Path:
    """Write the routine as indented JSON, all at once (a crash never leaves half a file).

    The routine is checked first when a library is given, so a saved file always loads.
    """
    if library is not None:
        check_routine(routine, library)
    text = json.dumps(routine_to_dict(routine), indent=2, ensure_ascii=False) + "\n"
    return write_private(path, text)


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


def starter_routines() -> dict[str, Routine]:
    """The routines that ship with the package, by their file name.

    Examples
    --------
    >>> sorted(starter_routines())
    ['daily-bridge', 'thoracic-five', 'upper-back-strength', 'upper-back-strength-beginners']
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


# -- the routines folder -------------------------------------------------------------------


def routines_folder() -> Path:
    """Where routines are saved: ``routines/`` in the workbook folder."""
    return workbook_folder() / "routines"


def saved_routines() -> list[Path]:
    """The routine files in the routines folder, newest first."""
    folder = routines_folder()
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)


def routine_path(routine: Routine) -> Path:
    """Where a routine is saved by default: its name as a file name in the routines folder.

    Examples
    --------
    >>> routine_path(Routine("Desk break: 2")).name
    'desk-break-2.json'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", routine.name.lower()).strip("-") or "routine"
    return routines_folder() / f"{slug}.json"


@dataclass(frozen=True)
class RoutineChoice:
    """A routine a person can pick: a starter (by key) or a saved file (by path).

    ``problem`` is set when the file cannot be read: the list still shows it, with why.
    """

    label: str
    starter: str | None = None
    path: Path | None = None
    problem: str = ""

    def open(self, library: Library | None = None) -> Routine:
        """The routine itself; RoutineError when the file is damaged or does not fit."""
        if self.starter is not None:
            return starter_routine(self.starter)
        return load_routine(self.path, library)


def routine_choices() -> list[RoutineChoice]:
    """Every routine to pick from: the shipped starters, then the saved routines."""
    choices = [
        RoutineChoice(f"starter: {r.name}", starter=key) for key, r in starter_routines().items()
    ]
    for path in saved_routines():
        try:
            choices.append(RoutineChoice(f"{load_routine(path).name} ({path.name})", path=path))
        except RoutineError as error:
            choices.append(
                RoutineChoice(f"{path.name} (cannot be read)", path=path, problem=str(error))
            )
    return choices
