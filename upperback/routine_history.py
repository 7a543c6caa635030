"""Versions of a routine file: each accepted change writes a new version and keeps the old.

The routine file itself always holds the latest version, so everything that opens routines
keeps working. Beside it, ``history/<file name>/`` keeps every version (``v001.json``,
``v002.json`` ...) and ``versions.json``, which says for each what changed, why, and the
sessions the change rests on. Files are written through
:func:`upperback.routine_files.save_routine`, whole and private.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from upperback.person_names import file_stem
from upperback.queries import Library
from upperback.routine_files import client_routines, load_routine, routines_folder, save_routine
from upperback.routines import Routine, RoutineError
from upperback.workbook import write_private

__all__ = [
    "Sent",
    "Version",
    "changes_since",
    "client_changes",
    "client_routine_path",
    "client_versions",
    "latest_sent",
    "load_version",
    "new_this_week",
    "next_sent",
    "save_version",
    "version_diff",
    "version_number",
    "versions",
    "versions_frame",
]

INDEX = "versions.json"
NEW_DAYS = 7  # what a client's page calls "new this week"
FIRST = "The routine as it was before the first change kept here."


@dataclass(frozen=True)
class Version:
    """One saved version of a routine: when, what changed and why, and its file."""

    number: int
    saved_at: datetime
    change: str
    reason: str
    sessions: tuple[date, ...]
    file: Path | None = None  # None for a version the session log keeps

    def words(self) -> str:
        """The version in a sentence, as a client's page would show it."""
        when = f"{self.saved_at.day} {self.saved_at:%b %Y}"
        why = f" Why: {self.reason}" if self.reason else ""
        return f"{when}: {self.change}.{why}"


@dataclass(frozen=True)
class Sent:
    """A version of a client's routine as the session log keeps it, the routine included.

    The log carries a coach's changes to the client's own server on a shared hub, where
    the two workbook folders are apart.
    """

    routine: Routine
    version: Version


def latest_sent(sent: Sequence[Sent]) -> list[Routine]:
    """The newest version of each routine in ``sent``, newest routine first."""
    newest: dict[str, Sent] = {}
    for item in sorted(sent, key=lambda s: (s.version.saved_at, s.version.number)):
        newest.pop(item.routine.name, None)
        newest[item.routine.name] = item
    return [item.routine for item in reversed(newest.values())]


def next_sent(
    sent: Sequence[Sent], routine: Routine, *, when: datetime | None = None
) -> Version | None:
    """The version a routine saved for a client becomes in the log; None when the log's
    latest of that routine is the same (nothing to send again).

    Examples
    --------
    >>> from upperback.routines import RoutineItem
    >>> mine = Routine("Core", items=(RoutineItem("plank"),), client="Sam")
    >>> first = next_sent([], mine)
    >>> first.number, first.change
    (1, 'A new routine')
    >>> next_sent([Sent(mine, first)], mine) is None
    True
    >>> next_sent([Sent(mine, first)], mine.update(0, sets=4)).change
    'Changed in the routine builder'
    """
    kept = [item for item in sent if item.routine.name == routine.name]
    latest = max(kept, key=lambda item: item.version.number, default=None)
    if latest is not None and latest.routine == routine:
        return None
    number = 1 if latest is None else latest.version.number + 1
    change = "A new routine" if latest is None else "Changed in the routine builder"
    return Version(number, when or datetime.now(UTC).replace(microsecond=0), change, "", ())


def history_folder(path: str | os.PathLike) -> Path:
    """Where the versions of the routine file at ``path`` are kept."""
    path = Path(path)
    return path.parent / "history" / path.stem


def versions(path: str | os.PathLike) -> list[Version]:
    """Every kept version of the routine at ``path``, oldest first; empty when none yet."""
    folder = history_folder(path)
    index = folder / INDEX
    if not index.is_file():
        return []
    try:
        entries = json.loads(index.read_text(encoding="utf-8"))
        return [_version(folder, entry) for entry in entries]
    except (ValueError, KeyError, TypeError) as error:
        raise RoutineError(f"{index} is damaged ({error}); the routine file is unharmed") from None


def _version(folder: Path, entry: dict) -> Version:
    return Version(
        number=entry["number"],
        saved_at=datetime.fromisoformat(entry["saved_at"]),
        change=entry["change"],
        reason=entry["reason"],
        sessions=tuple(date.fromisoformat(d) for d in entry["sessions"]),
        file=folder / f"v{entry['number']:03d}.json",
    )


