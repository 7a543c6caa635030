"""Where a person's own files live: their exercises, routines and session log."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["workbook_folder"]

ENV_VAR = "UPPERBACK_HOME"


def workbook_folder() -> Path:
    """Return the user's workbook folder: ``$UPPERBACK_HOME``, else ``~/upperback``.

    Nothing is written inside the package or the repository; this folder is the user's own
    and is not created until something needs to be saved there.

    Examples
    --------
    >>> import os
    >>> os.environ["UPPERBACK_HOME"] = "/tmp/coach"
    >>> workbook_folder()
    PosixPath('/tmp/coach')
    >>> del os.environ["UPPERBACK_HOME"]
    """
    folder = os.environ.get(ENV_VAR)
    return Path(folder).expanduser() if folder else Path.home() / "upperback"
