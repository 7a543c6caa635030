"""Where a person's own files live: their exercises, routines and session log."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["describe_workbook_folder", "workbook_folder"]

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
