"""Jupyter servers for the browser tests: started on 127.0.0.1 with a token, stopped after."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
APP = "app/my-back.ipynb"  # the client app, served on its own page as `make app` serves it


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A JupyterLab or Voila process in its own process group, with its own workbook folder."""

    def __init__(self, kind: str, target: str, home: Path):
        self.port, self.token = free_port(), secrets.token_hex(16)
        env = {**os.environ, "UPPERBACK_HOME": str(home)}
        env.pop("MPLBACKEND", None)  # the browser shows what a person's notebook shows
        if kind == "lab":
            command = [str(BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
                       f"--ServerApp.port={self.port}", f"--IdentityProvider.token={self.token}",
                       f"--ServerApp.root_dir={ROOT / target}", "--ServerApp.open_browser=False",
                       "--LabApp.news_url=None", f"--LabApp.workspaces_dir={home / 'workspaces'}",
                       f"--LabApp.app_settings_dir={ROOT / 'jupyter' / 'lab-settings'}",
                       f"--LabApp.user_settings_dir={home / 'settings'}", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]  # fmt: skip
            if os.geteuid() == 0:
                command.append("--allow-root")
        else:
            command = [str(BIN / "voila"), str(ROOT / target), "--no-browser", "--Voila.ip=127.0.0.1",
                       f"--port={self.port}", f"--token={self.token}"]  # fmt: skip
            if target == APP:  # the page people see: the Makefile's APP_PAGE and template
                env["JUPYTER_PATH"] = str(ROOT / "app" / "share" / "jupyter")
                command.append("--template=upperback-app")
        self.log = open(home / f"{kind}.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait()

    def url(self, path: str = "") -> str:
        joiner = "&" if "?" in path else "?"
        return f"http://127.0.0.1:{self.port}/{path}{joiner}token={self.token}"

    def _wait(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url(""), timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"the server did not answer within {timeout} s")

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


SHOTS = ROOT / "tests" / "screenshots"


def shot(page, name: str) -> Path:
    """Save what the page shows now, for people to look at (tests/screenshots/)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