def save_version(
    path: str | os.PathLike,
    routine: Routine,
    *,
    change: str,
    reason: str = "",
    sessions: tuple[date, ...] = (),
    made_from: Routine | None = None,
    library: Library | None = None,
    when: datetime | None = None,
) -> Version:
    """Make ``routine`` the routine at ``path``, keeping the one before as a version.

    Parameters
    ----------
    change, reason : str
        What changed and why, in plain words; the client's page shows them.
    sessions : tuple of date, default=()
        The sessions the change rests on.
    made_from : Routine, default=None
        The routine the change was worked out from. When the file now holds something else
        (edited since), nothing is written: the change would undo that edit.
    library : Library, default=None
        When given, the routine is checked against the tables before anything is written.

    Examples
    --------
    >>> import tempfile
    >>> from upperback.routines import RoutineItem
    >>> path = Path(tempfile.mkdtemp()) / "sam.json"
    >>> old = Routine("Sam's core", items=(RoutineItem("plank", hold_seconds=30),))
    >>> new = old.update(0, hold_seconds=35)
    >>> save_version(path, new, change="Plank: hold 30 s → 35 s", made_from=old).number
    2
    >>> [v.change for v in versions(path)]
    ['The routine as it was before the first change kept here.', 'Plank: hold 30 s → 35 s']
    """
    path = Path(path)
    current = load_routine(path) if path.exists() else made_from
    if made_from is not None and current != made_from:
        raise RoutineError(
            f"{path.name} has changed since these suggestions were made; nothing was saved. "
            "Look at the suggestions again."
        )
    when = when or datetime.now(UTC).replace(microsecond=0)
    kept = versions(path)
    entries = [_entry(v) for v in kept]
    if not kept and current is not None:  # the routine as it was, so the first change shows
        entries.append(_record(path, current, 1, FIRST, "", (), when, library))
    number = len(entries) + 1
    entries.append(_record(path, routine, number, change, reason, sessions, when, library))
    save_routine(routine, path, library)
    text = json.dumps(entries, indent=2, ensure_ascii=False) + "\n"
    write_private(history_folder(path) / INDEX, text)
    return _version(history_folder(path), entries[-1])


def _record(path, routine, number, change, reason, sessions, when, library) -> dict:
    """Write one version's file; return its entry for the index."""
    save_routine(routine, history_folder(path) / f"v{number:03d}.json", library)
    days = [d.isoformat() for d in sessions]
    return {
        "number": number,
        "saved_at": when.isoformat(),
        "change": change,
        "reason": reason,
        "sessions": days,
    }


def _entry(version: Version) -> dict:
    entry = asdict(version)
    del entry["file"]
    entry["saved_at"] = version.saved_at.isoformat()
    entry["sessions"] = [d.isoformat() for d in version.sessions]
    return entry


def version_number(routine: Routine, *, sent: Sequence[Sent] = (), path=None) -> int:
    """The routine's version: the log's number for it, else its file's latest, else 1."""
    numbers = [item.version.number for item in sent if item.routine == routine]
    if not numbers and path is not None:
        numbers = [version.number for version in versions(path)]
    return max(numbers, default=1)


def load_version(path: str | os.PathLike, number: int) -> Routine:
    """The routine as it was at version ``number``."""
    known = {v.number: v for v in versions(path)}
    if number not in known:
        numbers = ", ".join(map(str, known)) or "none yet"
        raise RoutineError(f"{Path(path).name} has no version {number}; versions: {numbers}")
    return load_routine(known[number].file)


def version_diff(path: str | os.PathLike, number: int | None = None) -> str:
    """What version ``number`` (the latest by default) changed, as a unified diff."""
    kept = versions(path)
    if not kept:
        return ""
    number = kept[-1].number if number is None else number
    if number <= 1:
        return ""
    load_version(path, number)  # names the versions there are when this one is not
    old, new = (history_folder(path) / f"v{n:03d}.json" for n in (number - 1, number))
    return "".join(
        difflib.unified_diff(
            old.read_text(encoding="utf-8").splitlines(keepends=True),
            new.read_text(encoding="utf-8").splitlines(keepends=True),
            fromfile=f"version {number - 1}",
            tofile=f"version {number}",
        )
    )


def changes_since(routine_path: str | os.PathLike, when: datetime | date) -> list[str]:
    """What changed in the routine since ``when``, and why, one sentence per change.

    Examples
    --------
    >>> changes_since("no-such-routine.json", date(2026, 1, 1))
    []
    """
    since = when if isinstance(when, datetime) else datetime.combine(when, datetime.min.time())
    since = since if since.tzinfo else since.replace(tzinfo=UTC)
    return [v.words() for v in versions(routine_path) if v.number > 1 and v.saved_at >= since]


