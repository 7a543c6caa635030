"""Routine files: the shipped starters, the routines folder, saving and opening.

Whatever a file holds, opening it gives a routine or a RoutineError that names the file and
the field; a damaged file is listed with its problem and never breaks the list.

A routine is chosen by a :class:`RoutineChoice`: a starter by its key, or a saved file by
its path. Views list the choices and hand one back; they never parse a path or a name.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from upperback.person_names import file_stem, matching_key
from upperback.queries import Library
from upperback.routines import (
    FORMAT,
    ITEM_FIELDS,
    ROUTINE_FIELDS,
    VERSION,
    Routine,
    RoutineError,
    RoutineItem,
    check_routine,
    item_errors,
    joined,
    routine_errors,
    routine_to_dict,
    shown,
)
from upperback.workbook import workbook_folder, write_private

__all__ = [
    "RoutineChoice",
    "client_routines",
    "load_routine",
    "routine_choices",
    "routine_from_dict",
    "routines_folder",
    "save_routine",
    "saved_routines",
    "starter_routine",
    "starter_routines",
]

# A routine file holds a few kilobytes; reading no more than this keeps a wrong file (a
# video renamed .json) from filling the memory.
MAX_FILE_BYTES = 1_000_000


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
    routine = routine_from_dict(_file_data(path), source=str(path))
    if library is not None:
        try:
            check_routine(routine, library)
        except RoutineError as error:
            raise RoutineError(f"{path}: {error}") from None
    return routine


def _file_data(path: Path):
    """The JSON a file holds; RoutineError, naming the file, for anything that is not JSON."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise RoutineError(f"{path} cannot be read ({error.strerror or error})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise RoutineError(
            f"{path} is not a routine file: it is over {MAX_FILE_BYTES // 1000} kB, "
            "and a routine takes a few"
        )
    try:
        text = raw.decode("utf-8-sig")  # a byte order mark, as Notepad writes, is fine
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise RoutineError(
            f"{path} is not a routine file: line {line} is not text "
            f"(byte 0x{raw[error.start]:02X} is not UTF-8); save it as UTF-8"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise RoutineError(
            f"{path} is not a routine file: broken JSON at line {error.lineno}, "
            f"column {error.colno} ({error.msg})"
        ) from None
    except RecursionError:
        raise RoutineError(f"{path} is not a routine file: it is nested too deeply") from None
    except ValueError:  # Python refuses to read integers of more than 4300 digits
        raise RoutineError(
            f"{path} is not a routine file: it holds a number too long to read"
        ) from None


# -- from file data --------------------------------------------------------------------


def routine_from_dict(data, *, source: str = "routine") -> Routine:
    """Build a routine from file data, naming the field of anything foreign or damaged.

    Whatever the data holds, the result is a routine or a RoutineError that names
    ``source`` and every field that is wrong, with what it may hold.

    Examples
    --------
    >>> routine_from_dict({"format": FORMAT, "version": 1, "name": None}, source="r.json")
    Traceback (most recent call last):
    ...
    upperback.routines.RoutineError: r.json: field 'name': null is not text; write text in double quotes
    """
    _check_header(data, source)
    errors = []
    items = data.get("items", [])
    if not isinstance(items, list):
        errors.append(f"field 'items': {shown(items)} is not a list; write the exercises in [ ]")
        items = []
    built = []
    for index, raw in enumerate(items):
        item, found = _item_from_dict(index, raw)
        errors += found
        built += [item] if item is not None else []
    given = {k: v for k, v in data.items() if k in ROUTINE_FIELDS and k != "items"}
    routine = Routine(**{"name": "", **given}, items=tuple(built))
    errors = routine_errors(routine) + errors
    if errors:
        raise RoutineError(f"{source}: " + joined(errors))
    return routine


def _check_header(data, source: str) -> None:
    """Refuse a file that is not a routine, or is one from a newer upperback, outright."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RoutineError(f'{source} is not an upperback routine (it lacks "format": "{FORMAT}")')
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise RoutineError(
            f"{source}: field 'version': {shown(version)} is not a routine version; "
            f"use a whole number such as {VERSION}"
        )
    if version > VERSION:
        raise RoutineError(
            f"{source} was saved by a newer upperback (routine version {shown(version)}); "
            f"this one reads up to version {VERSION}: update upperback to open it"
        )
    unknown = set(data) - ROUTINE_FIELDS - {"format", "version"}
    if unknown:
        raise RoutineError(
            f"{source}: unknown field(s) {sorted(map(str, unknown))}; "
            f"allowed: {sorted(ROUTINE_FIELDS)}"
        )


def _item_from_dict(index: int, raw) -> tuple[RoutineItem | None, list[str]]:
    """One item of a file and what is wrong with it (``None`` when it is not an item at all)."""
    if not isinstance(raw, dict):
        return None, [
            f"item {index + 1}: {shown(raw)} is not an exercise; write each item as "
            '{"exercise": "plank", ...}'
        ]
    if "exercise" not in raw:
        return None, [f"item {index + 1} needs an 'exercise' (its name or id)"]
    extra = set(raw) - ITEM_FIELDS
    if extra:
        return None, [
            f"item {index + 1}: unknown field(s) {sorted(map(str, extra))}; "
            f"allowed: {sorted(ITEM_FIELDS)}"
        ]
    item = RoutineItem(**raw)
    return item, item_errors(index, item)


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


def saved_routines(folder: Path | None = None) -> list[Path]:
    """The routine files in the routines folder (or ``folder``), newest first."""
    folder = routines_folder() if folder is None else Path(folder)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"), key=_modified, reverse=True)


def _modified(path: Path) -> float:
    """When a file last changed; a dangling link sorts last and is listed as unreadable."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def routine_path(routine: Routine) -> Path:
    """Where a routine is saved by default: its name as a file name in the routines folder,
    with its client's :func:`~upperback.person_names.file_stem` when it has one, so two
    clients' routines of one name are two files.

    Examples
    --------
    >>> routine_path(Routine("Desk break: 2")).name
    'desk-break-2.json'
    >>> routine_path(Routine("Desk break", client="Sam")).name.startswith("desk-break-sam-")
    True
    """
    slug = re.sub(r"[^a-z0-9]+", "-", routine.name.lower()).strip("-") or "routine"
    client = routine.client if isinstance(routine.client, str) else ""
    person = f"-{file_stem(client)}" if client.strip() else ""
    return routines_folder() / f"{slug}{person}.json"


@dataclass(frozen=True)
class RoutineChoice:
    """A routine a person can pick: a starter (by key), a saved file (by path), or one the
    session log holds for the client (the routine itself).

    ``problem`` is set when the file cannot be read: the list still shows it, with why.
    """

    label: str
    starter: str | None = None
    path: Path | None = None
    problem: str = ""
    routine: Routine | None = None

    def open(self, library: Library | None = None) -> Routine:
        """The routine itself; RoutineError when the file is damaged or does not fit."""
        if self.starter is not None:
            return starter_routine(self.starter)
        if self.routine is not None:
            return self.routine
        return load_routine(self.path, library)


def routine_choices(
    *, client: str | None = None, from_log: Sequence[Routine] = ()
) -> list[RoutineChoice]:
    """Every routine to pick from: the shipped starters, then the saved routines.

    With ``client``, only the saved routines assigned to them (their ``client`` field is
    their name, in any case) are listed, before the starters: what their coach made them
    comes first. A damaged file is listed only if it still names them.

    ``from_log`` are the routines the session log holds for the client (on a shared hub,
    how a coach's routine reaches the client's own server): they come first, and a file of
    the same name is left out, since the log's is the one last sent.

    Examples
    --------
    >>> [c.label for c in routine_choices(client="Nobody yet")][:1]
    ['starter: Daily bridge']
    """
    sent = [RoutineChoice(f"{r.name} (latest version)", routine=r) for r in from_log]
    choices = [
        RoutineChoice(f"starter: {r.name}", starter=key) for key, r in starter_routines().items()
    ]
    for path in saved_routines():
        try:
            routine = load_routine(path)
        except RoutineError as error:
            if client is None or _assigned(_raw_client(path), client):
                choices.append(
                    RoutineChoice(f"{path.name} (cannot be read)", path=path, problem=str(error))
                )
            continue
        if any(routine.name == r.name and _assigned(routine.client, r.client) for r in from_log):
            continue
        if client is None or _assigned(routine.client, client):
            choices.append(RoutineChoice(f"{routine.name} ({path.name})", path=path))
    if client is not None:  # their own first, then the starters
        choices.sort(key=lambda choice: choice.starter is not None)
    return sent + choices


def client_routines(client: str, *, folder: Path | None = None) -> list[tuple[Path, Routine]]:
    """The readable routine files assigned to ``client`` (in the routines folder or
    ``folder``), newest first, each with its routine."""
    found = []
    for path in saved_routines(folder):
        try:
            routine = load_routine(path)
        except RoutineError:
            continue
        if _assigned(routine.client, client):
            found.append((path, routine))
    return found


def _assigned(routine_client, client: str) -> bool:
    """Whether a routine's ``client`` field names this client, in any spelling of them."""
    if not isinstance(routine_client, str) or not routine_client.strip():
        return False
    return matching_key(routine_client) == matching_key(client)


def _raw_client(path: Path):
    """The ``client`` field of a file that is not a valid routine, if it can be found."""
    try:
        data = _file_data(path)
    except RoutineError:
        return None
    return data.get("client") if isinstance(data, dict) else None
