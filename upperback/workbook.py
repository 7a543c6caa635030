"""Where a person's own files live, and the one way they are written: whole and private."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["describe_workbook_folder", "workbook_folder", "write_private"]

ENV_VAR = "UPPERBACK_HOME"


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
