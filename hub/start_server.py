"""A person's server, started as that person: their home made private, the workbook put in it.

The hub (hub/jupyterhub_config.py) runs this as the person's own system user, in place of
`jupyterhub-singleuser`, which it then becomes:

    python hub/start_server.py /path/to/jupyterhub-singleuser --its --arguments

Before that it makes the home private (0700) and copies the app and the notebooks from the
shared workbook folder ($UPPERBACK_HUB_WORKBOOK) into it, like nbgitpuller: a file the person
already has, under that name, is left as it is, changed or not. Running as the person, it can
only ever write where they may write themselves; it still writes only into real folders and
never through a link, so a link a person made never takes the workbook somewhere else.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

HANDED_OUT = (("app", "my-back.ipynb"), ("notebooks", "*.ipynb"))  # (folder, its files)


def say(message: str) -> None:
    """A line in the hub's log, which is where a server's own messages go."""
    print(f"upperback start-up: {message}", file=sys.stderr, flush=True)


def real_folder(path: Path) -> bool:
    """Whether ``path`` is a folder itself (made here if missing), not a link to one."""
    try:
        path.mkdir()
    except FileExistsError:
        pass
    except OSError as error:
        say(f"could not make the folder {path}: {error.strerror}.")
        return False
    return stat.S_ISDIR(path.lstat().st_mode)


def copy_new(source: Path, target: Path) -> bool:
    """Copy ``source`` to a new file ``target``; a name already taken (even by a link) is kept."""
    if os.path.lexists(target):
        return False
    content = source.read_bytes()  # first: a source it can't read leaves no empty file behind
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    return True


def hand_out(workbook: Path, home: Path) -> list[Path]:
    """Put the workbook's app and notebooks in ``home``; returns the files it copied."""
    copied = []
    for folder, pattern in HANDED_OUT:
        target = home / folder
        if not real_folder(target):
            say(f"{target} is not a folder of its own (a link?): nothing was copied into it.")
            continue
        for source in sorted((workbook / folder).glob(pattern)):
            try:
                if copy_new(source, target / source.name):
                    copied.append(target / source.name)
            except OSError as error:
                say(f"could not copy {source.name} into {target}: {error.strerror}.")
    return copied


def main(argv: list[str]) -> int:
    if not argv:
        say("no server to start: give the path of jupyterhub-singleuser and its arguments.")
        return 2
    home = Path.home()
    try:
        home.chmod(0o700)  # nobody else may read a person's files
    except OSError as error:
        say(f"could not make {home} private: {error.strerror}.")
    workbook = os.environ.get("UPPERBACK_HUB_WORKBOOK")
    if workbook:
        hand_out(Path(workbook), home)
    else:
        say("UPPERBACK_HUB_WORKBOOK is not set: no notebooks were copied.")
    os.execv(argv[0], argv)
    return 1  # not reached: the server has taken this process's place


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