def new_this_week(
    client: str,
    *,
    now: datetime | None = None,
    folder: Path | None = None,
    sent: Sequence[Sent] = (),
) -> dict[str, list[str]]:
    """What changed in the past week in each of the client's own routines, and why.

    Keys are the names of the routines that changed (the newest change first); values are
    the changes in words, as :meth:`Version.words` gives them (of :func:`client_changes`).
    A routine that did not change this week is left out, so an empty dict means nothing new.

    Examples
    --------
    >>> new_this_week("Nobody yet")
    {}
    """
    since = (now or datetime.now(UTC)) - timedelta(days=NEW_DAYS)
    recent = [(name, v) for name, v in client_changes(client, folder=folder, sent=sent)
              if v.saved_at >= since]  # fmt: skip
    news: dict[str, list[str]] = {}
    for name, version in sorted(recent, key=lambda change: change[1].saved_at, reverse=True):
        news.setdefault(name, []).append(version.words())
    return {name: changes[::-1] for name, changes in news.items()}  # oldest first within


def client_changes(
    client: str, *, folder: str | os.PathLike | None = None, sent: Sequence[Sent] = ()
) -> list[tuple[str, Version]]:
    """Every change to the client's routines: (routine name, version), versions 2 and up.

    The versions ``sent`` through the session log count first; a routine file of the same
    name (the coach's copy, on a laptop) adds nothing more. A damaged history is skipped:
    it hides the changes, never the routine.
    """
    found = [(item.routine.name, item.version) for item in sent]
    in_log = {item.routine.name for item in sent}
    for path, routine in client_routines(client, folder=None if folder is None else Path(folder)):
        if routine.name in in_log:
            continue
        try:
            found += [(routine.name, version) for version in versions(path)]
        except RoutineError:
            continue
    return [(name, version) for name, version in found if version.number > 1]


def versions_frame(routine_path: str | os.PathLike):
    """One row per version (version, date, change), for the pain chart to mark the changes."""
    import pandas as pd

    kept = versions(routine_path)
    return pd.DataFrame(
        {
            "version": pd.array([v.number for v in kept], dtype="Int64"),
            "date": pd.to_datetime([v.saved_at for v in kept], utc=True),
            "change": pd.array([v.change for v in kept], dtype="string"),
        }
    )


def client_routine_path(client: str, routine_name: str, folder: Path | None = None) -> Path:
    """The client's own file of a routine: the saved one made for them, else a new name.

    A routine shared by several clients is never changed for one of them: the first
    accepted change makes the client a copy of their own.
    """
    for path, routine in client_routines(client, folder=None if folder is None else Path(folder)):
        if routine.name == routine_name:
            return path
    folder = routines_folder() if folder is None else Path(folder)
    slug = re.sub(r"[^a-z0-9]+", "-", routine_name.lower()).strip("-")
    return folder / f"{slug or 'routine'}-{file_stem(client)}.json"


def client_versions(
    client: str, *, folder: str | os.PathLike | None = None, sent: Sequence[Sent] = ()
):
    """Every change to the routines assigned to ``client``: one row per change, by date.

    The changes are :func:`client_changes`', as a frame for the pain chart.

    Parameters
    ----------
    client : str
        The client, as the session log names them.
    folder : path, default=None
        Where the routine files are; the routines folder of the workbook when not given.
    sent : sequence of Sent, default=()
        The versions of the client's routines the session log keeps.

    Returns
    -------
    pandas.DataFrame
        Columns ``routine`` (its name), ``version``, ``date`` (UTC) and ``change`` (in
        words), oldest first.

    Examples
    --------
    >>> import tempfile
    >>> from upperback.routines import RoutineItem
    >>> folder = Path(tempfile.mkdtemp())
    >>> old = Routine("Core", items=(RoutineItem("plank", hold_seconds=30),), client="Sam")
    >>> _ = save_version(folder / "core.json", old.update(0, hold_seconds=35),
    ...                  change="Plank: hold 30 s → 35 s", made_from=old,
    ...                  when=datetime(2026, 11, 16, 9, tzinfo=UTC))
    >>> client_versions("sam", folder=folder)[["routine", "version", "change"]]
      routine  version                   change
    0    Core        2  Plank: hold 30 s → 35 s
    >>> client_versions("Ana", folder=folder).empty
    True
    """
    import pandas as pd

    changes = client_changes(client, folder=folder, sent=sent)
    frame = pd.DataFrame(
        {
            "routine": pd.array([name for name, _ in changes], dtype="string"),
            "version": pd.array([v.number for _, v in changes], dtype="Int64"),
            "date": pd.to_datetime([v.saved_at for _, v in changes], utc=True),
            "change": pd.array([v.change for _, v in changes], dtype="string"),
        }
    )
    return frame.sort_values(["date", "routine", "version"], ignore_index=True)
