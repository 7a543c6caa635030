"""Where a person's own files live, and the one way they are written: whole and private."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "SettingsError",
    "describe_workbook_folder",
    "local_zone",
    "save_timezone",
    "settings_path",
    "workbook_folder",
    "write_private",
]

ENV_VAR = "UPPERBACK_HOME"
SETTINGS_FILE = "settings.json"


class SettingsError(ValueError):
    """A setting that cannot be read or kept; the message names the file and the setting."""


def workbook_folder() -> Path:
    """Return the user's workbook folder: ``$UPPERBACK_HOME``, else ``~/upperback``.

    Nothing is written inside the package or the repository; this folder is the user's own
    and is not created until something needs to be saved there.

    Examples
    --------
    >>> workbook_folder().is_absolute()
    True
    """
    folder = os.environ.get(ENV_VAR)
    return Path(folder).expanduser() if folder else Path.home() / "upperback"


def describe_workbook_folder() -> str:
    """Where the workbook folder is and what is in it, in a sentence."""
    folder = workbook_folder()
    if not folder.is_dir():
        return (
            f"Your workbook folder is {folder}. It does not exist yet: it is made when you "
            "first save something, or make it yourself to add your own exercises."
        )
    names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    listing = ", ".join(names) if names else "nothing yet"
    return f"Your workbook folder is {folder}. It holds: {listing}."


def private_folder(path: Path) -> Path:
    """Make ``path`` (and missing parents) a folder; new ones only their owner may open."""
    missing, folder = [], path
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):  # each one 0700: mkdir -p would give the parents 0755
        new.mkdir(mode=0o700, exist_ok=True)
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is a file, not a folder")
    return path


def write_private(path: str | os.PathLike, content: str | bytes) -> Path:
    """Write a file all at once, readable by its owner only.

    The content goes to a temporary file beside the target, is flushed to disk, then
    renamed over it: a crash or a kill leaves the old file or the new one, never half of
    either. Files here hold a person's data (routines, exports, reports), hence 0600.

    Examples
    --------
    >>> import tempfile
    >>> path = write_private(Path(tempfile.mkdtemp()) / "note.txt", "hello")
    >>> path.read_text(), oct(path.stat().st_mode & 0o777)
    ('hello', '0o600')
    """
    path = Path(path)
    private_folder(path.parent)
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:  # mkstemp makes it 0600 already
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def settings_path() -> Path:
    """The workbook folder's settings: ``settings.json``."""
    return workbook_folder() / SETTINGS_FILE


def _zone(name: object, where: str) -> ZoneInfo:
    if isinstance(name, str) and name.strip():
        try:
            return ZoneInfo(name.strip())
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise SettingsError(
        f"{where}: {name!s} is not a time zone; use a name such as Europe/London or "
        "America/New_York, or leave the setting out to use this computer's zone"
    )


def local_zone() -> tzinfo:
    """The time zone a person reads times in: ``timezone`` in the settings, else the machine's.

    Times are stored in UTC; forms, lists and messages show them in this zone.

    Raises
    ------
    SettingsError
        When the settings file cannot be read or names no known zone (it is left as it is).

    Examples
    --------
    >>> local_zone().utcoffset(datetime(2026, 11, 16)) is not None
    True
    """
    path = settings_path()
    if not path.is_file():
        return datetime.now().astimezone().tzinfo
    try:
        settings = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SettingsError(f"{path}: cannot be read ({error}); fix or delete it") from None
    if not isinstance(settings, dict) or "timezone" not in settings:
        return datetime.now().astimezone().tzinfo
    return _zone(settings["timezone"], f"{path}, setting timezone")


def save_timezone(name: str) -> None:
    """Keep ``name`` (such as ``"Europe/London"``) as the zone times are shown in.

    Other settings in the file are kept.
    """
    _zone(name, "The time zone")
    path = settings_path()
    try:
        settings = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        settings = {}  # unreadable: rewritten whole, with the zone
    settings = settings if isinstance(settings, dict) else {}
    settings["timezone"] = name.strip()
    write_private(path, json.dumps(settings, indent=2) + "\n")
