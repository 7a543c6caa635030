"""`make hub` started in the background stops on Ctrl-C and leaves nothing behind.

A shell that is not interactive starts its background jobs with SIGINT ignored, and Python
keeps it ignored: without a handler of its own the trial hub would run on after a Ctrl-C
(`kill -INT`), with its users, homes and database.
"""

from __future__ import annotations

import glob
import os
import pwd
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.browser.hub import ROOT, missing_for_a_hub, start_trial_hub

PREFIX = "ubstop"
SIGINT = 1 << (signal.SIGINT - 1)
NAMES = [f"{PREFIX}-carol", f"{PREFIX}-alice", f"{PREFIX}-bob"]


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True


def text(path: Path) -> str:
    return path.read_text() if path.exists() else ""


def signals(pid: int | str, kind: str) -> int:
    """The mask of signals a process ignores ("SigIgn") or catches ("SigCgt")."""
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return int(next(line for line in lines if line.startswith(kind + ":")).split()[1], 16)


def system_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and text.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_the_trial_started_in_the_background_stops_on_ctrl_c(tmp_path):
    if missing_for_a_hub():
        start_trial_hub()  # skips, or fails under UPPERBACK_REQUIRE_HUB=1, and says why
    assert not any(map(system_user, NAMES)), "a trial of an earlier run is still there"
    # What the test stands on: such a shell starts its background jobs with SIGINT ignored.
    background = subprocess.run(["sh", "-c", "cat /proc/self/status & wait"], capture_output=True)
    ignored = next(x for x in background.stdout.split(b"\n") if x.startswith(b"SigIgn:"))
    assert int(ignored.split()[1], 16) & SIGINT
    folders = set(glob.glob(f"{tempfile.gettempdir()}/upperback-hub-*"))
    log, pid_file = tmp_path / "trial.log", tmp_path / "trial.pid"
    # As a script or a terminal without job control starts it: `make hub &`.
    script = f'"$0" hub/trial.py --prefix {PREFIX} >"$1" 2>&1 & echo $! >"$2"; wait $!'
    shell = subprocess.Popen(["sh", "-c", script, sys.executable, log, pid_file], cwd=ROOT)
    try:
        up = wait_for(lambda: shell.poll() is not None or "The trial hub is at" in text(log), 600)
        assert up and shell.poll() is None, text(log)
        pid = int(pid_file.read_text())
        assert signals(pid, "SigCgt") & SIGINT  # the trial catches it: a handler of its own
        made = set(glob.glob(f"{tempfile.gettempdir()}/upperback-hub-*")) - folders
        assert len(made) == 1 and all(map(system_user, NAMES))
        homes = [pwd.getpwnam(name).pw_dir for name in NAMES]
        os.kill(pid, signal.SIGINT)  # what Ctrl-C sends
        assert shell.wait(timeout=120) == 0, log.read_text()
    finally:
        if shell.poll() is None:  # the trial did not stop: end it the way it still listens
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
            shell.wait(timeout=120)
    assert "Stopping the trial hub" in log.read_text()
    assert not any(map(system_user, NAMES))
    assert not any(map(os.path.exists, [*homes, *made]))
    assert processes_mentioning(made.pop()) == []  # the hub, its proxy, PostgreSQL: all gone
