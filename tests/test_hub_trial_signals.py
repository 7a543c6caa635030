"""`make hub` stops and cleans up on Ctrl-C, SIGTERM or a closed terminal, even when started
in the background, where it begins with SIGINT ignored.

hub/trial.py's own `main` runs in a background job of a shell that is not interactive, with
a stand-in for the hub that only notes that it was stopped: no system users, no PostgreSQL,
no JupyterHub. tests/browser/test_hub_stop.py does the same with the real hub.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Loads hub/trial.py and runs its main with a stand-in hub whose start may hang.
DRIVER = """
import importlib.util, pathlib, sys, time
spec = importlib.util.spec_from_file_location("trial", sys.argv[1])
trial = importlib.util.module_from_spec(spec)
spec.loader.exec_module(trial)
stopped = pathlib.Path(sys.argv[2])

class StandIn:
    start = trial.TrialHub.start  # the real start, which stops what it made when cut short

    def __init__(self, prefix):
        self.hang = prefix == "hang"

    def _start(self):
        print("starting", flush=True)
        while self.hang:
            time.sleep(0.1)

    def how_to_log_in(self):
        return "The trial hub is at http://127.0.0.1:1/hub/login"

    def stop(self):
        print("cleaning up", flush=True)
        time.sleep(0.5)  # a second signal meanwhile must not cut the clean-up short
        stopped.write_text(stopped.read_text() + "stopped\\n" if stopped.exists() else "stopped\\n")

trial.TrialHub = StandIn
sys.exit(trial.main(["--prefix", sys.argv[3]]))
"""
SIGINT_BIT = 1 << (signal.SIGINT - 1)


def in_the_background(tmp_path: Path, prefix: str) -> tuple[subprocess.Popen, int, Path]:
    """The trial's main as `make hub &` in a script starts it; returns the shell, the pid of
    the trial, and the file its output goes to."""
    driver, log, pid_file = tmp_path / "driver.py", tmp_path / "trial.log", tmp_path / "pid"
    driver.write_text(DRIVER)
    script = '"$0" "$1" "$2" "$3" "$4" >"$5" 2>&1 & echo $! >"$6"; wait $!'
    arguments = [driver, ROOT / "hub" / "trial.py", tmp_path / "stopped", prefix, log, pid_file]
    shell = subprocess.Popen(["sh", "-c", script, sys.executable, *map(str, arguments)])
    deadline = time.monotonic() + 60
    while "starting" not in (log.read_text() if log.exists() else ""):
        assert shell.poll() is None and time.monotonic() < deadline, log.read_text()
        time.sleep(0.05)
    return shell, int(pid_file.read_text()), log


def caught(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    return int(next(line for line in status if line.startswith("SigCgt:")).split()[1], 16)


def wait_for(log: Path, text: str) -> None:
    deadline = time.monotonic() + 30
    while text not in log.read_text():
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.05)


def impatiently(pid: int, signum: int, log: Path) -> None:
    """Send ``signum``, and again once the clean-up has begun, as an impatient person would."""
    os.kill(pid, signum)
    wait_for(log, "cleaning up")
    os.kill(pid, signum)


@pytest.mark.parametrize(
    "signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["SIGINT", "SIGTERM", "SIGHUP"]
)
def test_the_trial_in_the_background_stops_its_hub_to_the_end_on_a_signal(tmp_path, signum):
    shell, pid, log = in_the_background(tmp_path, "up")
    try:
        wait_for(log, "The trial hub is at")
        assert caught(pid) & SIGINT_BIT  # a handler of its own, though it began ignored
        impatiently(pid, signum, log)
        assert shell.wait(timeout=30) == 0, log.read_text()
    finally:
        if shell.poll() is None:
            shell.kill()
    assert "Stopping the trial hub" in log.read_text()
    assert (tmp_path / "stopped").read_text() == "stopped\n"  # once, and to the end


def test_ctrl_c_while_the_hub_starts_removes_what_it_made(tmp_path):
    shell, pid, log = in_the_background(tmp_path, "hang")
    try:
        impatiently(pid, signal.SIGINT, log)
        assert shell.wait(timeout=30) == 0, log.read_text()
    finally:
        if shell.poll() is None:
            shell.kill()
    assert "stopped before the hub was up; what it had made is removed" in log.read_text()
    assert (tmp_path / "stopped").read_text() == "stopped\n"
